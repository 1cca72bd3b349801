package io.customertimeline.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.customertimeline.system.BadSetting;
import org.junit.jupiter.api.Test;

/** A configured webhook secret that cannot be used stops the start naming the variable, never the secret. */
class ConfiguredWebhookSecretTest {

    @Test
    void aWhsecSecretThatIsNotBase64IsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> WebhookSecret.setting("TIMELINE_WEBHOOK_SECRET", "whsec_!!!"))
                .isInstanceOf(BadSetting.class)
                .hasMessageStartingWith("TIMELINE_WEBHOOK_SECRET is not usable (the value is not shown): a whsec_ secret must continue with base64")
                .message().doesNotContain("!!!");
        assertThatThrownBy(() -> WebhookSecret.setting("CALL_SYSTEM_WEBHOOK_SECRET", "whsec_"))
                .isInstanceOf(BadSetting.class).hasMessageStartingWith("CALL_SYSTEM_WEBHOOK_SECRET");
    }

    @Test
    void anyOtherTextIsUsedAsItIs() {
        assertThat(WebhookSecret.setting("TIMELINE_WEBHOOK_SECRET", "plain-shared-secret").whole()).asString()
                .isEqualTo("plain-shared-secret");
    }
}
