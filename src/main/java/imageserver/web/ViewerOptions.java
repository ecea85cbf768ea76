package imageserver.web;

import java.util.Optional;

/**
 * The slideshow state carried in viewer URLs: {@code order} (next or random) and {@code delay}
 * in seconds (0: no auto-advance). Bad values fall back to the defaults, never to an error.
 */
record ViewerOptions(String order, int delay) {
    static final String NEXT = "next";
    static final String RANDOM = "random";
    static final int MAX_DELAY = 86_400;
    static final ViewerOptions DEFAULT = new ViewerOptions(NEXT, 0);

    static ViewerOptions parse(Optional<String> order, Optional<String> delay) {
        return new ViewerOptions(order.map(ViewerOptions::order).orElse(DEFAULT.order()),
                delay.map(ViewerOptions::delay).orElse(DEFAULT.delay()));
    }

    private static String order(String value) {
        return RANDOM.equals(value) ? RANDOM : NEXT;
    }

    private static int delay(String value) {
        try {
            long seconds = Math.round(Double.parseDouble(value.trim()));
            return (int) Math.max(0, Math.min(MAX_DELAY, seconds));
        } catch (NumberFormatException e) {
            return DEFAULT.delay();
        }
    }

    String query() {
        return "order=" + order + "&delay=" + delay;
    }
}
