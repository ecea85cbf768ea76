package imageserver.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.logging.LogManager;

import picocli.CommandLine;

/** Entry point: builds the command line, runs it, and turns its result into the exit status. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        configureLogging();
        int status = run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        // serve returns only when it has stopped; everything else is done here too.
        System.exit(status);
    }

    /** Applies the bundled logging.properties unless the user named a configuration of their own. */
    private static void configureLogging() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        try (InputStream config = Main.class.getResourceAsStream("/logging.properties")) {
            if (config != null) {
                LogManager.getLogManager().readConfiguration(config);
            }
        } catch (IOException e) {
            System.err.println("image-server: cannot read the bundled logging.properties: " + e.getMessage());
        }
    }

    /** Runs one command line with the given writers and returns its exit status. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return commandLine(out, err).execute(args);
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new ImageServerCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new ErrorReporter());
        return cli;
    }
}
