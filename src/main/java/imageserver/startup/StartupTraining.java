package imageserver.startup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import imageserver.cli.Main;
import imageserver.logging.LoggingSetup;

/**
 * A short, self-contained run of {@code index}, {@code sources} and {@code serve}, with one
 * request to every route, for the build to record the JVM's startup cache from (see
 * {@link imageserver.startup}). Run as {@code java -XX:AOTCacheOutput=FILE -cp image-server.jar
 * imageserver.startup.StartupTraining WORKDIR}; the cache is written when this exits.
 * WORKDIR (emptied first) holds the library and the index, and is left in place: the server
 * still has the index open when the JVM exits.
 */
public final class StartupTraining {
    private static final Pattern LOCATION = Pattern.compile("(?im)^Location: (?:https?://[^/]+)?/([0-9a-f]{64})");

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^Content-Length: (\\d+)");

    private StartupTraining() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: StartupTraining WORKDIR");
            System.exit(2);
        }
        LoggingSetup.apply();
        try {
            train(Path.of(args[0]));
        } catch (Exception | Error e) {
            e.printStackTrace();
            // The server's threads would keep the JVM (and the build) waiting.
            System.exit(1);
        }
        // Exits through the shutdown hook that stops the server, as Ctrl-C would.
        System.exit(0);
    }

    private static void train(Path work) throws IOException, InterruptedException {
        if (Files.exists(work)) {
            deleteTree(work);
        }
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        Path photos = writeLibrary(Files.createDirectories(work));
        String db = work.resolve("index").toString();
        require(Main.run(quiet, quiet, "index", photos.toString(), work.resolve("album.zip").toString(), "--db", db), "index");
        require(Main.run(quiet, quiet, "index", "--db", db), "index (no-op)");
        require(Main.run(quiet, quiet, "sources", "--db", db), "sources");
        int port = freePort();
        Thread.ofPlatform().daemon().start(() ->
                Main.run(quiet, quiet, "serve", "--db", db, "--host", "127.0.0.1", "--port", String.valueOf(port)));
        exerciseRoutes(port);
    }

    private static void exerciseRoutes(int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!get(port, "/api/health", "").startsWith("HTTP/1.1 200")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the training server did not answer within 60 s");
            }
            Thread.sleep(20);
        }
        Matcher random = LOCATION.matcher(get(port, "/", ""));
        if (!random.find()) {
            throw new IllegalStateException("GET / gave no Location");
        }
        String hash = random.group(1);
        for (String path : new String[]{"/" + hash, "/" + hash + "?order=next&delay=3", "/random/5",
                "/next/3/" + hash, "/api/random", "/api/" + hash, "/static/viewer.js", "/static/viewer.css",
                "/api/" + "0".repeat(64), "/no-such-page"}) {
            get(port, path, "");
        }
        for (int i = 0; i < 4; i++) {
            get(port, "/api/" + hash + "/data", "");
            get(port, "/api/" + hash + "/data", "Range: bytes=10-99\r\n");
            get(port, "/api/" + hash + "/data", "If-None-Match: \"x\"\r\n");
            get(port, "/api/" + hash + "/data", "Accept-Encoding: gzip, deflate, br\r\n");
        }
    }

    /** One HTTP/1.1 request over a plain socket (no HTTP client classes in the cache). */
    private static String get(int port, String path, String headers) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.append((char) b);
            }
            Matcher length = CONTENT_LENGTH.matcher(head);
            in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0);
            return head.toString();
        } catch (IOException e) {
            return "";
        }
    }

    private static Path writeLibrary(Path work) throws IOException {
        Path photos = Files.createDirectories(work.resolve("photos/trip 2"));
        byte[] image = new byte[64 * 1024];
        new java.util.Random(7).nextBytes(image);
        for (String name : new String[]{"a 1.jpg", "a 10.png", "a 2.webp"}) {
            Files.write(photos.resolve(name), image);
        }
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(work.resolve("album.zip")))) {
            for (int i = 1; i <= 3; i++) {
                ZipEntry entry = new ZipEntry("page " + i + ".jpg");
                if (i == 1) {
                    // A stored entry too: served as a byte range, not through the inflater.
                    CRC32 crc = new CRC32();
                    crc.update(image);
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(image.length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(image);
                zip.closeEntry();
            }
        }
        return work.resolve("photos");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void require(int status, String step) {
        if (status != 0) {
            throw new IllegalStateException("training step '" + step + "' exited with " + status);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
