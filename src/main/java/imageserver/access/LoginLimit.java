package imageserver.access;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed password tries per client address: after {@code maxFailures} within {@code window},
 * that address is refused until the oldest of them is older than the window. Guessing a
 * password over HTTP then takes years; the slow hash is not what limits it.
 */
final class LoginLimit {
    /** Addresses remembered at most; past it, those with no failure in the window are forgotten. */
    private static final int ADDRESSES = 10_000;

    private final int maxFailures;
    private final Duration window;
    private final InstantSource clock;
    private final Map<String, Deque<Instant>> failures = new HashMap<>();

    LoginLimit(int maxFailures, Duration window, InstantSource clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** How long this address must wait before it may try again, or empty if it may try now. */
    synchronized Optional<Duration> wait(String address) {
        Deque<Instant> recent = recent(address);
        if (recent.size() < maxFailures) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), recent.peekFirst().plus(window));
        return Optional.of(left.isNegative() ? Duration.ZERO : left);
    }

    synchronized void failed(String address) {
        if (failures.size() >= ADDRESSES) {
            failures.keySet().removeIf(a -> recent(a).isEmpty());
        }
        failures.computeIfAbsent(address, a -> new ArrayDeque<>()).addLast(clock.instant());
    }

    synchronized void succeeded(String address) {
        failures.remove(address);
    }

    /** The address's failures still inside the window, older ones dropped. */
    private Deque<Instant> recent(String address) {
        Deque<Instant> recent = failures.getOrDefault(address, new ArrayDeque<>());
        Instant since = clock.instant().minus(window);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(since)) {
            recent.removeFirst();
        }
        return recent;
    }
}
