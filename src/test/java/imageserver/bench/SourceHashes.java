package imageserver.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import imageserver.index.EntryHasher;
import imageserver.index.IndexDatabase;
import imageserver.index.SaltSetting;

/**
 * Prints the hash of each file under FOLDER (by its '/'-separated path relative to FOLDER) as an
 * entry of SOURCE (a folder or an archive holding files of the same paths), under the index's
 * stored salt, in path order: URLs for the serve benchmark.
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
        Path folder = Path.of(args[2]);
        try (Stream<Path> files = Files.walk(folder)) {
            files.filter(Files::isRegularFile)
                    .map(f -> folder.relativize(f).toString().replace('\\', '/')).sorted()
                    .forEach(path -> System.out.println(hasher.hashHex(source, path)));
        }
    }
}
