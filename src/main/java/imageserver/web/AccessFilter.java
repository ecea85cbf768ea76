package imageserver.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;

import imageserver.access.AccessControl;
import imageserver.access.AccessControl.Outcome;
import imageserver.index.IndexException;

/**
 * With a password set, lets a request through only with a session cookie, the password by HTTP
 * Basic, or the API token as a bearer token. Without, a page request is sent to the login page
 * (303, coming back afterwards) and an API request gets 401. Open to all: health, the login page
 * and its style sheet.
 */
final class AccessFilter implements Filter {
    private static final Set<String> OPEN = Set.of("/api/health", LoginService.LOGIN, LoginService.LOGOUT,
            "/static/viewer.css", "/static/favicon.svg");

    private final AccessControl access;

    AccessFilter(AccessControl access) {
        this.access = access;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (OPEN.contains(req.path().path())) {
            chain.proceed();
            return;
        }
        Outcome outcome;
        try {
            outcome = authenticate(req);
        } catch (IndexException e) {
            ErrorResponses.unavailable(req, res, e);
            return;
        }
        switch (outcome) {
            case Outcome.Granted granted -> chain.proceed();
            case Outcome.Throttled throttled -> LoginService.tooManyTries(req, res, throttled);
            case Outcome.Refused refused -> refuse(req, res);
        }
    }

    private Outcome authenticate(ServerRequest req) throws IndexException {
        Optional<String> authorization = req.headers().first(HeaderNames.AUTHORIZATION);
        if (authorization.isPresent()) {
            String value = authorization.get();
            if (startsWithIgnoringCase(value, "Basic ")) {
                Optional<String> password = basicPassword(value.substring(6).strip());
                return password.isPresent() ? access.basic(password.get(), req.remotePeer().host()) : new Outcome.Refused();
            }
            if (startsWithIgnoringCase(value, "Bearer ")) {
                return access.token(value.substring(7).strip()) ? new Outcome.Granted(null) : new Outcome.Refused();
            }
            return new Outcome.Refused();
        }
        Optional<String> session = LoginService.sessionCookie(req);
        return session.isPresent() && access.session(session.get()) ? new Outcome.Granted(null) : new Outcome.Refused();
    }

    /** The password of a Basic credential, {@code base64(user:password)}; any user name goes. */
    private static Optional<String> basicPassword(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(decoded.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void refuse(RoutingRequest req, RoutingResponse res) {
        if (req.path().path().startsWith("/api/")) {
            // Bearer rather than Basic (which also works): a browser prompts for a Basic password,
            // over the viewer's own requests once its session has ended.
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"image-server\"");
            ErrorResponses.send(req, res, Status.UNAUTHORIZED_401,
                    "log in first: a session cookie, Basic authentication with the password, or the API token");
            return;
        }
        String query = req.query().rawValue();
        String next = req.path().rawPath() + (query.isEmpty() ? "" : "?" + query);
        PageResponses.redirect(res, Status.SEE_OTHER_303,
                LoginService.LOGIN + "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
    }

    private static boolean startsWithIgnoringCase(String value, String prefix) {
        return value.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
