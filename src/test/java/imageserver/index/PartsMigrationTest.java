package imageserver.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import imageserver.testing.TestFiles;

/** An index written before entries were numbered in parts (schema 5) keeps its files, and takes changes. */
class PartsMigrationTest {
    @TempDir
    Path dir;

    @Test
    void aFolderIndexedBeforePartsKeepsItsOrderAndHashesAndTakesAnAddedFile() throws Exception {
        Path folder = dir.resolve("photos");
        List<String> names = new ArrayList<>(List.of("a1.jpg", "a2.jpg", "a10.jpg"));
        for (String name : names) {
            TestFiles.write(folder.resolve(name), name);
        }
        Path index = dir.resolve("db/index");
        Files.createDirectories(index.getParent());
        writeSchema5Index(index, folder, names);

        try (IndexDatabase db = IndexDatabase.open(index)) {
            String salt = SaltSetting.establish(db, null).salt();
            EntryHasher hasher = new EntryHasher(salt);
            TestFiles.write(folder.resolve("a3.jpg"), "a3");
            new Indexer(db, salt, IndexListener.NONE).rescan(List.of(folder));

            IndexReader reader = new IndexReader(db);
            List<String> inOrder = new ArrayList<>();
            for (long p = 1; p <= reader.total(); p++) {
                IndexedEntry entry = reader.atPosition(p).orElseThrow();
                inOrder.add(entry.path());
                assertEquals(p, reader.byHash(hasher.hashHex(folder.toString(), entry.path())).orElseThrow().position());
            }
            assertEquals(List.of("a1.jpg", "a2.jpg", "a3.jpg", "a10.jpg"), inOrder);
        }
    }

    /** What version 5 wrote for a folder: its rows numbered by source id, with their lookup left to rebuild. */
    private static void writeSchema5Index(Path index, Path folder, List<String> namesInOrder) throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + index);
        Flyway.configure().dataSource(ds).locations("classpath:db/migration", Dialect.H2.migrations()).target("5").load().migrate();
        String salt = "0123456789abcdef";
        EntryHasher hasher = new EntryHasher(salt);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO settings (name, val) VALUES ('salt', '" + salt + "'), ('lookup_stale', 'test')");
            st.executeUpdate("INSERT INTO sources (id, path, kind, fingerprint, state, entry_count) VALUES (7, '"
                    + folder + "', 'DIRECTORY', 0, 'OK', " + namesInOrder.size() + ")");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO entries (pos, hash_key, path, mime, size, mtime,"
                    + " method, data_offset, compressed_size, crc) VALUES (?, ?, ?, 'image/jpeg', ?, ?, -1, -1, -1, -1)")) {
                for (int i = 0; i < namesInOrder.size(); i++) {
                    Path file = folder.resolve(namesInOrder.get(i));
                    ps.setLong(1, (7L << 32) + i + 1);
                    ps.setLong(2, hasher.key(folder.toString(), namesInOrder.get(i)));
                    ps.setString(3, namesInOrder.get(i));
                    ps.setLong(4, Files.size(file));
                    ps.setLong(5, Files.getLastModifiedTime(file).toMillis());
                    ps.executeUpdate();
                }
            }
        }
    }
}
