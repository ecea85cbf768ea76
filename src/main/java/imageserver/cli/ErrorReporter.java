package imageserver.cli;

import picocli.CommandLine;

/**
 * Turns an exception out of a command into one line on stderr naming what failed, and the
 * failure exit status. The stack trace is shown only with {@code --verbose}.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        cli.getErr().println("image-server: error: " + message);
        if (isVerbose(parsed)) {
            e.printStackTrace(cli.getErr());
        }
        cli.getErr().flush();
        return ExitCodes.FAILURE;
    }

    /**
     * A wrong command line: the message that names the flag or value, and where help is, rather
     * than picocli's default of the whole usage text, in which the message gets lost.
     */
    static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        cli.getErr().println("image-server: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, cli.getErr());
        cli.getErr().println("Try '" + cli.getCommandSpec().qualifiedName() + " --help' for more information.");
        cli.getErr().flush();
        return ExitCodes.USAGE;
    }

    /** Whether the command line that ran {@code spec}'s command asked for --verbose, before or after the subcommand. */
    static boolean isVerbose(CommandLine.Model.CommandSpec spec) {
        return isVerbose(spec.root().commandLine().getParseResult());
    }

    private static boolean isVerbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
