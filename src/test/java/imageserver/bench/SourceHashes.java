package imageserver.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import imageserver.index.EntryHasher;
import imageserver.index.IndexDatabase;
import imageserver.index.SaltSetting;

/**
 * Prints the hash of each file name in FOLDER as an entry of SOURCE (a folder or an archive
 * holding files of the same names), under the index's stored salt: URLs for the serve benchmark.
 * Usage: java -cp target/image-server.jar:target/test-classes imageserver.bench.SourceHashes DB SOURCE FOLDER
 */
public final class SourceHashes {
    private SourceHashes() {
    }

    public static void main(String[] args) throws Exception {
        String salt;
        try (IndexDatabase db = IndexDatabase.open(Path.of(args[0]))) {
            salt = SaltSetting.stored(db).orElseThrow();
        }
        EntryHasher hasher = new EntryHasher(salt);
        String source = Path.of(args[1]).toAbsolutePath().normalize().toString();
        try (Stream<Path> files = Files.list(Path.of(args[2]))) {
            files.map(f -> f.getFileName().toString()).sorted()
                    .forEach(name -> System.out.println(hasher.hashHex(source, name)));
        }
    }
}
