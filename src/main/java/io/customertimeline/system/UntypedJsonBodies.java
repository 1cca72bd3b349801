package io.customertimeline.system;

import java.io.IOException;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON body sent as {@code text/plain} or without a type is read as JSON, as the system we
 * replace read it ({@code request.json()} in Next.js ignores the type): a browser's
 * {@code fetch(url, {method: 'POST', body: JSON.stringify(…)})} sends {@code text/plain}, and
 * its senders must keep working. Only reading, and only into a {@link JsonNode} (the bodies of
 * {@code /api/sync}, {@code /api/timeline} and the tasks); answers stay {@code application/json}.
 */
@Component
class UntypedJsonBodies extends AbstractHttpMessageConverter<JsonNode> {

    private final JsonMapper json;

    UntypedJsonBodies(JsonMapper json) {
        super(MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM);
        this.json = json;
    }

    @Override
    protected boolean supports(Class<?> type) {
        return JsonNode.class.isAssignableFrom(type);
    }

    @Override
    protected boolean canWrite(MediaType mediaType) {
        return false;
    }

    @Override
    protected JsonNode readInternal(Class<? extends JsonNode> type, HttpInputMessage input) throws IOException {
        try {
            return json.readTree(input.getBody());
        } catch (JacksonException e) {
            throw new HttpMessageNotReadableException("The request body is not valid JSON", e, input);
        }
    }

    @Override
    protected void writeInternal(JsonNode node, HttpOutputMessage output) {
        throw new UnsupportedOperationException("reads only");
    }
}
