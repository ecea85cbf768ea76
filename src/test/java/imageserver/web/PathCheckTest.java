package imageserver.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathCheckTest {
    @ParameterizedTest
    @ValueSource(strings = {"/", "/api/health", "/api/0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789abcdef/data",
            "/static/viewer.js", "/natural/5", "/a-b._~!$&'()*+,;=:@/c", "/%2e%2e/%2F", "/%C3%A9t%c3%a9", "//double", "/a/../b"})
    void acceptsWhatRfc3986AllowsInAPath(String path) {
        assertTrue(PathCheck.isWellFormed(path), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/%", "/%4", "/a%4", "/%zz", "/%4g", "/%g4", "/a b", "/<script>", "/\"", "/a\\b", "/^", "/`",
            "/{hash}", "/|", "/#fragment", "/[::1]", "/é", "/日本", "/\u0000", "/\u007f", "/\t"})
    void rejectsAnythingElse(String path) {
        assertFalse(PathCheck.isWellFormed(path), path.replaceAll("[^ -~]", "?"));
    }
}
