package imageserver.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.Callable;

import imageserver.access.ApiToken;
import imageserver.index.IndexDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Print a new API token for scripts: with serve --password-file, they send it as",
                "\"Authorization: Bearer TOKEN\". The index keeps only its hash, so it is shown once;",
                "--rotate replaces it (the old one stops working within a minute)."},
        footer = {"", "Example:", "  curl -H \"Authorization: Bearer $(image-server token)\" http://host:8000/api/random"})
final class TokenCommand implements Callable<Integer> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    @Mixin
    DatabaseOption database;

    @Option(names = "--rotate", description = "Replace the token the index has with a new one.")
    boolean rotate;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (IndexDatabase db = database.open()) {
            Optional<Instant> existing = ApiToken.created(db);
            if (existing.isPresent() && !rotate) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("image-server: the index " + db.name() + " already has an API token (made "
                        + WHEN.format(existing.get()) + "); it keeps only its hash, so it cannot be shown again."
                        + " Run image-server token --rotate to replace it.");
                err.flush();
                return ExitCodes.PARTIAL_FAILURE;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(ApiToken.replace(db, InstantSource.system()));
            out.flush();
            return ExitCodes.OK;
        }
    }
}
