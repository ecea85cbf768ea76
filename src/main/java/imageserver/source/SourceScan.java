package imageserver.source;

import java.util.List;

/**
 * What a scan found in one source: the servable files, how many entries were skipped
 * (directories, encrypted or unsupported entries, symbolic links), how many files its
 * {@link FileSelection} left out, and a fingerprint that changes whenever any listed file's path,
 * size or mtime changes (for a folder: every file listed, taken or not).
 */
public record SourceScan(List<ScannedFile> files, int skipped, int leftOut, long fingerprint) {
}
