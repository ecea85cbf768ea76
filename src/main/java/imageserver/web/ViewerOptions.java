package imageserver.web;

import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The slideshow state carried in viewer URLs: {@code order} (next or random), {@code delay} in
 * seconds (0: no auto-advance; fractions kept) and, for random order, the {@code seed} of its
 * shuffled sequence, so that a reload or a bookmark goes on with the same sequence. Bad values
 * fall back to the defaults (a missing or bad seed to a new one), never to an error.
 */
record ViewerOptions(String order, double delay, long seed) {
    static final String NEXT = "next";
    static final String RANDOM = "random";
    static final double MAX_DELAY = 86_400;
    /** The shortest slideshow step: shorter ones would only ask the server for files nobody sees. */
    static final double MIN_DELAY = 0.1;

    static ViewerOptions parse(Optional<String> order, Optional<String> delay, Optional<String> seed) {
        return new ViewerOptions(order.map(ViewerOptions::order).orElse(NEXT), delay.map(ViewerOptions::delay).orElse(0.0),
                seed.flatMap(ViewerOptions::seed).orElseGet(() -> ThreadLocalRandom.current().nextLong() >>> 32));
    }

    boolean isRandom() {
        return RANDOM.equals(order);
    }

    private static String order(String value) {
        return RANDOM.equals(value) ? RANDOM : NEXT;
    }

    private static double delay(String value) {
        try {
            double seconds = Math.round(Double.parseDouble(value.trim()) * 1000) / 1000.0;
            if (!(seconds > 0)) {
                return 0;
            }
            return Math.max(MIN_DELAY, Math.min(MAX_DELAY, seconds));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Up to 16 hex digits. */
    private static Optional<Long> seed(String value) {
        if (value.isEmpty() || value.length() > 16) {
            return Optional.empty();
        }
        try {
            return Optional.of(HexFormat.fromHexDigitsToLong(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The delay as a URL and the page show it: {@code 5}, {@code 0.5}. */
    String delayText() {
        return BigDecimal.valueOf(delay).stripTrailingZeros().toPlainString();
    }

    String seedText() {
        return Long.toHexString(seed);
    }

    /** The query of a viewer URL; the seed only where it matters, in random order. */
    String query() {
        return "order=" + order + "&delay=" + delayText() + (isRandom() ? "&seed=" + seedText() : "");
    }
}
