package io.customertimeline.webhooks;

/** The ways a sender can prove it knows the secret, with the header each one uses. */
public enum AuthMethod {
    /** Standard Webhooks: {@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature: v1,<base64>}. */
    STANDARD_WEBHOOKS("webhook-signature"),
    /** Retell: {@code X-Retell-Signature: v=<unix ms>,d=<hex HMAC-SHA256 of body + timestamp>}. */
    RETELL_SIGNATURE("X-Retell-Signature"),
    /** {@code Authorization: Bearer <secret>}. */
    BEARER("Authorization"),
    /** Vapi's server URL secret: {@code x-vapi-secret: <secret>}. */
    VAPI_SECRET("x-vapi-secret");

    private final String header;

    AuthMethod(String header) {
        this.header = header;
    }

    public String header() {
        return header;
    }
}
