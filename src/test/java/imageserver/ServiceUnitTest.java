package imageserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import imageserver.testing.ExternalTools;

/** The systemd unit that docs/operations.md offers, as systemd itself reads it. */
class ServiceUnitTest {
    @TempDir
    Path dir;

    @Test
    void theServiceUnitPassesSystemdAnalyzeVerifyWithoutAWarning() throws Exception {
        ExternalTools.require("systemd-analyze");
        String unit = Files.readString(Path.of("docs/image-server.service"));
        assertTrue(unit.contains("ExecStart=/opt/image-server/image-server serve "), unit);
        // The launcher is not installed here: point at a program that exists, keep the rest.
        Path copy = Files.writeString(dir.resolve("image-server.service"),
                unit.replace("/opt/image-server/image-server", "/bin/true"));

        Process verify = new ProcessBuilder("systemd-analyze", "verify", copy.toString()).redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(verify.waitFor(60, TimeUnit.SECONDS));

        assertEquals(0, verify.exitValue(), output);
        assertTrue(output.lines().noneMatch(line -> line.contains("image-server.service")), output);
    }
}
