package imageserver.source;

import java.util.List;

/**
 * What a scan found in a folder source: the files its selection takes and the entries of the
 * archives it read ({@code scan}), and every archive inside it with what became of it.
 */
public record FolderScan(SourceScan scan, List<NestedArchive> archives) {
}
