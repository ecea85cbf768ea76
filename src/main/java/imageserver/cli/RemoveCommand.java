package imageserver.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import imageserver.index.IndexDatabase;
import imageserver.index.SourceCatalog;
import imageserver.index.SourceRecord;
import imageserver.source.SourcePatterns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "remove", mixinStandardHelpOptions = true,
        description = {"Forget sources and their entries. Files on disk are not touched.",
                "A glob pattern matches the indexed paths, so sources already gone from disk can be removed."},
        footer = {"", "Examples:", "  image-server remove ./old-photos", "  image-server remove \"archives/*.zip\""})
final class RemoveCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SOURCE", arity = "1..*", description = "A source path or glob pattern.")
    List<String> sources;

    @Mixin
    DatabaseOption database;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SourcePatterns patterns = new SourcePatterns(Path.of("").toAbsolutePath());
        int status = ExitCodes.OK;
        try (IndexDatabase db = database.open()) {
            SourceCatalog catalog = new SourceCatalog(db);
            List<SourceRecord> known = catalog.all();
            long entriesBefore = known.stream().mapToLong(SourceRecord::entryCount).sum();
            long entriesRemoved = 0;
            for (String argument : sources) {
                Path absolute = patterns.absolute(argument);
                PathMatcher matcher = patterns.matcher(argument);
                List<String> targets = known.stream().map(SourceRecord::path)
                        .filter(p -> p.equals(absolute.toString()) || matcher.matches(Path.of(p)))
                        .toList();
                if (targets.isEmpty()) {
                    err.println("image-server: " + argument + ": not an indexed source");
                    status = ExitCodes.PARTIAL_FAILURE;
                }
                for (String target : targets) {
                    Optional<Integer> removed = catalog.remove(target);
                    removed.ifPresent(n -> out.println("removed " + target + " (" + n + " files)"));
                    entriesRemoved += removed.orElse(0);
                }
            }
            if (entriesRemoved > 0 && entriesRemoved * 2 >= entriesBefore) {
                // Most of the file is now free space.
                Compactions.compact(db, err);
            }
        }
        out.flush();
        err.flush();
        return status;
    }
}
