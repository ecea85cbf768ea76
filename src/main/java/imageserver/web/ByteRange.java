package imageserver.web;

import java.util.Optional;

/**
 * A single satisfiable byte range of a file, from an HTTP {@code Range} header. Several ranges,
 * or syntax we do not understand, are ignored (the whole file is sent, as RFC 9110 allows).
 */
record ByteRange(long start, long length) {

    /** How a Range header applies to a file of a given size. */
    sealed interface Request permits Whole, Partial, Unsatisfiable {
    }

    record Whole() implements Request {
    }

    record Partial(ByteRange range) implements Request {
    }

    record Unsatisfiable() implements Request {
    }

    long end() {
        return start + length - 1;
    }

    static Request parse(Optional<String> header, long size) {
        if (header.isEmpty()) {
            return new Whole();
        }
        String value = header.get().trim();
        if (!value.regionMatches(true, 0, "bytes=", 0, 6) || value.indexOf(',') >= 0) {
            return new Whole();
        }
        String spec = value.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Whole();
        }
        try {
            String first = spec.substring(0, dash).trim();
            String last = spec.substring(dash + 1).trim();
            if (first.isEmpty()) {
                long suffix = Long.parseLong(last);
                if (suffix <= 0) {
                    return new Unsatisfiable();
                }
                long length = Math.min(suffix, size);
                return size == 0 ? new Unsatisfiable() : new Partial(new ByteRange(size - length, length));
            }
            long start = Long.parseLong(first);
            long end = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
            if (start < 0 || (!last.isEmpty() && Long.parseLong(last) < start)) {
                return new Whole();
            }
            if (start >= size) {
                return new Unsatisfiable();
            }
            return new Partial(new ByteRange(start, end - start + 1));
        } catch (NumberFormatException e) {
            return new Whole();
        }
    }
}
