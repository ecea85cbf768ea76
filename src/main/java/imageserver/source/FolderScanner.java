package imageserver.source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveTask;

/**
 * Turns a folder's listing into its contents: the files the selection takes, and the entries of
 * each archive in it (at any depth), read unless the index already holds that archive at the same
 * size and time. Archives are read in parallel, as fork/join tasks of the pool the scan runs in
 * (the common pool outside one), so that a folder of archives indexes as fast as the same archives
 * given as sources. An archive that cannot be read fails alone.
 */
public final class FolderScanner {
    private final ZipScanner zips = new ZipScanner();

    /**
     * @param root     the folder source
     * @param listing  every file in its walked folders ({@link DirectoryScanner})
     * @param indexed  the archives the index holds for this folder, by path inside it, with the
     *                 size and time they had when read
     */
    public FolderScan scan(Path root, SourceScan listing, FileSelection selection, Map<String, ArchiveStamp> indexed) {
        List<ScannedFile> files = new ArrayList<>(listing.files().size());
        List<NestedArchive> unchanged = new ArrayList<>();
        List<ArchiveTask> reads = new ArrayList<>();
        int leftOut = listing.leftOut();
        for (ScannedFile file : listing.files()) {
            String name = file.path().substring(file.path().lastIndexOf('/') + 1);
            if (selection.opensArchive(name)) {
                ArchiveStamp stamp = new ArchiveStamp(file.size(), file.mtime());
                if (stamp.equals(indexed.get(file.path()))) {
                    unchanged.add(NestedArchive.unchanged(file.path(), stamp));
                } else {
                    reads.add(new ArchiveTask(root, file.path(), stamp, selection));
                }
            } else if (!SourceKind.isArchiveName(name) && selection.takesName(name)) {
                files.add(file);
            } else {
                leftOut++;
            }
        }
        List<NestedArchive> archives = new ArrayList<>(unchanged);
        int skipped = listing.skipped();
        for (ArchiveTask task : ForkJoinTask.invokeAll(reads)) {
            Read read = task.join();
            archives.add(read.archive());
            if (read.scan() != null) {
                files.addAll(read.scan().files());
                skipped += read.scan().skipped();
                leftOut += read.scan().leftOut();
            }
        }
        return new FolderScan(new SourceScan(files, skipped, leftOut, listing.fingerprint()), archives);
    }

    /** One archive's outcome, and its entries when it was read. */
    private record Read(NestedArchive archive, SourceScan scan) {
    }

    private final class ArchiveTask extends RecursiveTask<Read> {
        private final Path root;
        private final String path;
        private final ArchiveStamp stamp;
        private final FileSelection selection;

        ArchiveTask(Path root, String path, ArchiveStamp stamp, FileSelection selection) {
            this.root = root;
            this.path = path;
            this.stamp = stamp;
            this.selection = selection;
        }

        @Override
        protected Read compute() {
            try {
                SourceScan scan = zips.scan(root.resolve(path), selection, path);
                return new Read(NestedArchive.read(path, stamp, scan.skipped()), scan);
            } catch (ScanException e) {
                return new Read(NestedArchive.failed(path, stamp, e), null);
            }
        }
    }
}
