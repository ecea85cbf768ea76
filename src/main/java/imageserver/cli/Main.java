package imageserver.cli;

import java.io.PrintWriter;

import imageserver.logging.LoggingSetup;
import imageserver.startup.WebWarmUp;

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

    /**
     * Runs one command line with the given writers and returns its exit status. For {@code serve},
     * the web server's classes start warming up at once, while picocli reads the command line
     * and the index opens (see {@link imageserver.startup}).
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        WebWarmUp warmUp = new WebWarmUp();
        if ("serve".equals(subcommandName(args))) {
            warmUp.begin();
        }
        return commandLine(out, err, warmUp).execute(args);
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, new WebWarmUp());
    }

    private static CommandLine commandLine(PrintWriter out, PrintWriter err, WebWarmUp warmUp) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine cli = new CommandLine(new ImageServerCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == ServeCommand.class ? type.cast(new ServeCommand(warmUp)) : defaults.create(type);
            }
        });
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new ErrorReporter());
        cli.setParameterExceptionHandler(ErrorReporter::usageError);
        return cli;
    }

    /** The first argument that is not an option: the top-level options take no value. */
    private static String subcommandName(String... args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return null;
    }
}
