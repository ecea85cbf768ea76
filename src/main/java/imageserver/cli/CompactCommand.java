package imageserver.cli;

import java.util.concurrent.Callable;

import imageserver.index.IndexDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "compact", mixinStandardHelpOptions = true,
        description = {"Rewrite the index file without its free space.",
                "H2 reuses freed space but never shrinks its file; index and remove compact it by themselves"
                        + " after a salt change or a large removal, unless serve has it open."})
final class CompactCommand implements Callable<Integer> {
    @Mixin
    DatabaseOption database;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        IndexDatabase db = database.open();
        return Compactions.compact(db, spec.commandLine().getErr()) ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
