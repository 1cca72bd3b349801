package io.customertimeline.users;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Serializable;
import java.time.OffsetDateTime;
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
 */
@Component
@Order(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1)
class SignedInAccounts extends OncePerRequestFilter {

    private static final String SIGNED_IN = SignedInAccounts.class.getName();
    private final Users users;

    SignedInAccounts(Users users) {
        this.users = users;
    }

    private record SignedIn(String username, OffsetDateTime accountChangedAt) implements Serializable {
    }

    /** Records, in the new session, the account as it was when its person signed in. */
    void signedIn(HttpServletRequest request, String username) {
        users.changedAt(username).ifPresent(at -> request.getSession().setAttribute(SIGNED_IN, new SignedIn(username, at)));
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
        if (session != null && session.getAttribute(SIGNED_IN) instanceof SignedIn s
                && !users.changedAt(s.username()).map(s.accountChangedAt()::isEqual).orElse(false)) {
            session.invalidate();
        }
        chain.doFilter(request, response);
    }
}
