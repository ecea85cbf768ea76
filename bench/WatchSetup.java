// Set-up time of a recursive watch over a folder (decision 0011): the JDK's WatchService as
// image-server registers it, io.methvin:directory-watcher without and with its file hashing.
//   java -cp DIRECTORY_WATCHER_JARS bench/WatchSetup.java FOLDER jdk|dw-nohash|dw
// DIRECTORY_WATCHER_JARS: directory-watcher 0.19.1, jna 5.16.0 and slf4j-api 1.7.36 from
// ~/.m2/repository (mvn dependency:get -Dartifact=io.methvin:directory-watcher:0.19.1).
import java.nio.file.*;
import java.nio.file.attribute.BasicFileAttributes;
import java.io.IOException;
import io.methvin.watcher.DirectoryWatcher;
import io.methvin.watcher.hashing.FileHasher;

/** Set-up time of a recursive watch over ROOT: the JDK's WatchService, directory-watcher with and without file hashing. */
public class WatchSetup {
    public static void main(String[] a) throws Exception {
        Path root = Path.of(a[0]);
        String how = a[1];
        long t = System.nanoTime();
        int[] dirs = {0};
        if (how.equals("jdk")) {
            WatchService ws = FileSystems.getDefault().newWatchService();
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes x) throws IOException {
                    d.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
                    dirs[0]++;
                    return FileVisitResult.CONTINUE;
                }
            });
        } else {
            DirectoryWatcher.Builder b = DirectoryWatcher.builder().path(root).listener(e -> {});
            if (how.equals("dw-nohash")) b = b.fileHashing(false);
            DirectoryWatcher w = b.build();
            w.watchAsync();
        }
        System.out.printf("%s: set up in %.2f s%n", how, (System.nanoTime() - t) / 1e9);
        System.exit(0);
    }
}
