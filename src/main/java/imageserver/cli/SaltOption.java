package imageserver.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The {@code --salt} option of the commands that compute hashes. */
final class SaltOption {
    @Option(names = "--salt", paramLabel = "KEY",
            description = "The secret mixed into every hash. Default: the one stored in the index"
                    + " (a random one for a new index). A different KEY recomputes every hash.")
    String salt;

    /** The requested salt, or null to keep the stored one. */
    String value(CommandSpec spec) {
        if (salt != null && salt.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--salt must not be empty");
        }
        return salt;
    }
}
