package imageserver.source;

import java.util.List;

/**
 * What a scan found in one source: the servable files, how many entries were skipped
 * (directories, encrypted or unsupported entries, symbolic links), and a fingerprint of
 * the whole listing that changes whenever any file's path, size or mtime changes.
 */
public record SourceScan(List<ScannedFile> files, int skipped, long fingerprint) {
}
