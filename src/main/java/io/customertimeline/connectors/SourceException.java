package io.customertimeline.connectors;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A source that cannot be read (down, refused the login, answered with an error). Its message
 * never carries a credential: messages are scrubbed of the secrets the source knows, and a cause
 * whose own messages would leak one is left out.
 */
public class SourceException extends RuntimeException {

    public SourceException(String message) {
        super(message);
    }

    private SourceException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code context: cause message}, with every secret masked. */
    public static SourceException of(String context, Throwable cause, Collection<String> secrets) {
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String message = scrub(context + ": " + detail, secrets);
        return leaks(cause, secrets) ? new SourceException(message) : new SourceException(message, cause);
    }

    public static SourceException of(String context, Throwable cause, String... secrets) {
        return of(context, cause, List.of(secrets));
    }

    /**
     * Masks each secret wherever it appears, except one shorter than {@value #MASKED_ANYWHERE}
     * characters (a user name such as "me"): that is masked only where it stands alone, not inside
     * words ("ti****out" for "timeout"). No password is that short.
     */
    static String scrub(String text, Collection<String> secrets) {
        String out = text;
        for (String secret : secrets) {
            if (secret == null || secret.isEmpty()) {
                continue;
            }
            out = secret.length() >= MASKED_ANYWHERE ? out.replace(secret, "****")
                    : out.replaceAll("(?<![\\p{Alnum}])" + Pattern.quote(secret) + "(?![\\p{Alnum}])", "****");
        }
        return out;
    }

    private static final int MASKED_ANYWHERE = 4;

    private static boolean leaks(Throwable cause, Collection<String> secrets) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && !scrub(m, secrets).equals(m)) {
                return true;
            }
        }
        return false;
    }
}
