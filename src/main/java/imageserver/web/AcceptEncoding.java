package imageserver.web;

import java.util.Locale;
import java.util.Optional;

/** What a request's Accept-Encoding (RFC 9110, section 12.5.3) lets a response be encoded with. */
final class AcceptEncoding {
    private AcceptEncoding() {
    }

    /**
     * True when gzip is acceptable: named (or matched by {@code *}) with a quality above zero.
     * No header at all means no: curl and scripts without it expect the bytes as they are.
     */
    static boolean allowsGzip(Optional<String> header) {
        if (header.isEmpty()) {
            return false;
        }
        double gzip = -1;
        double any = -1;
        for (String item : header.get().split(",")) {
            String[] parts = item.split(";");
            String coding = parts[0].trim().toLowerCase(Locale.ROOT);
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                gzip = quality(parts);
            } else if (coding.equals("*")) {
                any = quality(parts);
            }
        }
        return (gzip >= 0 ? gzip : any) > 0;
    }

    /** The {@code q} parameter of one list item; 1 when absent, 0 (not acceptable) when unreadable. */
    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.length() > 2 && Character.toLowerCase(parameter.charAt(0)) == 'q' && parameter.charAt(1) == '=') {
                try {
                    double q = Double.parseDouble(parameter.substring(2).trim());
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
