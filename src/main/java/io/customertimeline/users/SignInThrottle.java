package io.customertimeline.users;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per username and client address: after {@code TIMELINE_SIGNIN_MAX_FAILURES}
 * failures within {@code TIMELINE_SIGNIN_LOCKOUT}, that pair is refused until the window passes.
 * Kept per instance: behind a load balancer each instance counts on its own.
 */
@Component
public class SignInThrottle {

    private static final int MAX_TRACKED = 100_000;
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    SignInThrottle(Clock clock, SignInLimits limits) {
        this.clock = clock;
        this.maxFailures = limits.signinMaxFailures();
        this.window = limits.signinLockout();
    }

    public boolean blocked(String username, String address) {
        Deque<Instant> times = failures.get(key(username, address));
        if (times == null) {
            return false;
        }
        synchronized (times) {
            prune(times);
            return times.size() >= maxFailures;
        }
    }

    public void failed(String username, String address) {
        if (failures.size() > MAX_TRACKED) {
            failures.values().removeIf(d -> {
                synchronized (d) {
                    prune(d);
                    return d.isEmpty();
                }
            });
        }
        Deque<Instant> times = failures.computeIfAbsent(key(username, address), k -> new ArrayDeque<>());
        synchronized (times) {
            prune(times);
            times.addLast(clock.instant());
        }
    }

    public void succeeded(String username, String address) {
        failures.remove(key(username, address));
    }

    private void prune(Deque<Instant> times) {
        Instant cutoff = clock.instant().minus(window);
        while (!times.isEmpty() && times.peekFirst().isBefore(cutoff)) {
            times.removeFirst();
        }
    }

    private static String key(String username, String address) {
        return Users.normalise(username) + "|" + address;
    }
}
