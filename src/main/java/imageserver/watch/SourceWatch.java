package imageserver.watch;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import imageserver.source.FileSelection;

/**
 * The kernel's change events (inotify on Linux, through the JDK's WatchService) for the sources:
 * every walked folder of a folder source, and the folder of each archive source for that file.
 * An event only names its source: a source is rescanned as a whole, so which file changed, and
 * events lost to an overflow, do not matter. Folders created later are watched as they appear.
 * Not thread-safe: the watcher's thread owns it.
 */
final class SourceWatch implements AutoCloseable {
    /** File systems whose servers change files without telling this kernel: they are polled. */
    private static final Set<String> NO_EVENTS = Set.of("nfs", "nfs4", "cifs", "smb3", "smbfs", "9p",
            "fuse.sshfs", "fuse.rclone", "fuse.s3fs", "afs", "ceph", "glusterfs", "davfs", "fuse.davfs2");

    private final WatchService service;
    /** What each watched folder belongs to. */
    private final Map<WatchKey, Watched> watched = new HashMap<>();

    /** A watched folder: of a folder source (every change counts), or holding archive sources (only theirs do). */
    private record Watched(Path dir, Path folderSource, FileSelection selection, Set<Path> archives) {
    }

    /** How a source is followed: by events on some folders, or by the periodic rescan, and why. */
    record Registration(Path source, int folders, String polledBecause) {
        boolean polled() {
            return polledBecause != null;
        }
    }

    SourceWatch() throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
    }

    /** Starts watching a folder source: its folders the selection walks, recursively. */
    Registration watchFolder(Path source, FileSelection selection) {
        String noEvents = fileSystemWithoutEvents(source);
        if (noEvents != null) {
            return new Registration(source, 0, "no change events on " + noEvents);
        }
        List<WatchKey> keys = new ArrayList<>();
        try {
            registerTree(source, source, selection, keys);
            return new Registration(source, keys.size(), null);
        } catch (IOException e) {
            keys.forEach(this::forget);
            return new Registration(source, 0, reason(e));
        }
    }

    /** Starts watching an archive source: its folder, for that file only. */
    Registration watchArchive(Path archive) {
        Path dir = archive.getParent();
        String noEvents = fileSystemWithoutEvents(dir);
        if (noEvents != null) {
            return new Registration(archive, 0, "no change events on " + noEvents);
        }
        try {
            WatchKey key = dir.register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
            Watched existing = watched.get(key);
            Set<Path> archives = existing != null ? existing.archives() : new HashSet<>();
            archives.add(archive);
            watched.put(key, new Watched(dir, null, null, archives));
            return new Registration(archive, 1, null);
        } catch (IOException e) {
            return new Registration(archive, 0, reason(e));
        }
    }

    /**
     * Waits up to {@code timeoutNanos} for events and returns the sources they name (none when
     * the time ran out), after watching the folders they show were created.
     */
    Set<Path> poll(long timeoutNanos) throws InterruptedException {
        Set<Path> changed = new HashSet<>();
        WatchKey key = service.poll(timeoutNanos, TimeUnit.NANOSECONDS);
        while (key != null) {
            collect(key, changed);
            key = service.poll();
        }
        return changed;
    }

    private void collect(WatchKey key, Set<Path> changed) {
        Watched w = watched.get(key);
        for (WatchEvent<?> event : key.pollEvents()) {
            if (w == null) {
                continue;
            }
            if (w.folderSource() != null) {
                changed.add(w.folderSource());
                if (event.kind() == ENTRY_CREATE && event.context() instanceof Path name) {
                    watchNewFolder(w, w.dir().resolve(name));
                }
            } else if (event.kind() == OVERFLOW) {
                changed.addAll(w.archives());
            } else if (event.context() instanceof Path name && w.archives().contains(w.dir().resolve(name))) {
                changed.add(w.dir().resolve(name));
            }
        }
        if (!key.reset()) {
            watched.remove(key);  // the folder is gone
        }
    }

    /** A folder created (or moved in) under a watched one: it and its subfolders are watched from now on. */
    private void watchNewFolder(Watched parent, Path child) {
        if (!Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)
                || !parent.selection().walks(child.getFileName().toString())) {
            return;
        }
        try {
            registerTree(child, parent.folderSource(), parent.selection(), new ArrayList<>());
        } catch (IOException e) {
            // Gone again, or past the watch limit: the source's rescan still sees what it holds.
        }
    }

    private void registerTree(Path top, Path source, FileSelection selection, List<WatchKey> keys) throws IOException {
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(top) && !selection.walks(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                // Registering a folder again (renamed, or moved in) gives its key back: its path is updated.
                WatchKey key = dir.register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
                watched.put(key, new Watched(dir, source, selection, null));
                keys.add(key);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                // An unreadable folder: its source's rescan reports it.
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void forget(WatchKey key) {
        key.cancel();
        watched.remove(key);
    }

    /** Stops watching every folder of these sources (removed from the index, or to be watched afresh). */
    void unwatch(Set<Path> sources) {
        List<WatchKey> keys = new ArrayList<>();
        for (Map.Entry<WatchKey, Watched> e : watched.entrySet()) {
            Watched w = e.getValue();
            boolean unneeded = w.folderSource() != null
                    ? sources.contains(w.folderSource())
                    : w.archives().removeAll(sources) && w.archives().isEmpty();
            if (unneeded) {
                keys.add(e.getKey());
            }
        }
        keys.forEach(this::forget);
    }

    /** The type of the file system holding {@code path} if it sends no change events, else null. */
    private static String fileSystemWithoutEvents(Path path) {
        try {
            String type = Files.getFileStore(path).type().toLowerCase(Locale.ROOT);
            return NO_EVENTS.contains(type) ? type : null;
        } catch (IOException e) {
            return null;  // unreadable now: the rescan says why
        }
    }

    private static String reason(IOException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("inotify") || message.contains("watches")) {
            return "past the system's limit of watched folders (fs.inotify.max_user_watches)";
        }
        return "cannot watch it: " + message;
    }

    @Override
    public void close() throws IOException {
        service.close();
    }
}
