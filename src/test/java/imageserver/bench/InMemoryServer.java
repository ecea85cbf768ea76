package imageserver.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;

import imageserver.logging.LoggingSetup;
import imageserver.index.MimeTypes;
import imageserver.web.AccessLog;
import imageserver.web.ImageServer;

/**
 * The ceiling of the HTTP layer for the serve benchmark: the same Helidon server settings as
 * image-server (ImageServer.builder), answering GET /mem/{name} with the bytes, held in memory, of
 * the file of that name anywhere under DIR (names are unique in the benchmark's images).
 * Usage: java -cp target/image-server.jar:target/test-classes imageserver.bench.InMemoryServer PORT DIR
 */
public final class InMemoryServer {
    private InMemoryServer() {
    }

    public static void main(String[] args) throws Exception {
        LoggingSetup.apply();
        int port = Integer.parseInt(args[0]);
        Map<String, byte[]> files = new HashMap<>();
        try (Stream<Path> list = Files.walk(Path.of(args[1]))) {
            for (Path file : list.filter(Files::isRegularFile).toList()) {
                files.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
        WebServer server = ImageServer.builder("127.0.0.1", port)
                .routing(routing -> routing.addFilter(new AccessLog()).get("/mem/{name}", (req, res) -> {
                    byte[] bytes = files.get(req.path().pathParameters().get("name"));
                    if (bytes == null) {
                        res.status(404).send();
                        return;
                    }
                    res.header(HeaderNames.CONTENT_TYPE, MimeTypes.forName(req.path().pathParameters().get("name")));
                    res.send(bytes);
                }))
                .build()
                .start();
        System.out.println("in-memory server on port " + server.port() + " with " + files.size() + " files");
    }
}
