package imageserver.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.helidon.common.tls.Tls;
import io.helidon.webserver.WebServer;

import imageserver.access.AccessControl;
import imageserver.index.IndexDatabase;
import imageserver.index.IndexException;
import imageserver.index.IndexReader;
import imageserver.index.PathMap;
import imageserver.index.ServingProcesses;
import imageserver.source.FileSelection;
import imageserver.startup.WebWarmUp;
import imageserver.thumb.ThumbCache;
import imageserver.watch.LibraryWatcher;
import imageserver.web.ImageServer;
import imageserver.web.Protection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the index over HTTP: a full-screen slideshow viewer and a JSON API.",
                "With SOURCE, indexes those sources incrementally first; without, serves the index as it is."},
        footer = {"", "Examples:",
                "  image-server serve ./photos",
                "  image-server serve --salt-file ~/.image-server-salt --port 8080",
                "  image-server serve --password-file pass.txt             # a login",
                "  image-server serve --tls-cert cert.pem --tls-key key.pem  # HTTPS",
                "  image-server serve       # then, in another terminal:",
                "  image-server index ./more                 # the server sees it at once"})
final class ServeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SOURCE", arity = "0..*",
            description = "A folder, a .zip/.cbz archive, or a quoted glob pattern to index before serving.")
    List<String> sources = new ArrayList<>();

    @Mixin
    DatabaseOption database;

    @Mixin
    SaltOption salt;

    @Mixin
    PasswordOption password;

    @Option(names = "--session-days", defaultValue = "30", paramLabel = "DAYS",
            description = "How long a login lasts, across restarts. Default: ${DEFAULT-VALUE}.")
    int sessionDays;

    @Mixin
    TlsOptions tls;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = {"Address to listen on. Default: ${DEFAULT-VALUE}:"
            + " every interface, so anyone on the network can browse every file unless a password is set;",
            "127.0.0.1 serves this machine only."})
    String host;

    @Option(names = "--port", defaultValue = "8000", description = "Port to listen on (0: any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--thumb-cache", paramLabel = "PATH|off",
            description = {"Where thumbnails are kept (at most 1 GB, the least recently used go first),",
                    "or off to make them anew each time. Default: the folder thumbnails beside the index",
                    "file; with an index on a server, $XDG_CACHE_HOME/image-server/thumbnails, else",
                    "~/.cache/image-server/thumbnails."})
    String thumbCache;

    @Option(names = "--no-watch", description = "Do not follow changes on disk (no watching, no periodic rescan):"
            + " the index changes only when index runs.")
    boolean noWatch;

    @Option(names = "--path-map", paramLabel = "FROM=TO", converter = PathMappingConverter.class,
            description = {"The sources under the folder FROM, as the index names them, are found at TO on this",
                    "machine (a shared index, the library mounted elsewhere). Repeatable. Implies --no-watch:",
                    "the machine that indexes follows the changes."})
    List<PathMap.Mapping> pathMap = new ArrayList<>();

    @Option(names = "--rescan-interval", defaultValue = "15m", converter = DurationConverter.class,
            paramLabel = "TIME", description = "How often every source is rescanned for changes no event announced"
            + " (network mounts, past the system's watch limit): 30s, 15m, 2h, or 0 for never. Default: ${DEFAULT-VALUE}.")
    Duration rescanInterval;

    @Option(names = "--settle", defaultValue = "2s", converter = DurationConverter.class, paramLabel = "TIME",
            description = "How long a changed file must stay unchanged before it is taken (a file being copied"
            + " is not taken half-written). Default: ${DEFAULT-VALUE}.")
    Duration settle;

    @Spec
    CommandSpec spec;

    private final WebWarmUp warmUp;

    ServeCommand(WebWarmUp warmUp) {
        this.warmUp = warmUp;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (port < 0 || port > 65_535) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--port must be between 0 and 65535, not " + port);
        }
        if (sessionDays < 1 || sessionDays > 3650) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--session-days must be between 1 and 3650, not " + sessionDays);
        }
        Optional<String> givenPassword = password.value(spec, err);
        Optional<Tls> httpsKeys = tls.load(spec);
        warmUp.begin();
        // Before indexing, which may take long, rather than after.
        checkThePortIsFree();
        IndexDatabase db = database.open();
        int status = ExitCodes.OK;
        IndexReader reader;
        WebServer server;
        try {
            SourceIndexing indexing = new SourceIndexing(spec);
            String effectiveSalt = indexing.establishSalt(db, salt.value(spec), salt.force).salt();
            try {
                ServingProcesses.register(db);
            } catch (IndexException e) {
                // Only a salt change in another process relies on it: serving goes on without.
                err.println("image-server: warning: " + e.getMessage() + " (index will not know that this serve runs)");
                err.flush();
            }
            if (!sources.isEmpty()) {
                status = indexing.index(db, effectiveSalt, sources, FileSelection.MEDIA);
            }
            Optional<AccessControl> access = givenPassword.map(p -> openAccess(db, p, err));
            reader = new IndexReader(db, new PathMap(pathMap), System::nanoTime);
            warmUp.await();
            server = listen(reader, new Protection(access, httpsKeys), thumbnailCache(db));
        } catch (Exception | Error e) {
            // Nothing else closes the index before the JVM exits (see IndexDatabase).
            db.close();
            throw e;
        }
        ListenAddress address = new ListenAddress(host, server.port(), httpsKeys.isPresent());
        out.println("image-server: serving " + reader.total() + " files from " + db.name() + " at " + address.describe());
        out.flush();
        if (givenPassword.isEmpty() && !address.isLoopback()) {
            err.println("image-server: warning: no password: anyone who can reach " + address.reachableAs()
                    + " can browse every file.");
            err.println("image-server: add --password-file FILE (or IMAGE_SERVER_PASSWORD) to require a login,"
                    + " or --host 127.0.0.1 to serve this machine only");
            err.flush();
        }
        // The watcher's rescans wait for a rebuild of the lookup, which they would otherwise start too.
        Runnable watch = noWatch || !pathMap.isEmpty() ? () -> { } : () -> new LibraryWatcher(db, settle, rescanInterval, out, err,
                new FailureLines(err, ErrorReporter.isVerbose(spec)), System::nanoTime,
                LibraryWatcher.rescanLimit(Runtime.getRuntime().maxMemory())).start();
        if (db.lookupIsStale()) {
            repairInTheBackground(db, err, watch);
        } else {
            watch.run();
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // The index is left to H2's own exit hook, which closes it at the same time as this one
        // runs (AUTO_SERVER cannot go without it): returning a reader's connection while H2
        // closed the database could leave a stack trace in index.trace.db (RepeatedStopTest).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "image-server-shutdown"));
        stopped.await();
        return status;
    }

    /**
     * Rebuilds the lookup by hash, left stale by an interrupted run or an older version, while the
     * server answers: it takes tens of seconds at millions of entries. Meanwhile the files the old
     * lookup lacks answer 404.
     */
    private static void repairInTheBackground(IndexDatabase db, PrintWriter err, Runnable then) {
        err.println("image-server: rebuilding the lookup by hash in the background (left by an interrupted run"
                + " or an older version); until it is done, some files may not be found");
        err.flush();
        Thread.ofPlatform().daemon().name("lookup-rebuild").start(() -> {
            try {
                db.repairLookup();
                err.println(db.lookupIsStale()
                        ? "image-server: another process wrote to the index during the rebuild; the next index run finishes it"
                        : "image-server: the lookup by hash is rebuilt");
            } catch (IndexException e) {
                err.println("image-server: warning: " + e.getMessage() + " (the next index run rebuilds it)");
            }
            err.flush();
            then.run();
        });
    }

    /** Access by the password, which is checked against the index's in the background: its outcome is said then. */
    private AccessControl openAccess(IndexDatabase db, String givenPassword, PrintWriter err) {
        AccessControl access = AccessControl.open(db, givenPassword, Duration.ofDays(sessionDays), InstantSource.system());
        access.passwordChange().whenComplete((changed, failure) -> {
            if (failure != null) {
                err.println("image-server: warning: the password cannot be checked against the index ("
                        + (failure.getCause() != null ? failure.getCause() : failure).getMessage() + "): logins answer 503");
            } else if (changed) {
                err.println("image-server: the password changed: every session the old one opened has ended");
            }
            err.flush();
        });
        return access;
    }

    /** The thumbnail cache {@code --thumb-cache} names; by default a folder beside the index, else in the user's cache. */
    private Optional<ThumbCache> thumbnailCache(IndexDatabase db) {
        if ("off".equals(thumbCache)) {
            return Optional.empty();
        }
        Path folder = thumbCache != null ? Path.of(thumbCache)
                : db.folder().orElseGet(UserFolders::cache).resolve("thumbnails");
        return Optional.of(new ThumbCache(folder.toAbsolutePath(), THUMB_CACHE_BYTES));
    }

    private static final long THUMB_CACHE_BYTES = 1L << 30;

    private WebServer listen(IndexReader reader, Protection protection, Optional<ThumbCache> thumbCache) {
        WebServer server;
        try {
            server = ImageServer.start(reader, host, port, protection, thumbCache);
        } catch (RuntimeException e) {
            throw cannotListen(e.getCause() != null ? e.getCause().getMessage() : e.getMessage(), e);
        }
        // Helidon logs a listener that cannot bind and returns from start() without it.
        if (!server.isRunning()) {
            throw cannotListen(whyNotListening(), null);
        }
        return server;
    }

    private IllegalStateException cannotListen(String reason, Throwable cause) {
        return new IllegalStateException("cannot listen on " + host + ":" + port + ": " + reason, cause);
    }

    private void checkThePortIsFree() {
        String problem = bindProblem();
        if (problem != null) {
            throw cannotListen(problem, null);
        }
    }

    /** Binds the address once more to learn why the server could not (in use, not ours...). */
    private String whyNotListening() {
        String problem = bindProblem();
        return problem != null ? problem : "the web server did not start";
    }

    /** Why the address cannot be bound now, or null if it can. */
    private String bindProblem() {
        if (port == 0) {
            return null;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
            return null;
        } catch (IOException e) {
            return String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        }
    }
}
