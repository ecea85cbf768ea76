package imageserver.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.stream.Stream;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import imageserver.logging.LoggingSetup;
import imageserver.source.MimeTypes;
import imageserver.web.AccessLog;
import imageserver.web.ImageServer;
import imageserver.web.ResponseBodies;

/**
 * The references of the serve benchmark, with the same Helidon server settings as image-server
 * (ImageServer.builder), for the file of that name anywhere under DIR (names are unique in the
 * benchmark's images):
 * <ul>
 *   <li>GET /mem/{name}: the bytes held in memory, the ceiling of the HTTP layer, written as
 *       image-server writes a body (ResponseBodies);</li>
 *   <li>GET /mem-send/{name}: the same through Helidon's {@code ServerResponse.send(byte[])}, which
 *       copies the body (what the ceiling was until image-server stopped using it);</li>
 *   <li>GET /map/{name}: the bytes copied out of a mapping of the file made at start into a pooled
 *       buffer, then written as /mem writes them: what any route that reads files costs through
 *       Helidon's byte-array writes, with no lookup, no check of the file and no other header;</li>
 *   <li>GET /disk/{name}: the bytes read from the file at every request (open, read into a pooled
 *       buffer, close), with no index and no other header: what reading files costs any server
 *       that has no zero-copy path to the socket, as Helidon SE 4.5 has not.</li>
 * </ul>
 * Usage: java -cp target/image-server.jar:target/test-classes imageserver.bench.InMemoryServer PORT DIR
 */
public final class InMemoryServer {
    private static final int BUFFER_SIZE = 256 * 1024;

    private InMemoryServer() {
    }

    public static void main(String[] args) throws Exception {
        LoggingSetup.apply();
        int port = Integer.parseInt(args[0]);
        Map<String, byte[]> files = new HashMap<>();
        Map<String, Path> paths = new HashMap<>();
        Map<String, MappedByteBuffer> mapped = new HashMap<>();
        try (Stream<Path> list = Files.walk(Path.of(args[1]))) {
            for (Path file : list.filter(Files::isRegularFile).toList()) {
                files.put(file.getFileName().toString(), Files.readAllBytes(file));
                paths.put(file.getFileName().toString(), file);
                try (FileChannel channel = FileChannel.open(file)) {
                    mapped.put(file.getFileName().toString(), channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()));
                }
            }
        }
        // Last in, first out, as image-server's BufferPool: the buffer read into is still in cache.
        BlockingDeque<byte[]> buffers = new LinkedBlockingDeque<>(64);
        WebServer server = ImageServer.builder("127.0.0.1", port)
                .routing(routing -> routing.addFilter(new AccessLog())
                        .get("/mem/{name}", (req, res) -> fromMemory(files, req, res,
                                (response, bytes) -> ResponseBodies.send(response, bytes, 0, bytes.length)))
                        .get("/mem-send/{name}", (req, res) -> fromMemory(files, req, res, ServerResponse::send))
                        .get("/map/{name}", (req, res) -> fromFile(mapped, buffers, req, res, (file, buffer) -> {
                            file.get(0, buffer, 0, file.capacity());
                            return file.capacity();
                        }))
                        .get("/disk/{name}", (req, res) -> fromFile(paths, buffers, req, res, InMemoryServer::readWhole)))
                .build()
                .start();
        System.out.println("reference server on port " + server.port() + " with " + files.size() + " files");
    }

    /** How a route fills a pooled buffer with a file's bytes: the number of bytes. */
    private interface Fill<T> {
        int into(T file, byte[] buffer) throws IOException;
    }

    /** Sends the file named by the path through a pooled buffer (last in, first out, as image-server's BufferPool). */
    private static <T> void fromFile(Map<String, T> files, BlockingDeque<byte[]> buffers, ServerRequest req, ServerResponse res,
            Fill<T> fill) throws IOException {
        String name = req.path().pathParameters().get("name");
        T file = files.get(name);
        if (file == null) {
            res.status(404).send();
            return;
        }
        byte[] pooled = buffers.pollFirst();
        byte[] buffer = pooled != null ? pooled : new byte[BUFFER_SIZE];
        int length = fill.into(file, buffer);
        res.header(HeaderNames.CONTENT_TYPE, MimeTypes.forName(name));
        ResponseBodies.send(res, buffer, 0, length);
        buffers.offerFirst(buffer);
    }

    /** Opens, reads and closes the file, as a server without an open-file cache does at every request. */
    private static int readWhole(Path file, byte[] buffer) throws IOException {
        ByteBuffer target = ByteBuffer.wrap(buffer);
        try (FileChannel channel = FileChannel.open(file)) {
            while (target.hasRemaining() && channel.read(target) > 0) {
                // until the end of the file (the images are far smaller than the buffer)
            }
        }
        return target.position();
    }

    /** How a route hands the bytes to the response. */
    private interface Sender {
        void send(ServerResponse res, byte[] bytes) throws IOException;
    }

    private static void fromMemory(Map<String, byte[]> files, ServerRequest req, ServerResponse res, Sender sender)
            throws IOException {
        String name = req.path().pathParameters().get("name");
        byte[] bytes = files.get(name);
        if (bytes == null) {
            res.status(404).send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, MimeTypes.forName(name));
        sender.send(res, bytes);
    }
}
