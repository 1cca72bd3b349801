package io.customertimeline.system;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description at {@code /v3/api-docs}, with field names as they are on the wire. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    static {
        // bodies read as a tree: any JSON value (not Jackson's JsonNode with its is-flags as properties)
        SpringDocUtils.getConfig().replaceWithSchema(tools.jackson.databind.JsonNode.class,
                new Schema<>().description("any JSON value; see the operation for its fields"));
    }

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

    /** Every operation that needs credentials can answer 401, and every error is a problem document. */
    @Bean
    OpenApiCustomizer problemResponses() {
        return api -> {
            api.getComponents().addSchemas("Problem", new Schema<>().type("object").description("RFC 9457 problem details")
                    .addProperty("type", new Schema<>().type("string")).addProperty("title", new Schema<>().type("string"))
                    .addProperty("status", new Schema<>().type("integer")).addProperty("detail", new Schema<>().type("string"))
                    .addProperty("instance", new Schema<>().type("string"))
                    .addProperty("field", new Schema<>().type("string").description("the input to fix, where one is at fault")));
            api.getPaths().values().forEach(path -> path.readOperations().forEach(op -> {
                boolean open = op.getSecurity() != null && op.getSecurity().isEmpty();
                if (!open) {
                    op.getResponses().putIfAbsent("401", new ApiResponse().description("missing or wrong credentials"));
                }
                op.getResponses().forEach((code, response) -> {
                    if (code.startsWith("4") || code.startsWith("5")) {
                        response.content(new Content().addMediaType("application/problem+json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
                    }
                });
            }));
        };
    }
}
