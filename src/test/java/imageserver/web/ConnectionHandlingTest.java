package imageserver.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.helidon.common.configurable.Resource;
import io.helidon.common.pki.Keys;
import io.helidon.common.tls.Tls;
import io.helidon.webserver.WebServer;

import imageserver.index.IndexDatabase;
import imageserver.index.IndexReader;
import imageserver.testing.ExternalTools;
import imageserver.testing.RawHttp;
import imageserver.testing.ServedIndex;
import imageserver.testing.TestFiles;

/** How connections end, over raw sockets: closed when the client asks, kept open otherwise; unknown paths are 404. */
class ConnectionHandlingTest {
    @TempDir
    Path dir;

    private ServedIndex served;
    private int port;
    private String file;
    private String entry;

    @BeforeEach
    void serve() throws Exception {
        TestFiles.write(dir.resolve("photos/a.jpg"), TestFiles.bytes(50_000, 1));
        TestFiles.zip().stored("s.jpg", TestFiles.bytes(4_000, 2)).deflated("d.png", "deflate ".repeat(500))
                .writeTo(dir.resolve("book.zip"));
        served = ServedIndex.of(dir.resolve("db"), List.of(dir.resolve("photos"), dir.resolve("book.zip")));
        port = URI.create(served.url("/")).getPort();
        file = served.entry("photos", "a.jpg").hash();
        entry = served.entry("book.zip", "d.png").hash();
    }

    @AfterEach
    void stop() {
        served.close();
    }

    private static String request(String method, String path, String... headers) {
        return method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n" + String.join("", headers) + "\r\n";
    }

    @Test
    void everyRouteClosesTheConnectionOnceAnsweredWhenTheClientAsks() throws Exception {
        record Case(String method, String path, int status) {
        }
        List<Case> cases = List.of(
                new Case("GET", "/api/health", 200), new Case("GET", "/api/random", 200),
                new Case("GET", "/api/" + file, 200), new Case("GET", "/api/" + file + "/data", 200),
                new Case("HEAD", "/api/" + file + "/data", 200), new Case("GET", "/api/" + entry + "/data", 200),
                new Case("GET", "/static/viewer.js", 200), new Case("GET", "/", 302),
                new Case("GET", "/" + file, 200), new Case("GET", "/next/2", 302),
                new Case("GET", "/random/2/" + file, 301), new Case("GET", "/api/" + "0".repeat(64), 404),
                new Case("GET", "/nowhere/at/all/here", 404));
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            try {
                RawHttp.Response response = RawHttp.untilClosed(port,
                        request(c.method(), c.path(), "Connection: close\r\n"), 2_000);
                if (response.status() != c.status()) {
                    failures.add(c + ": " + response.status());
                }
            } catch (java.net.SocketTimeoutException e) {
                failures.add(c + ": still open after 2 s");
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void http10RequestsAreAnsweredAndTheirConnectionClosed() throws Exception {
        // As nginx's proxy_pass sends them by default: HTTP/1.0, with or without Host.
        RawHttp.Response data = RawHttp.untilClosed(port, "GET /api/" + file + "/data HTTP/1.0\r\n\r\n", 2_000);
        assertEquals(200, data.status());
        assertEquals(50_000, data.body().length());
        assertEquals(302, RawHttp.untilClosed(port, "GET / HTTP/1.0\r\nHost: localhost\r\n\r\n", 2_000).status());
        assertEquals(200, RawHttp.untilClosed(port, "HEAD /api/" + entry + "/data HTTP/1.0\r\n\r\n", 2_000).status());
        assertEquals(404, RawHttp.untilClosed(port, "GET /nowhere/at/all/here HTTP/1.0\r\n"
                + "Connection: keep-alive\r\n\r\n", 2_000).status());
    }

    @Test
    void requestsTooLargeToReadAreRefusedAtOnceAndClosed() throws Exception {
        String longPath = "/" + "a".repeat(10_000);
        assertEquals(414, RawHttp.untilClosed(port, request("GET", longPath), 2_000).status());
        assertEquals(414, RawHttp.untilClosed(port, "GET " + longPath + " HTTP/1.0\r\n\r\n", 2_000).status());
        assertEquals(400, RawHttp.untilClosed(port, request("GET", "/api/health", "X-Big: " + "b".repeat(20_000) + "\r\n"),
                2_000).status());
    }

    @Test
    void withoutConnectionCloseOneConnectionAnswersRequestAfterRequest() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (String path : List.of("/api/health", "/api/" + file + "/data", "/api/" + entry + "/data", "/api/health")) {
                out.write(request("GET", path).getBytes(StandardCharsets.ISO_8859_1));
                String head = readHead(in);
                assertEquals("HTTP/1.1 200 OK", head.lines().findFirst().orElse(""), path);
                int length = Integer.parseInt(head.replaceAll("(?is).*content-length:\\s*(\\d+).*", "$1"));
                assertEquals(length, in.readNBytes(length).length, path);
            }
        }
    }

