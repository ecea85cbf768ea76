package imageserver.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * serve's password: from a file or the environment, never from the command line, where ps and
 * the shell's history would show it.
 */
final class PasswordOption {
    static final String VARIABLE = "IMAGE_SERVER_PASSWORD";

    @Option(names = "--password-file", paramLabel = "FILE",
            description = {"Require a login: the password is the first line of FILE (or $IMAGE_SERVER_PASSWORD).",
                    "Every route but /api/health then needs a session, the password (HTTP Basic)",
                    "or the API token (image-server token)."})
    Path passwordFile;

    /** The password, or empty when the server is open to all; {@code warnings} learns of a file others can read. */
    Optional<String> value(CommandSpec spec, PrintWriter warnings) {
        if (passwordFile == null) {
            return SecretFiles.fromEnvironment(VARIABLE);
        }
        String firstLine = SecretFiles.firstLine(spec, "--password-file", passwordFile);
        if (othersCanRead(passwordFile)) {
            warnings.println("image-server: warning: --password-file " + passwordFile
                    + " can be read by other users of this machine (chmod 600 " + passwordFile + ")");
            warnings.flush();
        }
        return Optional.of(firstLine);
    }

    private static boolean othersCanRead(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return permissions.contains(PosixFilePermission.OTHERS_READ);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
