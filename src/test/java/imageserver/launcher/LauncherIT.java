package imageserver.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import imageserver.testing.ServeProcess;
import imageserver.testing.TestFiles;

/**
 * The packaged launcher, target/image-server, as the README runs it (after {@code mvn package},
 * hence an integration test).
 */
class LauncherIT {
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path LAUNCHER = TARGET.resolve("image-server");

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void launcherServesAFolderStartingFromTheBuildsStartupCache() throws Exception {
        TestFiles.write(dir.resolve("photos/a.jpg"), "a");
        TestFiles.zip().stored("b.jpg", "bb").writeTo(dir.resolve("b.zip"));
        // These make the JVM refuse to start, rather than run without it, if the cache cannot be used.
        String cacheRequired = Files.exists(TARGET.resolve("image-server.aot")) ? "-XX:AOTMode=on" : "-Xshare:on";

        try (ServeProcess serve = ServeProcess.launch(LAUNCHER, Map.of("JAVA_OPTS", cacheRequired),
                dir.resolve("serve.log"), dir.resolve("photos").toString(), dir.resolve("b.zip").toString(),
                "--db", dir.resolve("db/index").toString())) {
            assertEquals(2, serve.files());
            HttpResponse<String> health = get(serve.url() + "api/health");
            assertEquals(200, health.statusCode());
            assertTrue(health.body().contains("\"files\": 2"), health.body());
        }
    }

    @Test
    void everyCommandStartsFromTheBuildsStartupCache() throws Exception {
        TestFiles.write(dir.resolve("photos/a.jpg"), "a");
        String db = dir.resolve("db/index").toString();
        boolean aot = Files.exists(TARGET.resolve("image-server.aot"));
        String suffix = aot ? ".aot" : ".jsa";
        // PrintCommandLineFlags names the cache; the mode makes the JVM refuse to start without it.
        String flags = "-XX:+PrintCommandLineFlags " + (aot ? "-XX:AOTMode=on" : "-Xshare:on");

        String index = runLauncher(flags, "index", dir.resolve("photos").toString(), "--db", db);
        assertTrue(index.contains("image-server" + suffix), index);
        assertTrue(index.contains("added: 1"), index);
        String sources = runLauncher(flags, "sources", "--db", db);
        assertTrue(sources.contains("image-server" + suffix), sources);
    }

    /** Runs the launcher to completion with JAVA_OPTS; its output (both streams), asserting exit status 0. */
    private String runLauncher(String javaOpts, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_OPTS", javaOpts);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        return output;
    }

    @Test
    void serveThroughTheLauncherRunsWithABoundedHeapAndACollectorThatJavaOptsCanReplace() throws Exception {
        TestFiles.write(dir.resolve("photos/a.jpg"), "a");
        String db = dir.resolve("db/index").toString();

        try (ServeProcess serve = ServeProcess.launch(LAUNCHER, Map.of(), dir.resolve("a.log"),
                dir.resolve("photos").toString(), "--db", db)) {
            String flags = vmFlags(serve);
            assertEquals(megabytes(System.getProperty("serve.heap")), maxHeapBytes(flags));
            assertTrue(flags.contains("-XX:+UseSerialGC"), flags);
            // A periodic trim blocks allocating threads while it runs: the slowest requests took up to 2 s.
            assertFalse(flags.contains("TrimNativeHeapInterval"), flags);
            // Malloc's blocks of 16 KB and more mapped on their own: the JIT's freed work areas go back.
            assertTrue(environment(serve).contains("MALLOC_MMAP_THRESHOLD_=16384"), String.join(" ", environment(serve)));
        }
        // Naming another collector must not stop the JVM with "Multiple garbage collectors selected".
        try (ServeProcess serve = ServeProcess.launch(LAUNCHER,
                Map.of("JAVA_OPTS", "-XX:+UseG1GC -Xmx300m", "MALLOC_MMAP_THRESHOLD_", "65536"), dir.resolve("b.log"), "--db", db)) {
            String flags = vmFlags(serve);
            assertEquals(300L << 20, maxHeapBytes(flags));
            assertTrue(flags.contains("-XX:+UseG1GC"), flags);
            assertTrue(environment(serve).contains("MALLOC_MMAP_THRESHOLD_=65536"), "the user's own malloc setting stays");
        }
    }

    /** The environment the server's JVM runs with (the launcher execs it). */
    private static List<String> environment(ServeProcess serve) throws IOException {
        byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(serve.process().pid()), "environ"));
        return List.of(new String(environ, StandardCharsets.UTF_8).split("\0"));
    }

    /**
     * Helidon finds its service registry and feature files through the list in
     * META-INF/helidon/manifest. When the shaded jar kept only one Helidon module's list, Helidon
     * fell back to scanning the jar and reopened it as a zip file system for every file it read:
     * a fifth of the CPU of starting serve.
     */
    @Test
    void shadedJarListsEveryHelidonModulesMetadataInOneMergedManifest() throws IOException {
        try (JarFile jar = new JarFile(TARGET.resolve("image-server.jar").toFile())) {
            ZipEntry manifestEntry = jar.getEntry("META-INF/helidon/manifest");
            assertNotNull(manifestEntry, "no Helidon manifest in the jar");
            List<String> manifest = new String(jar.getInputStream(manifestEntry).readAllBytes(), StandardCharsets.UTF_8)
                    .lines().toList();
            List<String> moduleFiles = jar.stream().map(ZipEntry::getName)
                    .filter(name -> name.matches("META-INF/helidon/[^/]+/[^/]+") && !name.contains("/native-image/"))
                    .toList();

            assertTrue(moduleFiles.size() > 10, "expected the metadata of several Helidon modules: " + moduleFiles);
            for (String file : moduleFiles) {
                assertTrue(manifest.contains(file), file + " is missing from the merged manifest: " + manifest);
            }
            // Helidon reads the lists as resources only when it sees they were merged (more than one header).
            assertTrue(manifest.stream().filter("#HELIDON MANIFEST#"::equals).count() > 1, manifest.toString());
        }
    }

    /** "112m" (the pom's serve.heap) in bytes. */
    private static long megabytes(String setting) {
        assertTrue(setting != null && setting.endsWith("m"), "serve.heap should be set in megabytes: " + setting);
        return Long.parseLong(setting.substring(0, setting.length() - 1)) << 20;
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The running JVM's flags (jcmd VM.flags). */
    private static String vmFlags(ServeProcess serve) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(serve.process().pid()), "VM.flags")
                .redirectErrorStream(true).start();
        String flags = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return flags;
    }

    private static long maxHeapBytes(String flags) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("-XX:MaxHeapSize=(\\d+)").matcher(flags);
        assertTrue(m.find(), flags);
        return Long.parseLong(m.group(1));
    }
}
