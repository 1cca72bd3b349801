package io.customertimeline.system;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description at {@code /v3/api-docs}, with field names as they are on the wire. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    @Bean
    ModelResolver snakeCaseModels() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    @Bean
    OpenAPI timelineApi() {
        return new OpenAPI()
                .info(new Info().title("Customer Timeline API").version("1")
                        .description("The seed's /api/timeline and /api/sync contract. Errors are RFC 9457 problem details."))
                .schemaRequirement("apiKey", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer"))
                .schemaRequirement("timelineWebhook", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("TIMELINE_WEBHOOK_SECRET, or Standard Webhooks signature headers"))
                .schemaRequirement("callSystem", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("CALL_SYSTEM_WEBHOOK_SECRET; also Vapi's x-vapi-secret, Retell's X-Retell-Signature "
                                + "or Standard Webhooks signature headers"))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }
}
