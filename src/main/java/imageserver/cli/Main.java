package imageserver.cli;

import java.io.PrintWriter;

import imageserver.logging.LoggingSetup;

import picocli.CommandLine;

/** Entry point: builds the command line, runs it, and turns its result into the exit status. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        LoggingSetup.apply();
        int status = run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        // serve returns only when it has stopped; everything else is done here too.
        System.exit(status);
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
