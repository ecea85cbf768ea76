package imageserver.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code image-server serve} as a real child process, started from the test classpath. */
public final class ServeProcess implements AutoCloseable {
    private static final Pattern STARTED = Pattern.compile("serving (\\d+) files from .* at (https?://[^ ]+/)");

    private final Process process;
    private final String url;
    private final long files;
    private final Path stderr;
    /** What serve printed on stdout after its startup line, read as it comes so that the pipe never fills. */
    private final StringBuffer stdout = new StringBuffer();

    private ServeProcess(Process process, String url, long files, Path stderr, BufferedReader rest) {
        this.process = process;
        this.url = url;
        this.files = files;
        this.stderr = stderr;
        Thread.ofPlatform().daemon().name("serve-stdout").start(() -> {
            try {
                for (String line = rest.readLine(); line != null; line = rest.readLine()) {
                    stdout.append(line).append('\n');
                }
            } catch (IOException e) {
                // the process ended
            }
        });
    }

    /**
     * Starts {@code serve ARGS} (with {@code --host 127.0.0.1 --port 0} unless ARGS has a --host)
     * with the given JVM options and waits
     * for its startup line; stderr (with the access log) goes to {@code stderr}.
     */
    public static ServeProcess start(List<String> jvmOptions, Path stderr, String... args) throws IOException {
        return run(new ProcessBuilder(javaCommand(jvmOptions)), stderr, args);
    }

    /**
     * As {@link #start}, but run as root it loses root's power to read any file (setpriv drops the
     * capabilities that override permissions), so that a folder made unreadable is unreadable to
     * serve too.
     */
    public static ServeProcess startRespectingPermissions(Path stderr, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        if (((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0) {
            command.addAll(List.of("setpriv", "--bounding-set", "-dac_override,-dac_read_search"));
        }
        command.addAll(javaCommand(List.of()));
        return run(new ProcessBuilder(command), stderr, args);
    }

    private static List<String> javaCommand(List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "imageserver.cli.Main"));
        return command;
    }

    /** Starts {@code LAUNCHER serve ARGS} (the packaged target/image-server) with these environment variables. */
    public static ServeProcess launch(Path launcher, Map<String, String> environment, Path stderr, String... args)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(launcher.toString())));
        builder.environment().putAll(environment);
        return run(builder, stderr, args);
    }

    private static ServeProcess run(ProcessBuilder builder, Path stderr, String... args) throws IOException {
        List<String> command = builder.command();
        command.add("serve");
        command.addAll(List.of(args));
        if (!List.of(args).contains("--host")) {
            command.addAll(List.of("--host", "127.0.0.1", "--port", "0"));
        }
        Process process = builder.redirectError(stderr.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher m = STARTED.matcher(line);
            if (m.find()) {
                return new ServeProcess(process, m.group(2), Long.parseLong(m.group(1)), stderr, out);
            }
        }
        throw new AssertionError("serve never printed its URL; stderr: " + Files.readString(stderr));
    }

    /** The base URL, ending with '/'. */
    public String url() {
        return url;
    }

    public long files() {
        return files;
    }

    public Process process() {
        return process;
    }

    public String stderr() throws IOException {
        return Files.readString(stderr);
    }

    /** What serve has printed on stdout since its startup line. */
    public String stdout() {
        return stdout.toString();
    }

    /** Waits until the server has written {@code text} to stdout, polling; fails after {@code seconds}. */
    public void awaitStdout(String text, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!stdout().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server did not print \"" + text + "\" within " + seconds + " s: " + stdout());
            }
            Thread.sleep(20);
        }
    }

    /** Waits until the server has written {@code text} to stderr, polling; fails after {@code seconds}. */
    public void awaitStderr(String text, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!stderr().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server did not write \"" + text + "\" within " + seconds + " s: " + stderr());
            }
            Thread.sleep(20);
        }
    }

    /** Resident set size from /proc, in kB. */
    public long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + process.pid());
    }

    public long openFileDescriptors() throws IOException {
        try (var fds = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
            return fds.count();
        }
    }

    /** The heap in use right after a full GC (jcmd GC.run, then GC.heap_info), in kB: the live set. */
    public long liveHeapKb() throws IOException, InterruptedException {
        jcmd("GC.run");
        Matcher used = Pattern.compile("used (\\d+)K").matcher(jcmd("GC.heap_info"));
        if (!used.find()) {
            throw new IllegalStateException("jcmd GC.heap_info printed no heap use");
        }
        return Long.parseLong(used.group(1));
    }

    /** Whether a thread of this name runs in the server now (jcmd Thread.print). */
    public boolean hasThread(String name) throws IOException, InterruptedException {
        return jcmd("Thread.print").contains("\"" + name + "\"");
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(process.pid()), command).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(jcmd.waitFor(30, TimeUnit.SECONDS), "jcmd " + command);
        return out;
    }

    /** SIGTERM, then waits for the process to end. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        assertTrue(process.waitFor(20, TimeUnit.SECONDS), "serve stops on SIGTERM");
    }
}
