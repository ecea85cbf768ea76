package imageserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import imageserver.testing.ExternalTools;
import imageserver.testing.ServeProcess;
import imageserver.testing.TestDatabase;
import imageserver.testing.TestFiles;

/**
 * The deployment of docs/deployment: one PostgreSQL index, two serve processes behind nginx with
 * the repository's own nginx.conf (its ports moved to free ones), an index run in a third
 * process, then one replica killed.
 */
class DeploymentTest {
    private static final int FILES = 30;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void twoReplicasBehindNginxSeeAnIndexRunWithinTwoSecondsAndSurviveTheLossOfOne() throws Exception {
        ExternalTools.require("nginx");
        String index = TestDatabase.POSTGRESQL.index(dir).value();
        Path photos = dir.resolve("photos");
        for (int i = 0; i < FILES; i++) {
            TestFiles.write(photos.resolve(String.format("%02d.jpg", i)), "photo " + i);
        }
        try (ServeProcess first = replica(index, "first");
             ServeProcess second = replica(index, "second")) {
            int frontPort = freePort();
            Process nginx = startNginx(first, second, frontPort);
            try {
                String front = "http://127.0.0.1:" + frontPort + "/";
                assertTrue(get(front + "api/health").body().contains("\"files\": 0"));

                Process indexing = new ProcessBuilder(javaMain("index", photos.toString(), "--db", index))
                        .redirectErrorStream(true).redirectOutput(dir.resolve("index.log").toFile()).start();
                assertTrue(indexing.waitFor(120, TimeUnit.SECONDS));
                assertEquals(0, indexing.exitValue(), Files.readString(dir.resolve("index.log")));
                long indexed = System.nanoTime();
                for (ServeProcess replica : List.of(first, second)) {
                    while (!get(replica.url() + "api/health").body().contains("\"files\": " + FILES)) {
                        assertTrue(System.nanoTime() - indexed < Duration.ofSeconds(2).toNanos(),
                                replica.url() + " did not see the index run within 2 s");
                    }
                }
                // Both answer alike: the same hashes at the same positions.
                String hash = hashIn(get(front + "api/random").body());
                assertEquals(get(first.url() + "api/" + hash).body(), get(second.url() + "api/" + hash).body());

                first.process().destroyForcibly().waitFor();
                for (int i = 0; i < 40; i++) {
                    HttpResponse<String> random = get(front + "api/random");
                    assertEquals(200, random.statusCode(), "request " + i + " after one replica died: " + random.body());
                    HttpResponse<byte[]> data = http.send(HttpRequest.newBuilder(
                            URI.create(front + "api/" + hashIn(random.body()) + "/data")).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    assertEquals(200, data.statusCode(), "request " + i + " for bytes");
                    assertTrue(new String(data.body()).startsWith("photo "));
                }
            } finally {
                nginx.destroy();
                nginx.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private ServeProcess replica(String index, String name) throws Exception {
        return ServeProcess.start(List.of(), dir.resolve(name + ".err"), "--db", index, "--no-watch",
                "--thumb-cache", "off");
    }

    /** nginx with the repository's config, its replicas' and its own ports replaced, in a folder of its own. */
    private Process startNginx(ServeProcess first, ServeProcess second, int frontPort) throws Exception {
        String site = Files.readString(Path.of("docs/deployment/nginx.conf"))
                .replace("127.0.0.1:8001", "127.0.0.1:" + URI.create(first.url()).getPort())
                .replace("127.0.0.1:8002", "127.0.0.1:" + URI.create(second.url()).getPort())
                .replace("listen 8080;", "listen 127.0.0.1:" + frontPort + ";");
        Path prefix = Files.createDirectories(dir.resolve("nginx"));
        Files.writeString(prefix.resolve("site.conf"), site);
        // What a distribution's nginx.conf provides around conf.d/, here within the test's folder.
        Files.writeString(prefix.resolve("nginx.conf"), String.join("\n",
                "user root;",
                "worker_processes 1;",
                "pid " + prefix.resolve("nginx.pid") + ";",
                "error_log " + prefix.resolve("error.log") + " info;",
                "events { worker_connections 64; }",
                "http {",
                "  access_log " + prefix.resolve("access.log") + ";",
                "  client_body_temp_path " + prefix.resolve("body") + ";",
                "  proxy_temp_path " + prefix.resolve("proxy") + ";",
                "  fastcgi_temp_path " + prefix.resolve("fastcgi") + ";",
                "  uwsgi_temp_path " + prefix.resolve("uwsgi") + ";",
                "  scgi_temp_path " + prefix.resolve("scgi") + ";",
                "  include " + prefix.resolve("site.conf") + ";",
                "}", ""));
        Process nginx = new ProcessBuilder("nginx", "-p", prefix.toString(), "-c", prefix.resolve("nginx.conf").toString(),
                "-g", "daemon off;").redirectErrorStream(true).redirectOutput(prefix.resolve("stdout").toFile()).start();
        long started = System.nanoTime();
        while (true) {
            try {
                get("http://127.0.0.1:" + frontPort + "/api/health");
                return nginx;
            } catch (java.io.IOException notYet) {
                assertTrue(nginx.isAlive(), "nginx stopped: " + readIfAny(prefix.resolve("stdout"))
                        + readIfAny(prefix.resolve("error.log")));
                assertTrue(System.nanoTime() - started < Duration.ofSeconds(20).toNanos(), "nginx did not listen");
            }
        }
    }

    private static String readIfAny(Path file) throws java.io.IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static List<String> javaMain(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "imageserver.cli.Main"));
        command.addAll(List.of(args));
        return command;
    }

    private static String hashIn(String json) {
        return json.replaceAll("(?s).*?\"([0-9a-f]{64})\".*", "$1");
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
