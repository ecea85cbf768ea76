package imageserver.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/** Debian command-line tools that tests run for real: zip, unzip and 7z for archives, systemd-analyze, openssl, cwebp, exiftool, nginx. */
public final class ExternalTools {
    private ExternalTools() {
    }

    /** Skips the test when a tool is missing, except on CI, where .ci/run installs them and a miss is a failure. */
    public static void require(String... tools) {
        for (String tool : tools) {
            boolean installed = List.of("/usr/bin/", "/bin/", "/usr/sbin/", "/usr/local/bin/").stream()
                    .anyMatch(d -> Files.isExecutable(Path.of(d + tool)));
            if ("true".equals(System.getenv("CI"))) {
                assertTrue(installed, tool + " is missing (.ci/run installs what the tests need)");
            } else {
                Assumptions.assumeTrue(installed, "needs " + tool + " (Debian: zip, unzip, p7zip-full, systemd, openssl, webp, libimage-exiftool-perl, nginx-light)");
            }
        }
    }

    /** Runs a command in {@code dir} and returns its standard output; any exit status but 0 fails the test. */
    public static byte[] run(Path dir, String... command) throws IOException, InterruptedException {
        return run(dir, 0, command);
    }

    /** Runs a command whose exit status may be up to {@code worstStatus} (unzip says 1 for warnings). */
    public static byte[] run(Path dir, int worstStatus, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out;
        try (InputStream in = process.getInputStream()) {
            out = in.readAllBytes();
        }
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), String.join(" ", command) + " timed out");
        assertTrue(process.exitValue() <= worstStatus, String.join(" ", command) + " exited with " + process.exitValue());
        return out;
    }

    /** Runs a shell line in {@code dir} (for pipes and redirections) and returns its standard output. */
    public static byte[] shell(Path dir, String line) throws IOException, InterruptedException {
        return run(dir, "/bin/sh", "-c", line);
    }
}
