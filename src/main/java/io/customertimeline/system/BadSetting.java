package io.customertimeline.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A setting the service cannot start with, for checks that a {@code @ConfigurationProperties}
 * record cannot make itself (a URL to take apart, a secret, a region only libphonenumber knows).
 * The message names the environment variable and what is allowed, and shows the value only when
 * it is not secret. {@link Analyzer} turns it into Spring Boot's short "APPLICATION FAILED TO
 * START" report, as a binding failure is, instead of a stack trace.
 */
public class BadSetting extends RuntimeException {

    private final String variable;

    /** @param problem what is wrong and what is allowed: {@code "must be at least 1, not 0"} */
    public BadSetting(String variable, String problem) {
        super(variable + " " + problem);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }

    /** Registered in {@code META-INF/spring.factories}. */
    static final class Analyzer extends AbstractFailureAnalyzer<BadSetting> {
        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, BadSetting cause) {
            return new FailureAnalysis(cause.getMessage(), "Change " + cause.variable() + " and start again.", cause);
        }
    }
}
