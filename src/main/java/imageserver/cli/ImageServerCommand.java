package imageserver.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level {@code image-server} command: only subcommands do work. */
@Command(name = "image-server",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Index folders and ZIP/CBZ archives of images, and browse them in a full-screen slideshow.",
        subcommands = {
                IndexCommand.class,
                ServeCommand.class,
                SourcesCommand.class,
                RemoveCommand.class,
                TokenCommand.class,
                CompactCommand.class,
                picocli.CommandLine.HelpCommand.class
        })
public final class ImageServerCommand implements Runnable {
    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show details (stack traces) with errors.")
    boolean verbose;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
