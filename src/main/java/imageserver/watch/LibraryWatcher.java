package imageserver.watch;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

import imageserver.index.IndexDatabase;
import imageserver.index.IndexException;
import imageserver.index.IndexListener;
import imageserver.index.IndexSummary;
import imageserver.index.Indexer;
import imageserver.index.SaltSetting;
import imageserver.index.SourceCatalog;
import imageserver.index.SourceRecord;
import imageserver.index.SourceState;
import imageserver.source.FileSelection;
import imageserver.source.SourceKind;

/**
 * Keeps the index in step with the disk while {@code serve} runs, on a thread of its own: it
 * watches the sources (see {@link SourceWatch}), rescans a source once it has been quiet for the
 * settle time ({@link SettleQueue}), rescans every source at the rescan interval for what no event
 * announced, and first catches up with what changed while no server ran. Rescans are the
 * incremental {@link Indexer} runs that {@code index} makes, so both can run at once. Sources added
 * or removed by {@code index} in another process are followed within the settle time; an offline
 * source is rescanned as soon as its folder or archive is back. Sources too large to rescan within
 * serve's heap are rescanned by {@code index} in a child process ({@link ChildRescan}).
 */
public final class LibraryWatcher {
    private final IndexDatabase db;
    private final long settleNanos;
    private final long rescanNanos;
    private final PrintWriter out;
    private final PrintWriter err;
    private final IndexListener listener;
    private final LongSupplier nanoTime;
    private final long rescanLimit;
    private final ChildRescan child;

    /**
     * Memory a rescan holds per file of its source at its peak (the listing, the rows planned and
     * the rows held), with room to spare: in serve's default heap a rescan of a 100,000-file
     * folder fits and one of a 300,000-file folder does not.
     */
    private static final long BYTES_PER_FILE = 500;

    /** How many files a source may have for this JVM to rescan it: a share of the heap left to the server. */
    public static long rescanLimit(long maxMemory) {
        return maxMemory * 6 / 10 / BYTES_PER_FILE;
    }

    /**
     * @param rescanInterval how often every source is rescanned; zero for never
     * @param out            where the watcher says what it watches, polls and changed
     * @param err            where it warns
     * @param listener       hears each rescan's failures, as {@code index} reports them
     * @param rescanLimit    the most files a source may hold to be rescanned here ({@link #rescanLimit(long)});
     *                       larger ones are rescanned by {@code index} in a child process if serve was
     *                       started by the launcher, else named and left to {@code index}
     */
    public LibraryWatcher(IndexDatabase db, Duration settle, Duration rescanInterval, PrintWriter out,
                          PrintWriter err, IndexListener listener, LongSupplier nanoTime, long rescanLimit) {
        this(db, settle, rescanInterval, out, err, listener, nanoTime, rescanLimit,
                ChildRescan.fromEnvironment(db.location()).orElse(null));
    }

    LibraryWatcher(IndexDatabase db, Duration settle, Duration rescanInterval, PrintWriter out, PrintWriter err,
                   IndexListener listener, LongSupplier nanoTime, long rescanLimit, ChildRescan child) {
        this.db = db;
        this.settleNanos = settle.toNanos();
        this.rescanNanos = rescanInterval.toNanos();
        this.out = out;
        this.err = err;
        this.listener = listener;
        this.nanoTime = nanoTime;
        this.rescanLimit = rescanLimit;
        this.child = child;
    }

    /** Starts watching in the background; the thread ends with the JVM. */
    public Thread start() {
        return Thread.ofPlatform().daemon().name("library-watch").start(this::run);
    }

    private void run() {
        try (SourceWatch watch = new SourceWatch()) {
            new Loop(watch).run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            say(err, "image-server: warning: the library is no longer watched: " + e.getMessage()
                    + " (restart serve, or run index to update it)");
        }
    }

    private void say(String line) {
        say(out, line);
    }

    private static void say(PrintWriter writer, String line) {
        synchronized (writer) {
            writer.println(line);
            writer.flush();
        }
    }

