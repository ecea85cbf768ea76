package imageserver.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import imageserver.index.IndexDatabase;
import imageserver.index.SaltSetting;
import imageserver.source.FileSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "index", mixinStandardHelpOptions = true,
        description = {
                "Record folders and ZIP/CBZ archives in the index, incrementally.",
                "Without SOURCE, rescans every source the index already holds."},
        footer = {"", "Examples:",
                "  image-server index ./photos",
                "  image-server index \"archives/*.zip\" \"comics/**/*.cbz\"",
                "  image-server index            # rescan everything known"})
final class IndexCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SOURCE", arity = "0..*",
            description = "A folder, a .zip/.cbz archive, or a quoted glob pattern (*, ?, **, {a,b}).")
    List<String> sources = new ArrayList<>();

    @Mixin
    DatabaseOption database;

    @Mixin
    SaltOption salt;

    @Option(names = "--all-files", description = {"Take every regular file, hidden ones and junk included,",
            "not only images, video and audio. Remembered per source."})
    boolean allFiles;

    @Option(names = "--known-only", hidden = true,
            description = "Rescan those of SOURCE the index holds, adding none: how serve rescans its largest sources.")
    boolean knownOnly;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SourceIndexing indexing = new SourceIndexing(spec);
        try (IndexDatabase db = database.open()) {
            SaltSetting.Outcome salting = indexing.establishSalt(db, salt.value(spec), salt.force);
            int status = knownOnly ? indexing.rescanKnown(db, salting.salt(), sources)
                    : indexing.index(db, salting.salt(), sources, allFiles ? FileSelection.ALL_FILES : FileSelection.MEDIA);
            if (salting.rehashed() > 0) {
                // Every row was rewritten: most of the file is now free space.
                Compactions.compact(db, spec.commandLine().getErr());
            }
            return status;
        }
    }
}
