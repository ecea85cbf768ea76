package imageserver.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import imageserver.index.CredentialTable;
import imageserver.index.CredentialTable.Kind;
import imageserver.index.IndexDatabase;
import imageserver.index.IndexException;

/**
 * Who may use a server that has a password: the password itself (a login form or HTTP Basic),
 * a session it opened (a cookie), or the API token. Sessions and the token are looked up in the
 * index once and then kept in memory, checked again after {@link #RECHECK}, so that a request
 * costs neither a query nor a slow hash, and a logout or a new token made by another process is
 * seen within that time. The password is known only by its slow hash ({@link PasswordHash}),
 * checked against the index's in the background at start (a slow hash takes a good part of a
 * second then): requests that need it wait for it, the others (health) do not.
 */
public final class AccessControl {
    /** The name of the session cookie. */
    public static final String COOKIE = "image_server_session";
    static final Duration RECHECK = Duration.ofMinutes(1);
    /** Failed password tries allowed per client address within {@link #FAILURE_WINDOW}. */
    static final int FAILURES = 5;
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(1);
    /** Beyond this many remembered credentials, the memory of them starts afresh. */
    private static final int REMEMBERED = 10_000;

    /** What a password try came to. */
    public sealed interface Outcome {
        /** The password was right; {@code session} is the new session's secret for a login, else null. */
        record Granted(String session) implements Outcome {
        }

        record Refused() implements Outcome {
        }

        /** Too many wrong tries from this address: it may try again after {@code retryAfter}. */
        record Throttled(Duration retryAfter) implements Outcome {
        }
    }

    private record Remembered(Kind kind, Instant expires, Instant checked) {
    }

    /** The password's hash, once compared with the index's; {@code changed} if it replaced another. */
    private record Settled(PasswordHash hash, boolean changed) {
    }

    private final CredentialTable table;
    private final CompletableFuture<Settled> password;
    private final Duration sessionLength;
    private final InstantSource clock;
    private final LoginLimit limit;
    private final SecureRandom random = new SecureRandom();
    /** A per-process key under which passwords that passed HTTP Basic are remembered. */
    private final byte[] pepper = new byte[32];
    private final Set<String> basicPasswords = ConcurrentHashMap.newKeySet();
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    private AccessControl(CredentialTable table, CompletableFuture<Settled> password, Duration sessionLength,
                          InstantSource clock) {
        this.table = table;
        this.password = password;
        this.sessionLength = sessionLength;
        this.clock = clock;
        this.limit = new LoginLimit(FAILURES, FAILURE_WINDOW, clock);
        random.nextBytes(pepper);
    }

    /**
     * Access by {@code password} to the index {@code db}. A password other than the one stored
     * (by its hash) in the index replaces it and ends every session the old one opened.
     */
    public static AccessControl open(IndexDatabase db, String password, Duration sessionLength, InstantSource clock) {
        CredentialTable table = new CredentialTable(db);
        CompletableFuture<Settled> settled = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("password-hash").start(() -> {
            try {
                settled.complete(settle(table, password));
            } catch (IndexException | RuntimeException e) {
                settled.completeExceptionally(e);
            }
        });
        return new AccessControl(table, settled, sessionLength, clock);
    }

    private static Settled settle(CredentialTable table, String password) throws IndexException {
        Optional<PasswordHash> stored = table.passwordHash().flatMap(PasswordHash::decode);
        if (stored.isPresent() && stored.get().matches(password)) {
            return new Settled(stored.get(), false);
        }
        PasswordHash hash = PasswordHash.of(password, new SecureRandom());
        table.replacePassword(hash.encoded());
        return new Settled(hash, stored.isPresent());
    }

    /**
     * Completes once the password is compared with the index's: true if it differs from the one
     * the index had, whose sessions were therefore ended.
     */
    public CompletableFuture<Boolean> passwordChange() {
        return password.thenApply(Settled::changed);
    }

    public Duration sessionLength() {
        return sessionLength;
    }

    /** A login with the form's password: a new session if it is right. */
    public Outcome login(String candidate, String address) throws IndexException {
        Outcome outcome = check(candidate, address);
        if (!(outcome instanceof Outcome.Granted)) {
            return outcome;
        }
        Instant now = clock.instant();
        table.removeExpired(now);
        String secret = newSecret(random);
        table.add(digest(secret), Kind.SESSION, now, now.plus(sessionLength));
        return new Outcome.Granted(secret);
    }

    /** HTTP Basic's password: checked slowly once, then remembered (under a key of this process only). */
    public Outcome basic(String candidate, String address) throws IndexException {
        String key = digest(HexFormat.of().formatHex(pepper) + candidate);
        if (basicPasswords.contains(key)) {
            return new Outcome.Granted(null);
        }
        Outcome outcome = check(candidate, address);
        if (outcome instanceof Outcome.Granted) {
            if (basicPasswords.size() >= REMEMBERED) {
                basicPasswords.clear();
            }
            basicPasswords.add(key);
        }
        return outcome;
    }

    public boolean session(String secret) throws IndexException {
        return valid(secret, Kind.SESSION);
    }

    public boolean token(String secret) throws IndexException {
        return valid(secret, Kind.TOKEN);
    }

    /** Ends the session whose secret this is, if it is one. */
    public void logout(String secret) throws IndexException {
        String digest = digest(secret);
        remembered.remove(digest);
        table.remove(digest);
    }

    private Outcome check(String candidate, String address) throws IndexException {
        Optional<Duration> wait = limit.wait(address);
        if (wait.isPresent()) {
            return new Outcome.Throttled(wait.get());
        }
        if (settled().hash().matches(candidate)) {
            limit.succeeded(address);
            return new Outcome.Granted(null);
        }
        limit.failed(address);
        return new Outcome.Refused();
    }

    /** The password's hash, waiting for it at start; sessions wait too, as a new password ends them. */
    private Settled settled() throws IndexException {
        try {
            return password.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IndexException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private boolean valid(String secret, Kind kind) throws IndexException {
        settled();
        String digest = digest(secret);
        Instant now = clock.instant();
        Remembered known = remembered.get(digest);
        if (known == null || known.kind() != kind || !now.isBefore(known.checked().plus(RECHECK))) {
            Optional<Instant> expires = table.expiry(digest, kind);
            if (expires.isEmpty()) {
                remembered.remove(digest);
                return false;
            }
            if (remembered.size() >= REMEMBERED) {
                remembered.clear();
            }
            known = new Remembered(kind, expires.get(), now);
            remembered.put(digest, known);
        }
        return now.isBefore(known.expires());
    }

    /** A new secret for a client to hold: 256 random bits, URL- and cookie-safe. */
    static String newSecret(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** How a secret is stored: a fast hash is enough for 256 random bits, unlike for a password. */
    static String digest(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
