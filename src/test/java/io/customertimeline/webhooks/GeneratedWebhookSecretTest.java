package io.customertimeline.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.customertimeline.system.Secrets;
import io.customertimeline.system.TimelineProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;

/** An unset webhook secret is generated once, kept, and usable by Standard Webhooks senders as is. */
@ExtendWith(OutputCaptureExtension.class)
class GeneratedWebhookSecretTest {

    @TempDir
    Path data;

    Secrets secrets() throws Exception {
        var props = new Binder(new MapConfigurationPropertySource(Map.of("timeline.data-dir", data.toString())))
                .bindOrCreate("timeline", TimelineProperties.class);
        var constructor = Secrets.class.getDeclaredConstructor(TimelineProperties.class);
        constructor.setAccessible(true);
        return constructor.newInstance(props);
    }

    @Test
    void generatedSecretIsWhsecWithStandardBase64AndStableAcrossStarts() throws Exception {
        String first = secrets().get("CALL_SYSTEM_WEBHOOK_SECRET", "", InboundEndpoint::newSecret);
        String again = secrets().get("CALL_SYSTEM_WEBHOOK_SECRET", null, InboundEndpoint::newSecret);

        assertThat(first).startsWith("whsec_").isEqualTo(again);
        assertThat(Base64.getDecoder().decode(first.substring(6))).hasSize(32);
        assertThat(secrets().get("CALL_SYSTEM_WEBHOOK_SECRET", "configured", InboundEndpoint::newSecret))
                .isEqualTo("configured");
    }

    @Test
    void generatedSecretWorksAsBearerAndForSignatures(CapturedOutput log) throws Exception {
        String generated = secrets().get("TIMELINE_WEBHOOK_SECRET", null, InboundEndpoint::newSecret);
        // what a person copies out of the file to configure the sender, as it stands
        String secret = Files.readAllLines(data.resolve("secrets.properties")).stream()
                .filter(line -> line.startsWith("TIMELINE_WEBHOOK_SECRET=")).findFirst().orElseThrow()
                .substring("TIMELINE_WEBHOOK_SECRET=".length());
        assertThat(secret).isEqualTo(generated).endsWith("=");
        assertThat(log.getAll()).contains("secrets.properties").doesNotContain(generated.substring(6, 30));
        Instant now = Instant.parse("2025-01-15T10:00:00Z");
        var endpoint = new InboundEndpoint("timeline", WebhookSecret.of(secret),
                Set.of(AuthMethod.BEARER, AuthMethod.STANDARD_WEBHOOKS),
                new WebhookAuthenticator(Clock.fixed(now, ZoneOffset.UTC)));
        byte[] body = "{\"type\":\"x\"}".getBytes(StandardCharsets.UTF_8);

        HttpHeaders bearer = new HttpHeaders();
        bearer.add("Authorization", "Bearer " + secret);
        HttpHeaders signed = new HttpHeaders();
        signed.add("webhook-id", "msg_1");
        signed.add("webhook-timestamp", Long.toString(now.getEpochSecond()));
        signed.add("webhook-signature", Signatures.standard(secret, "msg_1", now, "{\"type\":\"x\"}"));

        assertThat(endpoint.authenticate(bearer, body).passed()).isTrue();
        assertThat(endpoint.authenticate(signed, body).method()).isEqualTo(AuthMethod.STANDARD_WEBHOOKS);
        assertThat(endpoint.authenticate(signed, body).passed()).isTrue();
    }
}
