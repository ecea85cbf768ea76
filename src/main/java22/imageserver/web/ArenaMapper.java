package imageserver.web;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;

/**
 * Maps files into a shared {@link Arena}, whose close unmaps them at once. Compiled for JDK 22+
 * only (the FFM API); {@link FileMapping#mapper()} loads it when the running JDK has it.
 */
final class ArenaMapper implements FileMapping.Mapper {
    @Override
    public FileMapping map(FileChannel channel, long size) throws IOException {
        Arena arena = Arena.ofShared();
        try {
            return new Mapped(arena, channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena));
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    private record Mapped(Arena arena, MemorySegment segment) implements FileMapping {
        @Override
        public long size() {
            return segment.byteSize();
        }

        @Override
        public void copy(long position, byte[] target, int offset, int length) {
            MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, position, target, offset, length);
        }

        @Override
        public void unmap() {
            arena.close();
        }
    }
}
