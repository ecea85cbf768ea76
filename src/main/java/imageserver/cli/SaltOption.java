package imageserver.cli;

import java.nio.file.Path;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The salt options of the commands that compute hashes: given, read from a file, or from the environment. */
final class SaltOption {
    static final String VARIABLE = "IMAGE_SERVER_SALT";

    @Option(names = "--salt", paramLabel = "KEY",
            description = {"The secret mixed into every hash. Default: --salt-file, else $IMAGE_SERVER_SALT, else",
                    "the one stored in the index (a random one for a new index). A different KEY",
                    "recomputes every hash. A KEY here shows in ps and the shell's history."})
    String salt;

    @Option(names = "--salt-file", paramLabel = "FILE", description = "Read the salt from the first line of FILE.")
    Path saltFile;

    @Option(names = "--force", description = {"Change the salt even while serve has the index open:",
            "every link it has handed out stops working."})
    boolean force;

    /** The requested salt, or null to keep the stored one. */
    String value(CommandSpec spec) {
        if (salt != null && saltFile != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --salt or --salt-file, not both");
        }
        if (salt != null) {
            if (salt.isBlank()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--salt must not be empty");
            }
            return salt;
        }
        if (saltFile != null) {
            return SecretFiles.firstLine(spec, "--salt-file", saltFile);
        }
        return SecretFiles.fromEnvironment(VARIABLE).orElse(null);
    }
}
