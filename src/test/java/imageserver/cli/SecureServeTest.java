package imageserver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import imageserver.testing.ExternalTools;
import imageserver.testing.ServeProcess;
import imageserver.testing.TestFiles;

/** serve as a real process with a password and HTTPS (a self-signed certificate made by openssl), and without. */
class SecureServeTest {
    @TempDir
    Path dir;

    @Test
    void withACertificateAndAPasswordServeAnswersHttpsAndItsCookieIsSecure() throws Exception {
        ExternalTools.require("openssl");
        TestFiles.write(dir.resolve("photos/a.jpg"), "ABCDEFGHIJ");
        ExternalTools.run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-keyout", "key.pem", "-out", "cert.pem", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost");
        Path password = TestFiles.write(dir.resolve("password.txt"), "a long pass phrase\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));

        try (ServeProcess serve = ServeProcess.start(List.of(), dir.resolve("serve.err"), dir.resolve("photos").toString(),
                "--db", dir.resolve("db/index").toString(), "--password-file", password.toString(),
                "--tls-cert", dir.resolve("cert.pem").toString(), "--tls-key", dir.resolve("key.pem").toString())) {
            assertTrue(serve.url().startsWith("https://127.0.0.1:"), serve.url());
            HttpClient https = HttpClient.newBuilder().sslContext(trusting(dir.resolve("cert.pem"))).build();

            assertEquals(200, https.send(HttpRequest.newBuilder(URI.create(serve.url() + "api/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(401, https.send(HttpRequest.newBuilder(URI.create(serve.url() + "api/random")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            HttpResponse<String> login = https.send(HttpRequest.newBuilder(URI.create(serve.url() + "login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("password=a+long+pass+phrase&next=%2F")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(303, login.statusCode());
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(cookie.endsWith("; Secure"), cookie);
            assertEquals(200, https.send(HttpRequest.newBuilder(URI.create(serve.url() + "api/random"))
                    .header("Cookie", cookie.split(";")[0]).build(), HttpResponse.BodyHandlers.ofString()).statusCode());

            String hash = https.send(HttpRequest.newBuilder(URI.create(serve.url() + "api/random"))
                    .header("Cookie", cookie.split(";")[0]).build(), HttpResponse.BodyHandlers.ofString()).body()
                    .replaceAll(".*\"([0-9a-f]{64})\".*", "$1");
            HttpResponse<byte[]> range = https.send(HttpRequest.newBuilder(URI.create(serve.url() + "api/" + hash + "/data"))
                    .header("Cookie", cookie.split(";")[0]).header("Range", "bytes=1-").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(HttpClient.Version.HTTP_2, range.version(), "a client that offers HTTP/2 gets it");
            assertEquals(206, range.statusCode());
            assertEquals("BCDEFGHIJ", new String(range.body(), java.nio.charset.StandardCharsets.US_ASCII));

            assertTrue(closesAfterConnectionClose(serve.url(), dir.resolve("cert.pem")),
                    "an HTTP/1.1 request with Connection: close over TLS gets its answer, then the end of the stream");

            HttpClient untrusting = HttpClient.newHttpClient();
            assertThrows(IOException.class, () -> untrusting.send(HttpRequest.newBuilder(URI.create(serve.url()
                    + "api/health")).build(), HttpResponse.BodyHandlers.ofString()), "a self-signed certificate is checked");
            String plain = serve.url().replace("https://", "http://");
            assertFalse(answersPlainHttp(plain + "api/health"), "no plain HTTP on the TLS port");
            assertFalse(serve.stderr().contains("warning: no password"), serve.stderr());
        }
    }

    @Test
    void withoutAPasswordBeyondLoopbackServeSaysThatAnyoneCanBrowse() throws Exception {
        TestFiles.write(dir.resolve("photos/a.jpg"), "a");
        try (ServeProcess open = ServeProcess.start(List.of(), dir.resolve("open.err"), dir.resolve("photos").toString(),
                "--db", dir.resolve("db/index").toString(), "--no-watch", "--host", "0.0.0.0", "--port", "0")) {
            open.awaitStderr("can browse every file", 10);
            assertTrue(open.stderr().contains("warning: no password: anyone who can reach "), open.stderr());
            assertTrue(open.stderr().contains("--password-file FILE (or IMAGE_SERVER_PASSWORD)"), open.stderr());
            assertTrue(open.stderr().contains("--host 127.0.0.1"), open.stderr());
        }
        try (ServeProcess local = ServeProcess.start(List.of(), dir.resolve("local.err"),
                "--db", dir.resolve("db/index").toString(), "--no-watch")) {
            assertEquals(200, HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(local.url()
                    + "api/health")).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
            assertFalse(local.stderr().contains("warning: no password"), "loopback only: " + local.stderr());
        }
    }

    /** A raw TLS socket that asks for HTTP/1.1 by ALPN, as curl does, sends one request and reads to the end. */
    private static boolean closesAfterConnectionClose(String url, Path certificate) throws Exception {
        URI uri = URI.create(url);
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) trusting(certificate).getSocketFactory()
                .createSocket(uri.getHost(), uri.getPort())) {
            javax.net.ssl.SSLParameters parameters = socket.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {"http/1.1"});
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(2_000);
            socket.getOutputStream().write(("GET /api/health HTTP/1.1\r\nHost: " + uri.getAuthority()
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            return answer.startsWith("HTTP/1.1 200") && "http/1.1".equals(socket.getApplicationProtocol());
        } catch (java.net.SocketTimeoutException e) {
            return false;
        }
    }

    private static boolean answersPlainHttp(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(java.time.Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode() == 200;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trust.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
