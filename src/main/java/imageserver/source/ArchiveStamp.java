package imageserver.source;

/** An archive file's size and modification time (epoch ms): when both are unchanged, it is not reopened. */
public record ArchiveStamp(long size, long mtime) {
}
