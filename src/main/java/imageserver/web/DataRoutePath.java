package imageserver.web;

import java.util.Map;

import io.helidon.common.parameters.Parameters;
import io.helidon.common.uri.UriPath;
import io.helidon.http.PathMatcher;
import io.helidon.http.PathMatchers.MatchResult;
import io.helidon.http.PathMatchers.PrefixMatchResult;
import io.helidon.http.RoutedPath;

/**
 * The data route's path, {@code /api/{hash}/data} ({@code hash}: one path segment), matched
 * without a regular expression. Helidon matches a pattern with a parameter through a regex, one
 * character at a time: over the 64 characters of a hash, ~0.8 µs of each file request, the
 * route that serves most requests (BENCHMARKS.md, "Fifteenth session").
 */
final class DataRoutePath implements PathMatcher {
    static final String HASH = "hash";
    private static final String PREFIX = "/api/";
    private static final String SUFFIX = "/data";

    @Override
    public MatchResult match(UriPath uriPath) {
        String path = uriPath.path();
        int end = path.length() - SUFFIX.length();
        String hash = hashIn(path, end);
        return hash == null ? MatchResult.notAccepted() : new MatchResult(true, new Matched(uriPath, hash));
    }

    @Override
    public PrefixMatchResult prefixMatch(UriPath uriPath) {
        String path = uriPath.path();
        int suffix = path.indexOf(SUFFIX, PREFIX.length());
        int end = suffix + SUFFIX.length();
        String hash = suffix < 0 ? null : hashIn(path, suffix);
        if (hash == null || end < path.length() && path.charAt(end) != '/') {
            return PrefixMatchResult.notAccepted();
        }
        return new PrefixMatchResult(true, new Matched(uriPath, hash),
                UriPath.create(end < path.length() ? path.substring(end) : "/"));
    }

    /** The hash segment if {@code path} is the prefix, one segment, then the suffix from {@code suffixAt}; else null. */
    private static String hashIn(String path, int suffixAt) {
        if (suffixAt <= PREFIX.length() || !path.startsWith(PREFIX) || !path.startsWith(SUFFIX, suffixAt)
                || path.indexOf('/', PREFIX.length()) != suffixAt) {
            return null;
        }
        return path.substring(PREFIX.length(), suffixAt);
    }

    /** The request's path with the hash as its path parameter. */
    private record Matched(UriPath uriPath, Parameters pathParameters) implements RoutedPath {
        Matched(UriPath uriPath, String hash) {
            this(uriPath, Parameters.createSingleValueMap("http/path", Map.of(HASH, hash)));
        }

        @Override
        public String rawPath() {
            return uriPath.rawPath();
        }

        @Override
        public String rawPathNoParams() {
            return uriPath.rawPathNoParams();
        }

        @Override
        public String path() {
            return uriPath.path();
        }

        @Override
        public Parameters matrixParameters() {
            return uriPath.matrixParameters();
        }

        @Override
        public void validate() {
            uriPath.validate();
        }

        /** The route is registered at the root, so its path is already the absolute one. */
        @Override
        public RoutedPath absolute() {
            return this;
        }
    }
}