    /** The watcher's state; only its thread touches it. */
    private final class Loop {
        private final SourceWatch watch;
        private final SettleQueue queue = new SettleQueue(settleNanos);
        /** The sources being followed, by path, as the index last listed them. */
        private final Map<Path, SourceRecord> sources = new HashMap<>();
        /** Offline sources, and whether their folder or archive was there at the last look. */
        private final Map<Path, Boolean> offlinePresent = new HashMap<>();
        private long sourcesCheckedAt;
        /** The index's generation when its sources were last listed: they are listed again only once it moves. */
        private long listedGeneration = -1;
        /** Sources that outgrew this JVM's memory in a rescan, whatever their indexed size says. */
        private final Set<Path> outgrown = new HashSet<>();
        /** Sources too large to rescan here and not followed (no child process), already named to the user. */
        private final Set<Path> notFollowed = new HashSet<>();
        /** Rescans sources too large for this JVM; null without a launcher to run them. */
        private ChildRescan child = LibraryWatcher.this.child;

        Loop(SourceWatch watch) {
            this.watch = watch;
        }

        /** Whether a rescan of the source would not fit in this JVM's memory. */
        private boolean tooLarge(Path source, SourceRecord record) {
            return record.entryCount() > rescanLimit || outgrown.contains(source);
        }

        void run() throws InterruptedException {
            long start = nanoTime.getAsLong();
            List<SourceWatch.Registration> watched = refreshSources(start);
            sourcesCheckedAt = nanoTime.getAsLong();
            String setUp = String.format(java.util.Locale.ROOT, ", set up in %.2f s", (sourcesCheckedAt - start) / 1e9);
            // What changed while no server watched: caught up now, after the server answers.
            rescan(List.copyOf(sources.keySet()));
            report(watched, true, setUp);
            long nextRescan = rescanNanos > 0 ? nanoTime.getAsLong() + rescanNanos : Long.MAX_VALUE;
            while (!Thread.currentThread().isInterrupted()) {
                long now = nanoTime.getAsLong();
                long wait = Math.min(settleNanos, nextRescan - now);
                long due = queue.nanosUntilNextDue(now);
                if (due >= 0) {
                    wait = Math.min(wait, due);
                }
                Set<Path> changed = watch.poll(Math.max(0, wait));
                now = nanoTime.getAsLong();
                for (Path source : changed) {
                    queue.changed(source, now);
                }
                if (now - sourcesCheckedAt >= settleNanos) {
                    List<SourceWatch.Registration> added = refreshSources(now);
                    // What changed between its index run and now had no watch to announce it.
                    for (SourceWatch.Registration r : added) {
                        queue.changed(r.source(), now);
                    }
                    report(added, false, "");
                    sourcesCheckedAt = now;
                }
                if (now >= nextRescan) {
                    queue.takeDue(Long.MAX_VALUE);
                    rescan(List.copyOf(sources.keySet()));
                    nextRescan = nanoTime.getAsLong() + rescanNanos;
                } else {
                    List<Path> settled = queue.takeDue(now);
                    if (!settled.isEmpty()) {
                        rescan(settled);
                    }
                }
            }
        }

        /**
         * Follows the sources the index lists now: new ones are watched (and returned), removed ones
         * are not, and an offline one whose folder or archive is back is watched afresh and rescanned.
         */
        private List<SourceWatch.Registration> refreshSources(long now) {
            List<SourceRecord> listed;
            try {
                SourceCatalog catalog = new SourceCatalog(db);
                long generation = catalog.generation();
                if (generation == listedGeneration && offlinePresent.isEmpty()) {
                    return List.of();
                }
                listed = catalog.all();
                listedGeneration = generation;
            } catch (IndexException e) {
                return List.of();  // the index is busy or closing: the next look will do
            }
            Set<Path> gone = new HashSet<>(sources.keySet());
            List<SourceWatch.Registration> added = new ArrayList<>();
            for (SourceRecord record : listed) {
                Path path = Path.of(record.path());
                if (child == null && tooLarge(path, record)) {
                    if (notFollowed.add(path)) {
                        sayNotFollowed(path, record.entryCount() + " files");
                    }
                    continue;  // not followed (and dropped below if it was)
                }
                notFollowed.remove(path);
                gone.remove(path);
                if (sources.put(path, record) == null) {
                    added.add(register(record));
                }
                if (record.state() == SourceState.FAILED) {
                    boolean present = isPresent(record);
                    Boolean before = offlinePresent.put(path, present);
                    if (present && Boolean.FALSE.equals(before)) {
                        watch.unwatch(Set.of(path));
                        register(record);
                        queue.changed(path, now - settleNanos);  // due at once
                    }
                } else {
                    offlinePresent.remove(path);
                }
            }
            if (!gone.isEmpty()) {
                watch.unwatch(gone);
                gone.forEach(sources::remove);
                gone.forEach(offlinePresent::remove);
            }
            return added;
        }

