package imageserver.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.helidon.common.uri.UriPath;
import io.helidon.http.PathMatchers;
import io.helidon.http.PathMatchers.MatchResult;
import io.helidon.http.PathMatchers.PrefixMatchResult;

class DataRoutePathTest {
    private static final String HASH = "0123456789abcdef".repeat(4);
    private final DataRoutePath matcher = new DataRoutePath();

    @Test
    void matchesTheDataPathAndGivesItsHash() {
        MatchResult result = matcher.match(UriPath.create("/api/" + HASH + "/data"));
        assertTrue(result.accepted());
        assertEquals(HASH, result.path().pathParameters().get(DataRoutePath.HASH));
        assertEquals("/api/" + HASH + "/data", result.path().path());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/x/data", "/api/NOT-A-HASH/data", "/api/%20/data", "/api/a.b/data", "/api/%41/data"})
    void acceptsAnyOneSegmentAsThePatternDid(String path) {
        assertTrue(matcher.match(UriPath.create(path)).accepted(), path);
        assertAcceptedAlike(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/data", "/api//data", "/api/a/b/data", "/api/a/data/", "/api/a/datax", "/api/a/dat",
            "/api/a", "/api/", "/apix/a/data", "/x/api/a/data", "/data", "/", "/api/a/data/more", "/api/..%2f/data", "/api/a%2Fb/data"})
    void rejectsWhatThePatternRejected(String path) {
        assertFalse(matcher.match(UriPath.create(path)).accepted(), path);
        assertAcceptedAlike(path);
    }

    @Test
    void prefixMatchLeavesTheRestOfThePath() {
        PrefixMatchResult result = matcher.prefixMatch(UriPath.create("/api/" + HASH + "/data/more"));
        assertTrue(result.accepted());
        assertEquals(HASH, result.matchedPath().pathParameters().get(DataRoutePath.HASH));
        assertEquals("/more", result.unmatchedPath().path());
        assertTrue(matcher.prefixMatch(UriPath.create("/api/" + HASH + "/data")).accepted());
        assertFalse(matcher.prefixMatch(UriPath.create("/api/" + HASH + "/database")).accepted());
        assertFalse(matcher.prefixMatch(UriPath.create("/api/a/b/data")).accepted());
    }

    /** Helidon's own matcher for the pattern this one replaces is the reference. */
    private void assertAcceptedAlike(String path) {
        UriPath uriPath = UriPath.create(path);
        MatchResult expected = PathMatchers.create("/api/{hash}/data").match(uriPath);
        MatchResult actual = matcher.match(uriPath);
        assertEquals(expected.accepted(), actual.accepted(), path);
        if (expected.accepted()) {
            assertEquals(expected.path().pathParameters().get("hash"), actual.path().pathParameters().get(DataRoutePath.HASH), path);
        }
    }
}
