package io.customertimeline.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.HttpHeaders;

/**
 * Checks that a webhook delivery comes from someone who knows the endpoint's secret, by any of the
 * accepted {@link AuthMethod}s. Comparisons are constant-time; signed methods reject timestamps
 * more than five minutes from the clock in either direction. A delivery passes when any credential
 * it carries passes; otherwise the result explains the first failure (signatures before tokens).
 */
public final class WebhookAuthenticator {

    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private static final Pattern RETELL = Pattern.compile("v=(\\d{1,15}),d=([0-9a-fA-F]{64})");
    private static final Pattern UNIX_SECONDS = Pattern.compile("\\d{1,12}");
    private static final String BEARER_PREFIX = "bearer ";

    private final Clock clock;

    public WebhookAuthenticator(Clock clock) {
        this.clock = clock;
    }

    public AuthResult authenticate(HttpHeaders headers, byte[] body, WebhookSecret secret, Set<AuthMethod> accepted) {
        if (accepted.isEmpty()) {
            throw new IllegalArgumentException("an endpoint must accept at least one method");
        }
        List<AuthResult> failures = new ArrayList<>();
        for (AuthMethod method : EnumSet.copyOf(accepted)) {
            AuthResult result = switch (method) {
                case STANDARD_WEBHOOKS -> standardWebhooks(headers, body, secret);
                case RETELL_SIGNATURE -> retell(headers, body, secret);
                case BEARER -> bearer(headers, secret);
                case VAPI_SECRET -> token(method, headers.getFirst(method.header()), secret);
            };
            if (result == null) {
                continue;
            }
            if (result.passed()) {
                return result;
            }
            failures.add(result);
        }
        if (!failures.isEmpty()) {
            return failures.get(0);
        }
        return AuthResult.missing(null, "send one of "
                + accepted.stream().map(AuthMethod::header).sorted().toList());
    }

    private static AuthResult bearer(HttpHeaders headers, WebhookSecret secret) {
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return null;
        }
        if (!authorization.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
            return AuthResult.wrong(AuthMethod.BEARER, "Authorization is not a Bearer token");
        }
        return token(AuthMethod.BEARER, authorization.substring(BEARER_PREFIX.length()).strip(), secret);
    }

    private static AuthResult token(AuthMethod method, String presented, WebhookSecret secret) {
        if (presented == null) {
            return null;
        }
        // Compare digests so that neither the content nor the length of the secret leaks through timing.
        boolean same = MessageDigest.isEqual(sha256(presented.strip().getBytes(StandardCharsets.UTF_8)),
                sha256(secret.whole()));
        return same ? AuthResult.passed(method) : AuthResult.wrong(method, method.header() + " does not match the secret");
    }

    private AuthResult retell(HttpHeaders headers, byte[] body, WebhookSecret secret) {
        AuthMethod method = AuthMethod.RETELL_SIGNATURE;
        String header = headers.getFirst(method.header());
        if (header == null) {
            return null;
        }
        Matcher m = RETELL.matcher(header.strip());
        if (!m.matches()) {
            return AuthResult.wrong(method, "X-Retell-Signature must look like v=<unix ms>,d=<64 hex digits>");
        }
        String timestamp = m.group(1);
        AuthResult stale = staleness(method, Instant.ofEpochMilli(Long.parseLong(timestamp)));
        if (stale != null) {
            return stale;
        }
        byte[] expected = hmac(secret.whole(), body, timestamp.getBytes(StandardCharsets.US_ASCII));
        byte[] presented = HexFormat.of().parseHex(m.group(2).toLowerCase(Locale.ROOT));
        return MessageDigest.isEqual(expected, presented)
                ? AuthResult.passed(method)
                : AuthResult.wrong(method, "X-Retell-Signature does not match the body");
    }

    private AuthResult standardWebhooks(HttpHeaders headers, byte[] body, WebhookSecret secret) {
        AuthMethod method = AuthMethod.STANDARD_WEBHOOKS;
        String id = headers.getFirst("webhook-id");
        String timestamp = headers.getFirst("webhook-timestamp");
        String signatures = headers.getFirst("webhook-signature");
        if (id == null && timestamp == null && signatures == null) {
            return null;
        }
        for (String[] header : new String[][] {{"webhook-id", id}, {"webhook-timestamp", timestamp},
                {"webhook-signature", signatures}}) {
            if (header[1] == null || header[1].isBlank()) {
                return AuthResult.missing(method, header[0] + " header is missing");
            }
        }
        timestamp = timestamp.strip();
        if (!UNIX_SECONDS.matcher(timestamp).matches()) {
            return AuthResult.wrong(method, "webhook-timestamp must be a Unix time in seconds");
        }
        AuthResult stale = staleness(method, Instant.ofEpochSecond(Long.parseLong(timestamp)));
        if (stale != null) {
            return stale;
        }
        byte[] signed = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] expected = hmac(secret.signingKey(), signed, body);
        boolean anyV1 = false;
        for (String candidate : signatures.strip().split(" +")) {
            if (!candidate.startsWith("v1,")) {
                continue; // other versions (v1a asymmetric ...) are not ours to check
            }
            anyV1 = true;
            byte[] presented;
            try {
                presented = Base64.getDecoder().decode(candidate.substring(3));
            } catch (IllegalArgumentException notBase64) {
                continue;
            }
            if (MessageDigest.isEqual(expected, presented)) {
                return AuthResult.passed(method);
            }
        }
        return AuthResult.wrong(method, anyV1 ? "no v1 signature in webhook-signature matches the body"
                : "webhook-signature has no v1,<base64> signature");
    }

    private AuthResult staleness(AuthMethod method, Instant signedAt) {
        Duration skew = Duration.between(clock.instant(), signedAt);
        if (skew.abs().compareTo(TOLERANCE) <= 0) {
            return null;
        }
        return AuthResult.stale(method, "signature timestamp is " + skew.abs().toSeconds() + " s "
                + (skew.isNegative() ? "old" : "in the future") + "; the tolerance is "
                + TOLERANCE.toSeconds() + " s");
    }

    private static byte[] hmac(byte[] key, byte[] first, byte[] second) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(first);
            return mac.doFinal(second);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static byte[] sha256(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