        private SourceWatch.Registration register(SourceRecord record) {
            Path path = Path.of(record.path());
            return record.kind() == SourceKind.ZIP ? watch.watchArchive(path)
                    : watch.watchFolder(path, record.allFiles() ? FileSelection.ALL_FILES : FileSelection.MEDIA);
        }

        /** Says what is watched now: at start, and when sources are added; and which are only polled. */
        private void report(List<SourceWatch.Registration> added, boolean first, String setUp) {
            if (added.isEmpty() && !first) {
                return;
            }
            int folders = added.stream().mapToInt(SourceWatch.Registration::folders).sum();
            long polled = added.stream().filter(SourceWatch.Registration::polled).count();
            if (first || polled < added.size()) {
                say("image-server: watching " + (added.size() - polled) + " sources (" + folders
                        + " folders) for changes" + setUp);
            }
            String every = rescanNanos > 0 ? "rescanned every " + Duration.ofNanos(rescanNanos).toString()
                    .substring(2).toLowerCase(java.util.Locale.ROOT) : "not rescanned (--rescan-interval 0)";
            for (SourceWatch.Registration r : added) {
                if (r.polled()) {
                    say("image-server: " + r.source() + ": " + r.polledBecause() + "; " + every);
                }
            }
        }

        private void sayNotFollowed(Path source, String size) {
            say(err, "image-server: " + source + ": " + size + ", more than serve rescans within its memory (about "
                    + rescanLimit + " with a heap of " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB): it is not"
                    + " followed; run image-server index to update it, or give serve more memory (JAVA_OPTS=-Xmx1g)");
        }

        /** Rescans the sources, each here or in a child process as its size allows. */
        private void rescan(List<Path> due) {
            List<Path> here = new ArrayList<>();
            List<Path> inChild = new ArrayList<>();
            for (Path source : due) {
                SourceRecord record = sources.get(source);
                (record != null && tooLarge(source, record) ? inChild : here).add(source);
            }
            rescanHere(here);
            rescanInChild(inChild);
        }

        private void rescanHere(List<Path> due) {
            if (due.isEmpty()) {
                return;
            }
            try {
                // Read each time: another process may have changed the salt.
                String salt = SaltSetting.establish(db, null).salt();
                IndexSummary summary = new Indexer(db, salt, listener).rescan(due);
                if (summary.added() + summary.updated() + summary.removed() > 0) {
                    say("image-server: library updated: " + summary.line());
                }
            } catch (IndexException e) {
                say(err, "image-server: warning: " + e.getMessage() + "; trying again shortly");
                long now = nanoTime.getAsLong();
                due.forEach(source -> queue.changed(source, now));
            } catch (OutOfMemoryError e) {
                // Grown past what its indexed size let through: what the rescan held is garbage now.
                outgrown.addAll(due);
                if (child != null) {
                    rescanInChild(due);
                    return;
                }
                watch.unwatch(Set.copyOf(due));
                for (Path source : due) {
                    sources.remove(source);
                    notFollowed.add(source);
                    sayNotFollowed(source, "its files");
                }
            }
        }

        private void rescanInChild(List<Path> due) {
            if (due.isEmpty()) {
                return;
            }
            try {
                ChildRescan.Outcome outcome = child.run(due, line -> say(err, line));
                if (outcome.changed()) {
                    say("image-server: library updated: " + outcome.summary());
                }
                if (outcome.summary() == null) {
                    say(err, "image-server: warning: the rescan of " + due.size() + " large source(s) by "
                            + child.launcher() + " index ended with status " + outcome.status() + "; trying again shortly");
                    long now = nanoTime.getAsLong();
                    due.forEach(source -> queue.changed(source, now));
                }
            } catch (IOException e) {
                say(err, "image-server: warning: cannot run " + child.launcher() + " (" + e.getMessage()
                        + ") to rescan the largest sources");
                child = null;
                listedGeneration = -1;  // the next look at the sources names those no longer followed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether an offline source's folder (not empty, as an unmounted mount point is) or archive is there. */
    private static boolean isPresent(SourceRecord record) {
        Path path = Path.of(record.path());
        if (record.kind() == SourceKind.ZIP) {
            return Files.isRegularFile(path);
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(path)) {
            return children.iterator().hasNext();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
