package imageserver.source;

import java.util.ArrayList;
import java.util.List;

/**
 * What a scan found in one source: the servable files, how many entries were skipped
 * (directories, encrypted or unsupported entries, symbolic links), how many files its
 * {@link FileSelection} left out, and a fingerprint that changes whenever any listed file's path,
 * size or mtime changes (for a folder: every file listed, taken or not).
 */
public record SourceScan(List<ScannedFile> files, int skipped, int leftOut, long fingerprint) {

    /** The files of a folder's listing that {@code selection} takes, the others counted as left out. */
    public SourceScan taking(FileSelection selection) {
        List<ScannedFile> taken = new ArrayList<>(files.size());
        for (ScannedFile file : files) {
            if (selection.takesName(file.path().substring(file.path().lastIndexOf('/') + 1))) {
                taken.add(file);
            }
        }
        return new SourceScan(taken, skipped, leftOut + files.size() - taken.size(), fingerprint);
    }
}
