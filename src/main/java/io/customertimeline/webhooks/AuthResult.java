package io.customertimeline.webhooks;

/**
 * Whether a delivery proved it knows the secret: which method passed, or why none did. The detail
 * names headers and time differences, never the secret or a signature value.
 */
public record AuthResult(Outcome outcome, AuthMethod method, String detail) {

    public enum Outcome {
        PASSED,
        /** No credential of an accepted kind was sent (or only part of one). */
        MISSING,
        /** A credential was sent but does not match (or cannot be read). */
        WRONG,
        /** A signature's timestamp is outside the tolerance window: a replay, or a badly wrong clock. */
        STALE
    }

    public boolean passed() {
        return outcome == Outcome.PASSED;
    }

    static AuthResult passed(AuthMethod method) {
        return new AuthResult(Outcome.PASSED, method, method.header() + " verified");
    }

    static AuthResult missing(AuthMethod method, String detail) {
        return new AuthResult(Outcome.MISSING, method, detail);
    }

    static AuthResult wrong(AuthMethod method, String detail) {
        return new AuthResult(Outcome.WRONG, method, detail);
    }

    static AuthResult stale(AuthMethod method, String detail) {
        return new AuthResult(Outcome.STALE, method, detail);
    }
}
