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

    /**
     * Runs one command line with the given writers and returns its exit status. What a command
     * named here will need first (the web server's classes, the index) starts loading on other
     * threads at once, while picocli reads the command line.
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        String command = subcommandName(args);
        WebWarmUp warmUp = new WebWarmUp();
        if ("serve".equals(command)) {
            warmUp.begin();
        }
        EarlyIndexOpen early = "serve".equals(command) || "index".equals(command)
                ? EarlyIndexOpen.begin(args) : EarlyIndexOpen.NONE;
        try {
            return commandLine(out, err, warmUp, early).execute(args);
        } finally {
            early.discardUnclaimed();
        }
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, new WebWarmUp(), EarlyIndexOpen.NONE);
    }

    private static CommandLine commandLine(PrintWriter out, PrintWriter err, WebWarmUp warmUp, EarlyIndexOpen early) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine cli = new CommandLine(new ImageServerCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == ServeCommand.class) {
                    return type.cast(new ServeCommand(warmUp));
                }
                return type == DatabaseOption.class ? type.cast(new DatabaseOption(early)) : defaults.create(type);
            }
        });
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new ErrorReporter());
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
