package io.customertimeline.users;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many failed sign-ins {@link SignInThrottle} allows per username and address
 * ({@code TIMELINE_SIGNIN_MAX_FAILURES}) within what window ({@code TIMELINE_SIGNIN_LOCKOUT}).
 */
@ConfigurationProperties("timeline")
record SignInLimits(@DefaultValue("5") int signinMaxFailures, @DefaultValue("15m") Duration signinLockout) {

    SignInLimits {
        if (signinMaxFailures < 1) {
            throw new IllegalArgumentException("TIMELINE_SIGNIN_MAX_FAILURES must be at least 1, not " + signinMaxFailures);
        }
        if (signinLockout.isNegative() || signinLockout.isZero()) {
            throw new IllegalArgumentException("TIMELINE_SIGNIN_LOCKOUT must be longer than 0, not " + signinLockout);
        }
    }
}
