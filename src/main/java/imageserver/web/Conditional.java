package imageserver.web;

import java.util.Optional;

/** Conditional request headers (RFC 9110): If-None-Match and If-Range against our strong ETags. */
final class Conditional {
    private Conditional() {
    }

    /** True when the client's copy is current: answer 304. */
    static boolean noneMatch(Optional<String> ifNoneMatch, String etag) {
        if (ifNoneMatch.isEmpty()) {
            return false;
        }
        for (String candidate : ifNoneMatch.get().split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    /** True when a Range header may be honoured: no If-Range, or one naming the current ETag. */
    static boolean ifRange(Optional<String> ifRange, String etag) {
        return ifRange.isEmpty() || ifRange.get().trim().equals(etag);
    }
}
