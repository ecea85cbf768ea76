package imageserver.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Secrets kept out of the command line: the first line of a file, as --salt-file and
 * --password-file read it, or an environment variable.
 */
final class SecretFiles {
    private SecretFiles() {
    }

    /** The first line of {@code file}, without surrounding spaces; a missing, unreadable or blank one is a usage error. */
    static String firstLine(CommandSpec spec, String option, Path file) {
        String firstLine;
        try {
            firstLine = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
        } catch (IOException | UncheckedIOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " " + file + ": cannot be read ("
                    + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()) + ")");
        }
        if (firstLine.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " " + file + ": its first line is empty");
        }
        return firstLine;
    }

    /** The variable's value without surrounding spaces, or empty when it is unset or blank. */
    static Optional<String> fromEnvironment(String variable) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
