package imageserver.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import imageserver.access.AccessControl;
import imageserver.access.AccessControl.Outcome;
import imageserver.index.IndexException;

/**
 * {@code GET /login} shows the login form, {@code POST /login} checks its password and sets the
 * session cookie, {@code POST /logout} ends the session. Both posts refuse a browser's request
 * sent from another site's page (its {@code Origin} is not this server): with the cookie's
 * {@code SameSite=Lax}, that is what keeps other sites from logging a visitor in or out.
 */
final class LoginService implements HttpService {
    static final String LOGIN = "/login";
    static final String LOGOUT = "/logout";
    /** A login form is a password and a path: anything longer is not one. */
    private static final int MAX_FORM_BYTES = 8 * 1024;

    private final AccessControl access;

    LoginService(AccessControl access) {
        this.access = access;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(LOGIN, this::form)
                .post(LOGIN, this::login)
                .post(LOGOUT, this::logout);
    }

    private void form(ServerRequest req, ServerResponse res) throws IndexException {
        String next = localPath(req.query().first("next").orElse("/"));
        Optional<String> session = sessionCookie(req);
        if (session.isPresent() && access.session(session.get())) {
            PageResponses.redirect(res, Status.SEE_OTHER_303, next);
            return;
        }
        page(res, Status.OK_200, next, null);
    }

    private void login(ServerRequest req, ServerResponse res) throws IndexException {
        if (!sameOrigin(req)) {
            page(res, Status.FORBIDDEN_403, "/", "This login came from another site's page; log in here.");
            return;
        }
        Map<String, String> form = formFields(req);
        String next = localPath(form.getOrDefault("next", "/"));
        switch (access.login(form.getOrDefault("password", ""), req.remotePeer().host())) {
            case Outcome.Granted granted -> {
                res.header(HeaderNames.SET_COOKIE, cookie(granted.session(), access.sessionLength(), req.isSecure()));
                PageResponses.redirect(res, Status.SEE_OTHER_303, next);
            }
            case Outcome.Refused refused -> page(res, Status.UNAUTHORIZED_401, next, "Wrong password.");
            case Outcome.Throttled throttled -> {
                res.header(HeaderNames.RETRY_AFTER, Long.toString(seconds(throttled.retryAfter())));
                page(res, Status.TOO_MANY_REQUESTS_429, next, tooManyTriesMessage(throttled));
            }
        }
    }

    private void logout(ServerRequest req, ServerResponse res) throws IndexException {
        if (!sameOrigin(req)) {
            page(res, Status.FORBIDDEN_403, "/", "This logout came from another site's page.");
            return;
        }
        Optional<String> session = sessionCookie(req);
        if (session.isPresent()) {
            access.logout(session.get());
        }
        res.header(HeaderNames.SET_COOKIE, cookie("", Duration.ZERO, req.isSecure()));
        PageResponses.redirect(res, Status.SEE_OTHER_303, LOGIN);
    }

    /** The answer to a request that brought a wrong password once too often (HTTP Basic). */
    static void tooManyTries(ServerRequest req, ServerResponse res, Outcome.Throttled throttled) {
        res.header(HeaderNames.RETRY_AFTER, Long.toString(seconds(throttled.retryAfter())));
        ErrorResponses.send(req, res, Status.TOO_MANY_REQUESTS_429, tooManyTriesMessage(throttled));
    }

    static Optional<String> sessionCookie(ServerRequest req) {
        if (!req.headers().contains(HeaderNames.COOKIE)) {
            return Optional.empty();
        }
        return req.headers().cookies().first(AccessControl.COOKIE).asOptional().filter(s -> !s.isEmpty());
    }

    private static String tooManyTriesMessage(Outcome.Throttled throttled) {
        return "Too many wrong passwords from your address: try again in " + seconds(throttled.retryAfter()) + " s.";
    }

    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }

    private static String cookie(String value, Duration maxAge, boolean secure) {
        return AccessControl.COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAge.toSeconds()
                + "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
    }

    /**
     * Whether a browser sent this from a page of this server: its {@code Origin}, when it gives
     * one, names the host the request was sent to. Scripts send none. The scheme is not compared,
     * as a proxy in front may have received it over HTTPS.
     */
    static boolean sameOrigin(ServerRequest req) {
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
        if (origin.isEmpty()) {
            return true;
        }
        try {
            String authority = URI.create(origin.get()).getRawAuthority();
            return authority != null && authority.equalsIgnoreCase(req.authority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Where to go after the login: a path on this server, never another site ({@code //host}, {@code /\host}). */
    static String localPath(String next) {
        boolean local = next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\")
                && next.chars().noneMatch(c -> c < 0x20 || c == 0x7f) && !next.startsWith(LOGIN);
        return local ? next : "/";
    }

    private static Map<String, String> formFields(ServerRequest req) {
        byte[] body;
        try (InputStream in = req.content().inputStream()) {
            body = in.readNBytes(MAX_FORM_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> fields = new HashMap<>();
        if (body.length > MAX_FORM_BYTES) {
            return fields;
        }
        for (String pair : new String(body, StandardCharsets.US_ASCII).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    fields.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    // a malformed escape: that field is left out
                }
            }
        }
        return fields;
    }


    private static void page(ServerResponse res, Status status, String next, String message) {
        PageResponses.page(res, status, LoginPage.render(next, message));
    }
}
