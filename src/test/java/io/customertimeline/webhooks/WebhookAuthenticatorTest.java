package io.customertimeline.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.customertimeline.webhooks.AuthResult.Outcome;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class WebhookAuthenticatorTest {

    static final Instant NOW = Instant.parse("2025-01-15T10:00:00Z");
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final byte[] BODY = "{\"type\":\"email_thread\",\"data\":{\"email_id\":\"msg_1\"}}".getBytes(StandardCharsets.UTF_8);
    static final Set<AuthMethod> ALL = EnumSet.allOf(AuthMethod.class);

    final WebhookAuthenticator auth = new WebhookAuthenticator(Clock.fixed(NOW, ZoneOffset.UTC));
    final WebhookSecret secret = WebhookSecret.of(SECRET);

    AuthResult check(HttpHeaders headers) {
        return auth.authenticate(headers, BODY, secret, ALL);
    }

    static HttpHeaders headers(String... namesAndValues) {
        HttpHeaders headers = new HttpHeaders();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void noCredentialAtAllIsMissing() {
        AuthResult result = check(headers("Content-Type", "application/json"));

        assertThat(result.outcome()).isEqualTo(Outcome.MISSING);
        assertThat(result.method()).isNull();
        assertThat(result.detail()).contains("Authorization", "webhook-signature");
    }

    @Test
    void onlyTheAcceptedMethodsCount() {
        AuthResult result = auth.authenticate(headers("x-vapi-secret", SECRET), BODY, secret, Set.of(AuthMethod.BEARER));

        assertThat(result.outcome()).isEqualTo(Outcome.MISSING);
    }

    @Test
    void anyPassingCredentialIsEnough() {
        AuthResult result = check(headers("Authorization", "Bearer nope", "x-vapi-secret", SECRET));

        assertThat(result.passed()).isTrue();
        assertThat(result.method()).isEqualTo(AuthMethod.VAPI_SECRET);
    }

    @Test
    void resultsNeverContainTheSecret() {
        for (HttpHeaders h : new HttpHeaders[] {headers("Authorization", "Bearer " + SECRET),
                headers("Authorization", "Bearer " + SECRET + "x"), headers()}) {
            assertThat(check(h).toString()).doesNotContain(SECRET).doesNotContain(SECRET.substring(6));
        }
        assertThat(secret.toString()).doesNotContain(SECRET.substring(6));
    }

    @Test
    void blankOrBrokenSecretsAreRefusedUpFront() {
        assertThatThrownBy(() -> WebhookSecret.of(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSecret.of("whsec_***")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSecret.of("whsec_")).isInstanceOf(IllegalArgumentException.class);
    }

    @Nested
    class Bearer {
        @Test
        void rightTokenPasses() {
            assertThat(check(headers("Authorization", "Bearer " + SECRET)))
                    .isEqualTo(AuthResult.passed(AuthMethod.BEARER));
        }

        @Test
        void schemeIsCaseInsensitive() {
            assertThat(check(headers("authorization", "bearer " + SECRET)).passed()).isTrue();
        }

        @Test
        void wrongTokenIsWrong() {
            AuthResult result = check(headers("Authorization", "Bearer " + SECRET + "0"));
            assertThat(result.outcome()).isEqualTo(Outcome.WRONG);
            assertThat(result.method()).isEqualTo(AuthMethod.BEARER);
        }

        @Test
        void otherSchemesAreWrong() {
            assertThat(check(headers("Authorization", "Basic dXNlcjpwYXNz")).outcome()).isEqualTo(Outcome.WRONG);
        }

        @Test
        void emptyTokenIsWrong() {
            assertThat(check(headers("Authorization", "Bearer ")).outcome()).isEqualTo(Outcome.WRONG);
        }
    }

    @Nested
    class VapiSecret {
        @Test
        void rightSecretPasses() {
            assertThat(check(headers("X-Vapi-Secret", SECRET)).method()).isEqualTo(AuthMethod.VAPI_SECRET);
            assertThat(check(headers("X-Vapi-Secret", SECRET)).passed()).isTrue();
        }

        @Test
        void wrongSecretIsWrong() {
            assertThat(check(headers("x-vapi-secret", "guess")).outcome()).isEqualTo(Outcome.WRONG);
        }

        @Test
        void missingIsMissing() {
            assertThat(auth.authenticate(headers(), BODY, secret, Set.of(AuthMethod.VAPI_SECRET)).outcome())
                    .isEqualTo(Outcome.MISSING);
        }
    }

    @Nested
    class Retell {
        final byte[] key = SECRET.getBytes(StandardCharsets.UTF_8);

        String sign(byte[] key, byte[] body, Instant at) {
            String ts = Long.toString(at.toEpochMilli());
            byte[] data = (new String(body, StandardCharsets.UTF_8) + ts).getBytes(StandardCharsets.UTF_8);
            return "v=" + ts + ",d=" + HexFormat.of().formatHex(hmac(key, data));
        }

        @Test
        void rightSignaturePasses() {
            AuthResult result = check(headers("X-Retell-Signature", sign(key, BODY, NOW.minusSeconds(3))));
            assertThat(result).isEqualTo(AuthResult.passed(AuthMethod.RETELL_SIGNATURE));
        }

        @Test
        void signatureWithAnotherKeyIsWrong() {
            AuthResult result = check(headers("X-Retell-Signature", sign("other".getBytes(), BODY, NOW)));
            assertThat(result.outcome()).isEqualTo(Outcome.WRONG);
            assertThat(result.method()).isEqualTo(AuthMethod.RETELL_SIGNATURE);
        }

        @Test
        void tamperedBodyIsWrong() {
            String signature = sign(key, BODY, NOW);
            AuthResult result = auth.authenticate(headers("x-retell-signature", signature),
                    "{\"type\":\"tampered\"}".getBytes(), secret, ALL);
            assertThat(result.outcome()).isEqualTo(Outcome.WRONG);
        }

        @Test
        void garbledHeaderIsWrong() {
            assertThat(check(headers("X-Retell-Signature", "sha256=abc")).outcome()).isEqualTo(Outcome.WRONG);
        }

        @Test
        void oldTimestampIsStale() {
            AuthResult result = check(headers("X-Retell-Signature", sign(key, BODY, NOW.minus(Duration.ofMinutes(6)))));
            assertThat(result.outcome()).isEqualTo(Outcome.STALE);
            assertThat(result.detail()).contains("360 s old");
        }

        @Test
        void futureTimestampIsStale() {
            assertThat(check(headers("X-Retell-Signature", sign(key, BODY, NOW.plus(Duration.ofMinutes(6)))))
                    .outcome()).isEqualTo(Outcome.STALE);
        }

        @Test
        void edgeOfTheWindowPasses() {
            assertThat(check(headers("X-Retell-Signature", sign(key, BODY, NOW.minus(Duration.ofMinutes(5)))))
                    .passed()).isTrue();
        }

        @Test
        void missingIsMissing() {
            assertThat(auth.authenticate(headers(), BODY, secret, Set.of(AuthMethod.RETELL_SIGNATURE)).outcome())
                    .isEqualTo(Outcome.MISSING);
        }
    }

    @Nested
    class StandardWebhooks {
        final byte[] key = Base64.getDecoder().decode(SECRET.substring("whsec_".length()));

        String sign(byte[] key, String id, long timestamp, byte[] body) {
            byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
            byte[] data = new byte[prefix.length + body.length];
            System.arraycopy(prefix, 0, data, 0, prefix.length);
            System.arraycopy(body, 0, data, prefix.length, body.length);
            return "v1," + Base64.getEncoder().encodeToString(hmac(key, data));
        }

        HttpHeaders signed(long timestamp, String signature) {
            return headers("webhook-id", "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W",
                    "webhook-timestamp", Long.toString(timestamp), "webhook-signature", signature);
        }

        @Test
        void referenceVectorOfTheSpecificationPasses() {
            var clock = Clock.fixed(Instant.ofEpochSecond(1614265330), ZoneOffset.UTC);
            var headers = headers("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek", "webhook-timestamp", "1614265330",
                    "webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");

            AuthResult result = new WebhookAuthenticator(clock).authenticate(headers,
                    "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8), secret, ALL);

            assertThat(result).isEqualTo(AuthResult.passed(AuthMethod.STANDARD_WEBHOOKS));
        }

        @Test
        void rightSignaturePasses() {
            long ts = NOW.getEpochSecond();
            assertThat(check(signed(ts, sign(key, "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", ts, BODY))).passed()).isTrue();
        }

        @Test
        void oneOfSeveralSignaturesMatchingIsEnough() {
            long ts = NOW.getEpochSecond();
            String good = sign(key, "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", ts, BODY);
            String rotatedOut = sign("old-key".getBytes(), "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", ts, BODY);
            assertThat(check(signed(ts, "v1a,AAAA " + rotatedOut + " v1,not-base64! " + good)).passed()).isTrue();
        }

        @Test
        void wrongKeyIsWrong() {
            long ts = NOW.getEpochSecond();
            AuthResult result = check(signed(ts, sign("nope".getBytes(), "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", ts, BODY)));
            assertThat(result.outcome()).isEqualTo(Outcome.WRONG);
            assertThat(result.method()).isEqualTo(AuthMethod.STANDARD_WEBHOOKS);
        }

        @Test
        void signatureOverAnotherIdIsWrong() {
            long ts = NOW.getEpochSecond();
            assertThat(check(signed(ts, sign(key, "msg_other", ts, BODY))).outcome()).isEqualTo(Outcome.WRONG);
        }

        @Test
        void signatureWithoutV1IsWrong() {
            assertThat(check(signed(NOW.getEpochSecond(), "v2,abc")).detail()).contains("no v1");
        }

        @Test
        void timestampInMillisecondsOrTextIsWrong() {
            assertThat(check(signed(NOW.toEpochMilli(), "v1,abc")).outcome()).isIn(Outcome.WRONG, Outcome.STALE);
            var headers = headers("webhook-id", "m", "webhook-timestamp", "yesterday", "webhook-signature", "v1,abc");
            assertThat(check(headers).outcome()).isEqualTo(Outcome.WRONG);
        }

        @Test
        void oldTimestampIsStaleEvenWithAGoodSignature() {
            long ts = NOW.minus(Duration.ofMinutes(5)).minusSeconds(1).getEpochSecond();
            AuthResult result = check(signed(ts, sign(key, "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", ts, BODY)));
            assertThat(result.outcome()).isEqualTo(Outcome.STALE);
        }

        @Test
        void futureTimestampIsStale() {
            long ts = NOW.plus(Duration.ofMinutes(10)).getEpochSecond();
            assertThat(check(signed(ts, sign(key, "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", ts, BODY))).outcome())
                    .isEqualTo(Outcome.STALE);
        }

        @Test
        void partOfTheHeadersIsMissing() {
            AuthResult result = check(headers("webhook-id", "msg_1", "webhook-signature", "v1,abc"));
            assertThat(result.outcome()).isEqualTo(Outcome.MISSING);
            assertThat(result.detail()).contains("webhook-timestamp");
        }

        @Test
        void signaturesAreCheckedBeforeTokensWhenBothFail() {
            long ts = NOW.minus(Duration.ofHours(1)).getEpochSecond();
            var headers = signed(ts, sign(key, "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", ts, BODY));
            headers.add("Authorization", "Bearer wrong");
            assertThat(check(headers).outcome()).isEqualTo(Outcome.STALE);
        }

        @Test
        void secretWithoutPrefixIsUsedAsItIs() {
            WebhookSecret plain = WebhookSecret.of("plain-shared-secret");
            long ts = NOW.getEpochSecond();
            var headers = signed(ts, sign("plain-shared-secret".getBytes(), "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", ts, BODY));
            assertThat(auth.authenticate(headers, BODY, plain, ALL).passed()).isTrue();
        }
    }
}
