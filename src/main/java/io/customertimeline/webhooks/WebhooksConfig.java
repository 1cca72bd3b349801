package io.customertimeline.webhooks;

import io.customertimeline.system.Secrets;
import java.time.Clock;
import java.util.EnumSet;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The timeline webhook's guard. {@code TIMELINE_WEBHOOK_SECRET} unset means a secret is generated
 * on first start and stored in the data directory (never logged): the endpoint is never open.
 */
@Configuration(proxyBeanMethods = false)
class WebhooksConfig {

    @Bean
    WebhookAuthenticator webhookAuthenticator(Clock clock) {
        return new WebhookAuthenticator(clock);
    }

    @Bean
    InboundEndpoint timelineWebhook(Secrets secrets, WebhookAuthenticator authenticator,
            @Value("${TIMELINE_WEBHOOK_SECRET:}") String configured) {
        String secret = secrets.get("TIMELINE_WEBHOOK_SECRET", configured, InboundEndpoint::newSecret);
        return new InboundEndpoint(TimelineWebhookController.ENDPOINT, WebhookSecret.setting("TIMELINE_WEBHOOK_SECRET", secret),
                EnumSet.of(AuthMethod.BEARER, AuthMethod.STANDARD_WEBHOOKS), authenticator);
    }
}
