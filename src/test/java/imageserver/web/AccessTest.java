package imageserver.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.helidon.webserver.WebServer;

import imageserver.access.AccessControl;
import imageserver.access.ApiToken;
import imageserver.index.IndexDatabase;
import imageserver.index.IndexListener;
import imageserver.index.IndexReader;
import imageserver.index.IndexedEntry;
import imageserver.index.Indexer;
import imageserver.index.SaltSetting;
import imageserver.testing.TestFiles;
import imageserver.testing.TestDatabase;

/** A server with a password, over real HTTP: what gets in without a session, logins, cookies, tokens, limits. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class AccessTest {
    @Parameter
    TestDatabase database;

    private static final String PASSWORD = "correct horse battery staple";
    private static final Duration SESSION = Duration.ofDays(30);

    @TempDir
    Path dir;

    /** The server's clock, moved by the tests: no test waits for time to pass. */
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-08T10:00:00Z"));
    private final InstantSource clock = () -> now.get();
    private final HttpClient http = HttpClient.newHttpClient();
    private IndexDatabase db;
    private IndexReader reader;
    private WebServer server;
    private IndexedEntry entry;

    @BeforeEach
    void start() throws Exception {
        TestFiles.write(dir.resolve("photos/a.jpg"), "a");
        TestFiles.write(dir.resolve("photos/b.jpg"), "b");
        db = IndexDatabase.open(database.index(dir));
        new Indexer(db, SaltSetting.establish(db, "access-test").salt(), IndexListener.NONE)
                .index(List.of(dir.resolve("photos")));
        reader = new IndexReader(db);
        entry = reader.atPosition(1).orElseThrow();
        startServer(PASSWORD);
    }

    private void startServer(String password) {
        AccessControl access = AccessControl.open(db, password, SESSION, clock);
        server = ImageServer.start(reader, "127.0.0.1", 0, new Protection(Optional.of(access), Optional.empty()));
    }

    @AfterEach
    void stop() {
        server.stop();
        reader.close();
        db.close();
    }

    private record Route(String method, String path, int withoutSession, int withSession) {
    }

    @Test
    void noRouteButHealthAndTheLoginPageAnswersWithoutASession() throws Exception {
        String hash = entry.hash();
        String folder = reader.place(entry).containerHash();
        List<Route> routes = List.of(
                new Route("GET", "/", 303, 302),
                new Route("GET", "/" + hash, 303, 200),
                new Route("GET", "/" + hash + "?order=random&delay=3", 303, 200),
                new Route("GET", "/next/2", 303, 302),
                new Route("GET", "/random/2/" + hash, 303, 301),
                new Route("GET", "/api/random", 401, 200),
                new Route("GET", "/api/" + hash, 401, 200),
                new Route("GET", "/api/" + hash + "/data", 401, 200),
                new Route("HEAD", "/api/" + hash + "/data", 401, 200),
                new Route("GET", "/api/" + "0".repeat(64), 401, 404),
                new Route("GET", "/static/viewer.js", 303, 200),
                new Route("GET", "/browse", 303, 200),
                new Route("GET", "/browse/" + folder, 303, 200),
                new Route("GET", "/api/browse/" + folder, 401, 200),
                new Route("GET", "/api/" + hash + "/thumb", 401, 200),
                new Route("GET", "/no/such/route/here", 303, 404),
                new Route("POST", "/api/random", 401, 404),
                new Route("GET", "/api/health", 200, 200),
                new Route("GET", "/login", 200, 303),
                new Route("GET", "/static/viewer.css", 200, 200));
        String cookie = login(PASSWORD, "/").cookie();
        List<String> wrong = new ArrayList<>();
        for (Route route : routes) {
            HttpResponse<String> anonymous = send(route.method(), route.path());
            HttpResponse<String> loggedIn = send(route.method(), route.path(), "Cookie", cookie);
            if (anonymous.statusCode() != route.withoutSession() || loggedIn.statusCode() != route.withSession()) {
                wrong.add(route + " answered " + anonymous.statusCode() + " and " + loggedIn.statusCode());
            }
            if (anonymous.statusCode() == 303) {
                assertEquals("/login?next=" + URLEncoder.encode(route.path(), StandardCharsets.UTF_8),
                        anonymous.headers().firstValue("Location").orElseThrow(), route.toString());
            }
            if (anonymous.statusCode() == 401) {
                assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
                assertFalse(anonymous.body().contains(entry.path()), "a 401 tells nothing of the library");
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void aLinkOpenedWhileLoggedOutLeadsThroughTheLoginBackToThatFile() throws Exception {
        String link = "/" + entry.hash() + "?order=random&delay=3";
        String login = send("GET", link).headers().firstValue("Location").orElseThrow();
        HttpResponse<String> form = send("GET", login);
        assertEquals(200, form.statusCode());
        assertTrue(form.body().contains("name=\"next\" value=\"/" + entry.hash() + "?order=random&amp;delay=3\""),
                form.body());

        LoggedIn loggedIn = login(PASSWORD, link);
        assertEquals(link, loggedIn.location());
        assertEquals(200, send("GET", link, "Cookie", loggedIn.cookie()).statusCode());
    }

    @Test
    void theSessionCookieIsHttpOnlySameSiteLaxAndLastsTheSessionLength() throws Exception {
        HttpResponse<String> response = post("/login", form(PASSWORD, "/"));
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.startsWith(AccessControl.COOKIE + "="), setCookie);
        assertTrue(setCookie.contains("; HttpOnly"), setCookie);
        assertTrue(setCookie.contains("; SameSite=Lax"), setCookie);
        assertTrue(setCookie.contains("; Path=/"), setCookie);
        assertTrue(setCookie.contains("; Max-Age=" + SESSION.toSeconds()), setCookie);
        assertFalse(setCookie.contains("Secure"), "not over plain HTTP, where a browser would drop it: " + setCookie);
    }

    @Test
    void aWrongPasswordShowsTheFormAgainWith401AndNoCookie() throws Exception {
        HttpResponse<String> response = post("/login", form("wrong", "/"));
        assertEquals(401, response.statusCode());
        assertTrue(response.body().contains("Wrong password"), response.body());
        assertTrue(response.body().contains("type=\"password\""), response.body());
        assertTrue(response.headers().firstValue("Set-Cookie").isEmpty());
    }

    @Test
    void afterFiveWrongPasswordsInAMinuteAnAddressGets429UntilTheMinuteIsOver() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertEquals(401, post("/login", form("wrong " + i, "/")).statusCode());
        }
        HttpResponse<String> limited = post("/login", form(PASSWORD, "/"));
        assertEquals(429, limited.statusCode(), "even the right password waits: the tries are not checked");
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter > 0 && retryAfter <= 60, "Retry-After " + retryAfter);
        String basic = "Basic " + Base64.getEncoder().encodeToString(("any:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertEquals(429, send("GET", "/api/random", "Authorization", basic).statusCode(), "Basic counts the same");

        now.set(now.get().plusSeconds(retryAfter));
        assertEquals(303, post("/login", form(PASSWORD, "/")).statusCode());
    }

    @Test
    void wrongBasicPasswordsCountTowardsTheLimitToo() throws Exception {
        String wrong = "Basic " + Base64.getEncoder().encodeToString("me:nope".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 5; i++) {
            assertEquals(401, send("GET", "/api/random", "Authorization", wrong).statusCode());
        }
        assertEquals(429, post("/login", form(PASSWORD, "/")).statusCode());
    }

    @Test
    void aLoginOrLogoutPostedFromAnotherSitesPageIsRefused() throws Exception {
        HttpResponse<String> forged = post("/login", form(PASSWORD, "/"), "Origin", "http://evil.example");
        assertEquals(403, forged.statusCode());
        assertTrue(forged.headers().firstValue("Set-Cookie").isEmpty());
        assertEquals(403, post("/login", form(PASSWORD, "/"), "Origin", "null").statusCode());
        HttpResponse<String> sameSite = post("/login", form(PASSWORD, "/"), "Origin", "http://127.0.0.1:" + server.port());
        assertEquals(303, sameSite.statusCode());

        String cookie = cookieOf(sameSite);
        assertEquals(403, post("/logout", "", "Cookie", cookie, "Origin", "http://evil.example").statusCode());
        assertEquals(200, send("GET", "/api/random", "Cookie", cookie).statusCode(), "the forged logout ended nothing");
    }

    @Test
    void logoutEndsTheSessionAndClearsTheCookie() throws Exception {
        String cookie = login(PASSWORD, "/").cookie();
        HttpResponse<String> logout = post("/logout", "", "Cookie", cookie);
        assertEquals(303, logout.statusCode());
        assertEquals("/login", logout.headers().firstValue("Location").orElseThrow());
        assertTrue(logout.headers().firstValue("Set-Cookie").orElseThrow().contains("Max-Age=0"));
        assertEquals(401, send("GET", "/api/random", "Cookie", cookie).statusCode());
    }

    @Test
    void aSessionSurvivesARestartButNotANewPassword() throws Exception {
        String cookie = login(PASSWORD, "/").cookie();
        server.stop();
        startServer(PASSWORD);
        assertEquals(200, send("GET", "/api/random", "Cookie", cookie).statusCode(), "same password: still logged in");

        server.stop();
        startServer("a new password");
        assertEquals(401, send("GET", "/api/random", "Cookie", cookie).statusCode(), "a new password ends every session");
        assertEquals(303, login("a new password", "/").status());
    }

    @Test
    void aSessionEndsAfterItsLength() throws Exception {
        String cookie = login(PASSWORD, "/").cookie();
        now.set(now.get().plus(SESSION).minusSeconds(1));
        assertEquals(200, send("GET", "/api/random", "Cookie", cookie).statusCode());
        now.set(now.get().plusSeconds(2));
        assertEquals(401, send("GET", "/api/random", "Cookie", cookie).statusCode());
    }

    @Test
    void scriptsGetInWithBasicAndAnyUserNameOrTheApiToken() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("script:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertEquals(200, send("GET", "/api/" + entry.hash() + "/data", "Authorization", basic).statusCode());
        assertEquals(200, send("GET", "/api/random", "Authorization", basic).statusCode(), "remembered: no slow hash again");

        String token = ApiToken.replace(db, clock);
        assertEquals(200, send("GET", "/api/random", "Authorization", "Bearer " + token).statusCode());
        assertEquals(401, send("GET", "/api/random", "Authorization", "Bearer " + token + "x").statusCode());
        assertEquals(401, send("GET", "/api/random", "Authorization", "Digest whatever").statusCode());

        String rotated = ApiToken.replace(db, clock);
        now.set(now.get().plus(Duration.ofMinutes(1)));
        assertEquals(401, send("GET", "/api/random", "Authorization", "Bearer " + token).statusCode(),
                "a replaced token stops working within a minute");
        assertEquals(200, send("GET", "/api/random", "Authorization", "Bearer " + rotated).statusCode());
    }

    @Test
    void theLoginNeverLeadsToAnotherSite() throws Exception {
        for (String next : List.of("//evil.example/", "/\\evil.example", "https://evil.example/", "javascript:alert(1)",
                "/ok\r\nSet-Cookie: x=y", "/login?next=/x")) {
            assertEquals("/", login(PASSWORD, next).location(), next);
        }
        assertEquals("/next/3?x=1", login(PASSWORD, "/next/3?x=1").location());
    }

    private record LoggedIn(int status, String location, String cookie) {
    }

    private LoggedIn login(String password, String next) throws Exception {
        HttpResponse<String> response = post("/login", form(password, next));
        return new LoggedIn(response.statusCode(), response.headers().firstValue("Location").orElse(null),
                response.statusCode() == 303 ? cookieOf(response) : null);
    }

    private static String cookieOf(HttpResponse<String> response) {
        return response.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    private static String form(String password, String next) {
        return "password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
