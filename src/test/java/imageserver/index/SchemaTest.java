package imageserver.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaTest {
    @TempDir
    Path dir;

    private JdbcDataSource dataSource() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("schema"));
        return ds;
    }

    @Test
    void currentVersionIsTheNewestMigration() {
        Flyway flyway = Flyway.configure().dataSource(dataSource())
                .locations("classpath:db/migration", Dialect.H2.migrations()).load();
        flyway.migrate();
        assertEquals(Schema.CURRENT_VERSION, flyway.info().current().getVersion().getVersion());
    }

    @Test
    void aNewIndexIsNotCurrentAndAMigratedOneIs() {
        JdbcDataSource ds = dataSource();
        assertFalse(Schema.isCurrent(ds));
        Schema.migrate(ds, Dialect.H2);
        assertTrue(Schema.isCurrent(ds));
    }

    @Test
    void eachDatabaseHasItsOwnSpellingOfTheSameMigrations() throws Exception {
        assertEquals(scripts("db/h2"), scripts("db/postgresql"));
    }

    private static java.util.Set<String> scripts(String folder) throws Exception {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(folder))) {
            return files.map(f -> f.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
        }
    }
}
