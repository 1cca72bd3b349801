package io.customertimeline.users;

import io.customertimeline.system.BadSetting;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a person's session once their account changes after they signed in: disabled, given
 * another role, or a new password. A session keeps the roles it signed in with, so without this
 * a disabled agent could go on editing until they stopped for half an hour. Each request that
 * carries a session compares the account's {@code updated_at} with the one it signed in with (one
 * primary-key read); every instance reads the same row, so a change made on one ends the person's
 * sessions on all. Runs before the security filters, which then find no session.
 *
 * <p>It also ends a session left idle for {@code TIMELINE_SESSION_TIMEOUT}. The servlet
 * container's own idle clock counts every request, and an open dashboard makes requests by
 * itself: its live-update stream reconnects every few minutes and each update refreshes parts of
 * the page. So a tab left open on an unattended machine stayed signed in for ever. Only requests
 * a person makes count here: not the stream, not a refresh marked {@code X-Live-Update}.
 */
@Component
@Order(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1)
class SignedInAccounts extends OncePerRequestFilter {

    private static final String SIGNED_IN = SignedInAccounts.class.getName();
    private static final String LAST_ACTIVE = SIGNED_IN + ".lastActive";
    private final Users users;
    private final Clock clock;
    private final Duration idleTimeout;

    SignedInAccounts(Users users, Clock clock, @Value("${server.servlet.session.timeout:30m}") Duration idleTimeout) {
        if (idleTimeout == null) { // TIMELINE_SESSION_TIMEOUT set but empty: its default, as the container reads it
            idleTimeout = Duration.ofMinutes(30);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) { // every request would end the session it came with
            throw new BadSetting("TIMELINE_SESSION_TIMEOUT", "must be longer than 0, not " + idleTimeout);
        }
        this.users = users;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
    }

    private record SignedIn(String username, OffsetDateTime accountChangedAt) implements Serializable {
    }

    /** Records, in the new session, the account as it was when its person signed in. */
    void signedIn(HttpServletRequest request, String username) {
        users.changedAt(username).ifPresent(at -> request.getSession().setAttribute(SIGNED_IN, new SignedIn(username, at)));
        request.getSession().setAttribute(LAST_ACTIVE, clock.instant());
    }

    /** Styles, scripts and icons are the same for everyone: no account to check for them. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/webjars/") || path.equals("/favicon.ico");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SIGNED_IN) instanceof SignedIn s) {
            Instant now = clock.instant();
            boolean byPerson = !request.getRequestURI().equals("/timeline/events") && request.getHeader("X-Live-Update") == null;
            if (session.getAttribute(LAST_ACTIVE) instanceof Instant last && last.plus(idleTimeout).isBefore(now)
                    || !users.changedAt(s.username()).map(s.accountChangedAt()::isEqual).orElse(false)) {
                session.invalidate();
            } else if (byPerson) {
                session.setAttribute(LAST_ACTIVE, now);
            }
        }
        chain.doFilter(request, response);
    }
}