    /** A client of a server that closes connections idle for 1 s. */
    private interface Client {
        void talk(Socket socket) throws Exception;
    }

    /** Runs {@code client} against a server of an empty index whose idle timeout is 1 s. */
    private void withOneSecondIdleTimeout(Client client) throws Exception {
        withOneSecondIdleTimeout(null, client);
    }

    /** As above, over TLS with {@code tls} (the client asks for HTTP/1.1 by ALPN, as curl does) unless null. */
    private void withOneSecondIdleTimeout(Tls tls, Client client) throws Exception {
        try (IndexDatabase db = IndexDatabase.open(dir.resolve("idle/index"))) {
            IndexReader reader = new IndexReader(db);
            var builder = ImageServer.builder("127.0.0.1", 0, Duration.ofSeconds(1))
                    .routing(routing -> WebRoutes.configure(routing, reader, System::nanoTime, java.util.Optional.empty(),
                            java.util.Optional.empty()));
            if (tls != null) {
                builder.tls(tls);
            }
            WebServer server = builder.build().start();
            try (Socket socket = tls == null ? new Socket("127.0.0.1", server.port()) : tlsSocket(server.port())) {
                client.talk(socket);
            } finally {
                server.stop();
            }
        }
    }

    private static Socket tlsSocket(int port) throws Exception {
        javax.net.ssl.SSLContext trustingAll = javax.net.ssl.SSLContext.getInstance("TLS");
        trustingAll.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String type) {
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String type) {
            }

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        }}, null);
        javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) trustingAll.getSocketFactory().createSocket("127.0.0.1", port);
        javax.net.ssl.SSLParameters parameters = socket.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {"http/1.1"});
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        assertEquals("http/1.1", socket.getApplicationProtocol());
        return socket;
    }

    /** A self-signed certificate made by openssl, loaded as serve loads --tls-cert and --tls-key. */
    private Tls selfSignedTls() throws Exception {
        ExternalTools.require("openssl");
        ExternalTools.run(dir, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes", "-days", "2", "-keyout", "key.pem", "-out", "cert.pem", "-subj", "/CN=localhost");
        Keys keys = Keys.builder().pem(pem -> pem.key(Resource.create(dir.resolve("key.pem")))
                .certChain(Resource.create(dir.resolve("cert.pem")))).build();
        return Tls.builder().privateKey(keys.privateKey().orElseThrow()).privateKeyCertChain(keys.certChain()).build();
    }

    @Test
    void aConnectionLeftIdleIsClosedAfterTheIdleTimeout() throws Exception {
        withOneSecondIdleTimeout(socket -> {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request("GET", "/api/health").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String head = readHead(in);
            in.readNBytes(Integer.parseInt(head.replaceAll("(?is).*content-length:\\s*(\\d+).*", "$1")));

            assertEquals(-1, in.read(), "the server closed the idle connection (else: a 5 s read timeout)");
        });
    }

    @Test
    void aClientTricklingItsHeadersIsCutOffAtTheIdleTimeout() throws Exception {
        withOneSecondIdleTimeout(ConnectionHandlingTest::trickleHeaders);
    }

    @Test
    void aClientTricklingItsHeadersOverTlsIsCutOffToo() throws Exception {
        withOneSecondIdleTimeout(selfSignedTls(), ConnectionHandlingTest::trickleHeaders);
    }

    private static void trickleHeaders(Socket socket) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write("GET /api/health HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.ISO_8859_1));
        // One header line every 200 ms, for up to 10 s: the server must close the socket first.
        boolean cut = false;
        for (int i = 0; i < 50 && !cut; i++) {
            Thread.sleep(200);
            try {
                out.write(("X-Slow-" + i + ": x\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                socket.setSoTimeout(1);
                cut = socket.getInputStream().read() == -1;
            } catch (java.net.SocketTimeoutException stillOpen) {
                // nothing to read: the server is still waiting for headers
            } catch (java.io.IOException closed) {
                cut = true;
            }
        }
        assertTrue(cut, "the server kept reading headers for 10 s");
    }

    @Test
    void pathsThatNameNoRouteAreNotFoundNeverARedirect() throws Exception {
        for (String path : List.of("/foo/5", "/foo/5/" + file, "/api/" + file + "/../../etc/passwd", "/next/2/x/y")) {
            assertEquals(404, RawHttp.exchange(port, request("GET", path, "Connection: close\r\n")).status(), path);
        }
        assertEquals(302, RawHttp.exchange(port, request("GET", "/random/0.5")).status());
    }

    private static String readHead(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new AssertionError("closed after: " + head);
            }
            head.append((char) c);
        }
        return head.toString();
    }
}
