package imageserver.cli;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

import imageserver.index.IndexDatabase;
import imageserver.index.SourceCatalog;
import imageserver.index.SourceRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "sources", mixinStandardHelpOptions = true,
        description = "List the indexed sources: kind, files, when last scanned and last changed, state, path.")
final class SourcesCommand implements Callable<Integer> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    @Mixin
    DatabaseOption database;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<SourceRecord> sources;
        try (IndexDatabase db = database.open()) {
            sources = new SourceCatalog(db).all();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (sources.isEmpty()) {
            out.println("no sources indexed (add some with: image-server index SOURCE...)");
        } else {
            out.printf("%-9s %10s  %-19s  %-19s  %-7s  %s%n", "KIND", "FILES", "LAST SCAN", "LAST CHANGE", "STATE", "PATH");
        }
        for (SourceRecord s : sources) {
            // Entries of a source that could not be read are kept (and served where still readable).
            String state = switch (s.state()) {
                case OK -> "ok";
                case INCOMPLETE -> "incomplete";
                case FAILED -> "offline";
            };
            out.printf("%-9s %10d  %-19s  %-19s  %-7s  %s%s%n",
                    s.kind().name().toLowerCase(java.util.Locale.ROOT), s.entryCount(),
                    when(s.lastScan()), when(s.lastChange()), state, s.path(),
                    (s.allFiles() ? "  [all files]" : "") + (s.message() == null ? "" : "  (" + s.message() + ")"));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String when(java.time.Instant instant) {
        return instant == null ? "never" : WHEN.format(instant);
    }
}
