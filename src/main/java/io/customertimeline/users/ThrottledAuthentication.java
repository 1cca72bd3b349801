package io.customertimeline.users;

import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password sign-in with a throttle per username and address. Failures are logged with the
 * username and address, never the password; a name that is no account's is not written either,
 * since it is often a password typed into the wrong box.
 */
class ThrottledAuthentication implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(ThrottledAuthentication.class);
    private final DaoAuthenticationProvider passwords;
    private final SignInThrottle throttle;
    private final Predicate<String> isAccount;

    ThrottledAuthentication(DaoAuthenticationProvider passwords, SignInThrottle throttle, Predicate<String> isAccount) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.isAccount = isAccount;
    }

    /** One more than the longest username ({@code Users}): a longer one names nobody and is cut before it is kept or logged. */
    static final int LONGEST_KEPT = 65;

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = String.valueOf(authentication.getName());
        String address = authentication.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : "unknown";
        if (username.length() > LONGEST_KEPT) {
            // a megabyte of name per attempt would otherwise stay in the throttle for its window and fill the log
            username = username.substring(0, LONGEST_KEPT - 1) + "…"; // no username holds "…": it names nobody
            var cut = UsernamePasswordAuthenticationToken.unauthenticated(username, authentication.getCredentials());
            cut.setDetails(authentication.getDetails());
            authentication = cut;
        }
        if (throttle.blocked(username, address)) {
            log.warn("Sign-in refused for {} from {}: too many failed attempts", shown(username), address);
            throw new LockedException("Too many failed sign-ins; try again later.");
        }
        try {
            Authentication result = passwords.authenticate(authentication);
            throttle.succeeded(username, address);
            log.info("User '{}' signed in from {}", printable(username), address);
            return result;
        } catch (AuthenticationException e) {
            throttle.failed(username, address);
            log.warn("Failed sign-in for {} from {}: {}", shown(username), address, e.getClass().getSimpleName());
            throw e instanceof LockedException ? e : new BadCredentialsException("Wrong username or password.");
        }
    }

    /** An account's name as the log may show it; any other name only by its length. */
    private String shown(String username) {
        return isAccount.test(username) ? "user '" + printable(username) + "'"
                : "an unknown username (" + username.codePointCount(0, username.length()) + " characters)";
    }

    private static String printable(String username) {
        return username.replaceAll("[^\\p{Alnum}._@-]", "?");
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
