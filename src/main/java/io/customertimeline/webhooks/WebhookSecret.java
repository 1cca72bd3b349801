package io.customertimeline.webhooks;

import io.customertimeline.system.BadSetting;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A shared webhook secret. Used whole as a Bearer token, as Vapi's {@code x-vapi-secret} and as
 * the key of Retell's signature; for Standard Webhooks the key is the base64 after {@code whsec_}
 * (a secret without that prefix is used as it is). Never printed: {@link #toString()} hides it.
 */
public final class WebhookSecret {

    static final String STANDARD_PREFIX = "whsec_";

    private final byte[] whole;
    private final byte[] signingKey;

    private WebhookSecret(byte[] whole, byte[] signingKey) {
        this.whole = whole;
        this.signingKey = signingKey;
    }

    /** @throws IllegalArgumentException when blank, or {@code whsec_} followed by invalid base64 */
    public static WebhookSecret of(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a webhook secret must not be blank");
        }
        String secret = value.strip();
        byte[] key;
        if (secret.startsWith(STANDARD_PREFIX)) {
            try {
                key = Base64.getDecoder().decode(secret.substring(STANDARD_PREFIX.length()));
            } catch (IllegalArgumentException notBase64) {
                throw new IllegalArgumentException("a whsec_ secret must continue with base64");
            }
            if (key.length == 0) {
                throw new IllegalArgumentException("a whsec_ secret must not be empty after the prefix");
            }
        } else {
            key = secret.getBytes(StandardCharsets.UTF_8);
        }
        return new WebhookSecret(secret.getBytes(StandardCharsets.UTF_8), key);
    }

    /** {@link #of} for the secret {@code variable} gives: a broken one stops the start naming the variable, never the value. */
    public static WebhookSecret setting(String variable, String value) {
        try {
            return of(value);
        } catch (IllegalArgumentException e) {
            throw new BadSetting(variable, "is not usable (the value is not shown): " + e.getMessage()
                    + "; any other text is used as it is");
        }
    }

    byte[] whole() {
        return whole.clone();
    }

    byte[] signingKey() {
        return signingKey.clone();
    }

    @Override
    public String toString() {
        return "WebhookSecret[redacted]";
    }
}
