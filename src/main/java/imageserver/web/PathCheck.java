package imageserver.web;

import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Answers 400 to a request whose path is not a well-formed URI path (RFC 3986: letters, digits,
 * {@code -._~!$&'()*+,;=:@/}, and {@code %} followed by two hex digits). It stands in for
 * Helidon's own check ({@code validatePath}, off in {@link ImageServer#builder}), which parsed
 * every path with {@code java.net.URI}: half a microsecond of a file request, whose path is 74
 * characters (BENCHMARKS.md, "Fifteenth session"). Helidon still decodes a path that has escapes,
 * dot segments or "//" when a route reads it; this check makes sure it can.
 */
public final class PathCheck implements Filter {
    private static final String SYMBOLS = "-._~!$&'()*+,;=:@/";

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (isWellFormed(req.path().rawPath())) {
            chain.proceed();
        } else {
            ErrorResponses.send(req, res, Status.BAD_REQUEST_400, "malformed path");
        }
    }

    /** Whether {@code rawPath} (as received, not decoded) is made only of what RFC 3986 allows in a path. */
    static boolean isWellFormed(String rawPath) {
        int length = rawPath.length();
        for (int i = 0; i < length; i++) {
            char c = rawPath.charAt(i);
            if (c == '%') {
                if (i + 2 >= length || !isHexDigit(rawPath.charAt(i + 1)) || !isHexDigit(rawPath.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (!isLetterOrDigit(c) && SYMBOLS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
