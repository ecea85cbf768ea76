package imageserver.source;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveTask;

/**
 * Walks a folder recursively and lists every regular file, in the folders its {@link FileSelection}
 * walks (hidden folders and resource forks are not, by default). Which of the files are taken is
 * decided later ({@link SourceScan#taking}), once the listing's fingerprint has shown that
 * something changed: a no-op reindex then costs no test per file. Subfolders are listed in parallel,
 * as fork/join tasks of the pool the scan runs in (the common pool outside one): listing a large
 * tree and reading its attributes is most of a no-op reindex, and one thread leaves a core idle.
 * <p>
 * Symbolic links are followed only when their target lies inside the source's root, and
 * only after the real folders have been walked, one at a time in name order, so that a
 * folder reachable both directly and through a link is always named by its real path.
 * A folder reached twice is walked once. Any read error fails the whole scan, so that a
 * half-read folder never removes entries from the index.
 */
public final class DirectoryScanner {

    public SourceScan scan(Path root, FileSelection selection) throws ScanException {
        Path realRoot;
        BasicFileAttributes rootAttrs;
        try {
            realRoot = root.toRealPath();
            rootAttrs = Files.readAttributes(realRoot, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new ScanException("cannot read folder: " + describe(e), e);
        }
        if (!rootAttrs.isDirectory()) {
            throw new ScanException("cannot read folder: not a folder", null);
        }
        Walk walk = new Walk(root, realRoot, selection);
        try {
            walk.claim(realRoot, rootAttrs);
            Listing listing = walk.listTree(root);
            Deque<Path> links = new ArrayDeque<>(Walk.sortedByName(listing.links));
            while (!links.isEmpty()) {
                Listing linked = walk.follow(links.removeFirst());
                listing.addFilesOf(linked);
                // Links found behind a link come after the ones already waiting, in name order.
                links.addAll(Walk.sortedByName(linked.links));
            }
            return new SourceScan(listing.files, listing.skipped, 0, listing.fingerprint.value());
        } catch (RuntimeException e) {
            throw Failure.unwrap(e);
        }
    }

    private static String describe(IOException e) {
        String reason = e.getClass().getSimpleName().replace("Exception", "");
        return switch (reason) {
            case "NoSuchFile" -> "no such file or folder";
            case "AccessDenied" -> "permission denied";
            case "NotDirectory" -> "not a folder";
            default -> e.getMessage() == null ? reason : e.getMessage();
        };
    }

    /** What part of a walk found: files, skipped entries and the links it left for later. */
    private static final class Listing {
        final List<ScannedFile> files = new ArrayList<>();
        final List<Path> links = new ArrayList<>();
        final Fingerprint fingerprint = new Fingerprint();
        int skipped;

        void add(ScannedFile file) {
            files.add(file);
            fingerprint.add(file.path(), file.size(), file.mtime());
        }

        void addFilesOf(Listing other) {
            files.addAll(other.files);
            fingerprint.add(other.fingerprint);
            skipped += other.skipped;
        }

        void addAll(Listing other) {
            addFilesOf(other);
            links.addAll(other.links);
        }
    }

    /** A read error deep in a fork/join task, carried up to {@link #scan} unchecked. */
    private static final class Failure extends RuntimeException {
        private final ScanException scan;

        private Failure(ScanException scan) {
            super(scan.getMessage(), scan, false, false);
            this.scan = scan;
        }

        /** Fork/join may rethrow a copy of a task's exception in the joining thread: the cause chain holds ours. */
        static ScanException unwrap(RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof Failure failure) {
                    return failure.scan;
                }
            }
            throw e;
        }
    }

    /** The state of one scan; a new one per call keeps the scanner itself stateless. */
    private static final class Walk {
        private final Path root;
        /** What every walked path starts with: the root and a separator. */
        private final String rootPrefix;
        private final Path realRoot;
        private final FileSelection selection;
        private final Set<Object> visitedDirectories = ConcurrentHashMap.newKeySet();

        Walk(Path root, Path realRoot, FileSelection selection) {
            this.root = root;
            String rootString = root.toString();
            String separator = root.getFileSystem().getSeparator();
            this.rootPrefix = rootString.endsWith(separator) ? rootString : rootString + separator;
            this.realRoot = realRoot;
            this.selection = selection;
        }

        /** Whether {@code dir} is walked for the first time; the caller walks it only then. */
        boolean claim(Path dir, BasicFileAttributes attrs) {
            // The file key (device and inode) names a folder however it is reached, cheaper than its real path.
            Object identity;
            try {
                identity = attrs.fileKey() != null ? attrs.fileKey() : dir.toRealPath();
            } catch (IOException e) {
                throw failure(dir, e);
            }
            return visitedDirectories.add(identity);
        }

        /** Lists {@code dir} and, in parallel, every real folder below it; links are left in the listing. */
        Listing listTree(Path dir) {
            return new FolderTask(dir).invoke();
        }

        /** A link found by a walk: its file, or the tree behind it, named by the link's path. */
        Listing follow(Path link) {
            Listing listing = new Listing();
            Path target;
            BasicFileAttributes attrs;
            try {
                target = link.toRealPath();
                attrs = Files.readAttributes(target, BasicFileAttributes.class);
            } catch (IOException dangling) {
                listing.skipped++;
                return listing;
            }
            if (!target.startsWith(realRoot)) {
                listing.skipped++;
            } else if (attrs.isRegularFile()) {
                listing.add(file(link, attrs));
            } else if (attrs.isDirectory()) {
                if (selection.walksPath(relative(link)) && claim(target, attrs)) {
                    return listTree(link);
                }
            } else {
                listing.skipped++;
            }
            return listing;
        }

        static List<Path> sortedByName(List<Path> links) {
            List<Path> sorted = new ArrayList<>(links);
            sorted.sort(Comparator.comparing(Path::toString));
            return sorted;
        }

        /** One folder: its files, and a task per real subfolder that has not been walked yet. */
        private final class FolderTask extends RecursiveTask<Listing> {
            private final Path dir;

            FolderTask(Path dir) {
                this.dir = dir;
            }

            @Override
            protected Listing compute() {
                Listing listing = new Listing();
                List<FolderTask> subfolders = new ArrayList<>();
                try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
                    for (Path child : children) {
                        BasicFileAttributes attrs = attributes(child);
                        if (attrs.isSymbolicLink()) {
                            listing.links.add(child);
                        } else if (attrs.isRegularFile()) {
                            listing.add(file(child, attrs));
                        } else if (attrs.isDirectory()) {
                            if (selection.walks(child.getFileName().toString()) && claim(child, attrs)) {
                                subfolders.add(new FolderTask(child));
                            }
                        } else {
                            listing.skipped++;
                        }
                    }
                } catch (IOException e) {
                    throw failure(dir, e);
                } catch (DirectoryIteratorException e) {
                    // A read error after the folder opened: reported like one when opening it.
                    throw failure(dir, e.getCause());
                }
                for (FolderTask subfolder : ForkJoinTask.invokeAll(subfolders)) {
                    listing.addAll(subfolder.join());
                }
                return listing;
            }

            private BasicFileAttributes attributes(Path child) {
                try {
                    return Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    throw failure(child, e);
                }
            }
        }

        private ScannedFile file(Path file, BasicFileAttributes attrs) {
            return new ScannedFile(relative(file), attrs.size(), attrs.lastModifiedTime().toMillis(),
                    ScannedFile.Storage.NONE);
        }

        private Failure failure(Path path, IOException e) {
            String where = path.equals(root) ? "cannot read folder" : relative(path);
            return new Failure(new ScanException(where + ": " + describe(e), e));
        }

        /**
         * The path of {@code file} inside the source, '/'-separated. Walked paths are the root's
         * path plus a suffix, so cutting the prefix gives it without Path.relativize, which was a
         * large part of a no-op reindex.
         */
        private String relative(Path file) {
            String path = file.toString();
            String inside = path.startsWith(rootPrefix)
                    ? path.substring(rootPrefix.length()) : root.relativize(file).toString();
            String separator = file.getFileSystem().getSeparator();
            return separator.equals("/") ? inside : inside.replace(separator, "/");
        }
    }
}
