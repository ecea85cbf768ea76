package imageserver.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import imageserver.index.IndexDatabase;
import imageserver.index.IndexException;
import imageserver.index.IndexSummary;
import imageserver.index.Indexer;
import imageserver.index.SaltSetting;
import imageserver.index.ServingProcesses;
import imageserver.index.SourceCatalog;
import imageserver.source.FileSelection;
import imageserver.source.SourcePatterns;

/** What {@code index} and {@code serve SOURCE...} share: resolve the arguments, set the salt, index, report. */
final class SourceIndexing {
    private final picocli.CommandLine commandLine;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean verbose;

    /** Reports to the writers of {@code spec}'s command, with stack traces if it runs with --verbose. */
    SourceIndexing(picocli.CommandLine.Model.CommandSpec spec) {
        this.commandLine = spec.commandLine();
        this.out = spec.commandLine().getOut();
        this.err = spec.commandLine().getErr();
        this.verbose = ErrorReporter.isVerbose(spec);
    }

    /**
     * The salt the index uses from now on; a changed salt rehashes the index first. A change is
     * refused while another process serves the index, unless {@code force}: the links it has
     * handed out would all stop working.
     */
    SaltSetting.Outcome establishSalt(IndexDatabase db, String requestedSalt, boolean force) throws IndexException {
        if (requestedSalt != null && !force && !requestedSalt.equals(SaltSetting.stored(db).orElse(requestedSalt))) {
            List<Long> serving = ServingProcesses.others(db);
            if (!serving.isEmpty()) {
                throw new picocli.CommandLine.ParameterException(commandLine, "serve (process "
                        + serving.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))
                        + ") has this index open: a new salt gives every file a new address, and every link"
                        + " it has handed out would stop working; stop it first, or add --force");
            }
        }
        SaltSetting.Outcome outcome = SaltSetting.establish(db, requestedSalt);
        if (outcome.rehashed() > 0) {
            err.println("salt changed: recomputed " + outcome.rehashed() + " hashes; links made with the old salt"
                    + " (bookmarks, shared addresses) no longer work");
            err.flush();
        }
        return outcome;
    }

    /**
     * Indexes the sources named by {@code arguments}, taking the files {@code selection} takes, or
     * every known source when there are none, and prints the summary. Returns the exit status.
     */
    int index(IndexDatabase db, String salt, List<String> arguments, FileSelection selection) throws IndexException {
        SourcePatterns patterns = new SourcePatterns(Path.of("").toAbsolutePath());
        List<Path> sources = new ArrayList<>();
        int unresolved = 0;
        for (String argument : arguments) {
            SourcePatterns.Resolution resolution = patterns.resolve(argument);
            if (resolution.failed()) {
                err.println("image-server: " + argument + ": " + resolution.error());
                unresolved++;
            }
            sources.addAll(resolution.sources());
        }
        err.flush();
        Optional<String> overlap = SourceOverlaps.find(sources, new SourceCatalog(db).all());
        if (overlap.isPresent()) {
            err.println("image-server: " + overlap.get());
            err.flush();
            return ExitCodes.USAGE;
        }
        Indexer indexer = indexer(db, salt);
        IndexSummary summary = arguments.isEmpty() ? indexer.reindexAll() : indexer.index(sources, selection);
        return report(summary.withUnresolved(unresolved));
    }

    /**
     * Rescans those of the sources, named by their exact paths, that the index holds, and prints
     * the summary: serve has sources too large for its own heap rescanned this way.
     */
    int rescanKnown(IndexDatabase db, String salt, List<String> paths) throws IndexException {
        List<Path> sources = paths.stream().map(p -> Path.of(p).toAbsolutePath().normalize()).toList();
        return report(indexer(db, salt).rescan(sources));
    }

    private Indexer indexer(IndexDatabase db, String salt) {
        return new Indexer(db, salt, new ConsoleProgress(err, ConsoleProgress.stderrIsTerminal(), verbose, System::nanoTime));
    }

    private int report(IndexSummary summary) {
        out.println(summary.line());
        out.flush();
        return summary.failed() > 0 ? ExitCodes.PARTIAL_FAILURE : ExitCodes.OK;
    }
}
