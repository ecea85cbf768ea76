package imageserver.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A read-only channel over a file, from {@code start} on, that serves small reads from one cached
 * block. The ZIP reader reads the central directory and local headers field by field (a 24-byte
 * read, then a 42-byte one...); unbuffered, that is one system call per field, millions for a large
 * library. Closing it leaves the file open, for its owner to close.
 */
final class BufferedReadChannel implements SeekableByteChannel {
    private static final int BLOCK = 16 * 1024;

    private final FileChannel file;
    private final long start;
    private final ByteBuffer block = ByteBuffer.allocate(BLOCK);
    private long blockStart = -1;
    private long position;
    private boolean open = true;

    /** The file from byte {@code start} on, as if that were its beginning. */
    BufferedReadChannel(FileChannel file, long start) {
        this.file = file;
        this.start = start;
        block.limit(0);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (dst.remaining() >= BLOCK) {
            int n = file.read(dst, start + position);
            if (n > 0) {
                position += n;
            }
            return n;
        }
        if (!inBlock(position)) {
            block.clear();
            blockStart = position;
            int n = file.read(block, start + position);
            block.flip();
            if (n <= 0) {
                blockStart = -1;
                return -1;
            }
        }
        int offset = (int) (position - blockStart);
        int n = Math.min(dst.remaining(), block.limit() - offset);
        dst.put(block.array(), offset, n);
        position += n;
        return n;
    }

    private boolean inBlock(long at) {
        return blockStart >= 0 && at >= blockStart && at < blockStart + block.limit();
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
        position = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        return file.size() - start;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open && file.isOpen();
    }

    @Override
    public void close() {
        open = false;
    }
}
