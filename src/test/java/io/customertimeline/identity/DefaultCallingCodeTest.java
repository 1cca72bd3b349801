package io.customertimeline.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.customertimeline.TestApp;
import io.customertimeline.system.TimelineProperties;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The seed's functions read a national phone number typed in psql in the shop's region, not always South Africa's. */
class DefaultCallingCodeTest {

    private final TestApp app = TestApp.get();

    private DefaultCallingCode forRegion(String region) {
        var props = new Binder(new MapConfigurationPropertySource(Map.of("timeline.default-region", region)))
                .bindOrCreate("timeline", TimelineProperties.class);
        return new DefaultCallingCode(app.jdbc(), new IdentifierParser(props));
    }

    @Test
    void aNationalNumberIsReadInTheConfiguredRegion() {
        String email = TestApp.unique("uk") + "@example.co.uk";
        app.sync("sync_email_thread", "{\"email_id\":\"" + TestApp.unique("m") + "\",\"from_email\":\"" + email
                + "\",\"subject\":\"Hi\",\"body\":\"Hello\",\"created_at\":\"2024-01-15T08:45:00Z\"}");
        UUID customer = UUID.fromString(app.get("/api/timeline?action=profile&customerId=" + email).json().path("id").asString());
        String number = "+44770090" + String.format("%04d", TestApp.uniqueNumber() % 10_000);
        app.jdbc().sql("INSERT INTO customer_identities (kind, value, customer_id) VALUES ('phone', :v, :c)")
                .param("v", number).param("c", customer).update();
        String national = "0" + number.substring(3);
        try {
            forRegion("GB").run(null);
            assertThat(app.jdbc().sql("SELECT resolve_customer(:n)").param("n", national).query(UUID.class).optional())
                    .contains(customer);
        } finally {
            forRegion("ZA").run(null);
            app.jdbc().sql("DELETE FROM customer_identities WHERE kind = 'phone' AND value = :v").param("v", number).update();
        }
        assertThat(app.jdbc().sql("SELECT value FROM app_settings WHERE key = 'default_calling_code'").query(String.class).single())
                .isEqualTo("27");
    }
}
