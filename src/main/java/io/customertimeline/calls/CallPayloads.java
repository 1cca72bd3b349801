package io.customertimeline.calls;

import io.customertimeline.system.InvalidInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The front door for call systems: recognises who sent a body by its shape and turns it into a
 * {@link CallDelivery}. Vapi wraps everything in {@code message} with a {@code type}; Retell sends
 * an {@code event} with a {@code call}; anything else with canonical fields ({@code call_id},
 * {@code direction} ...) is our plain format. Bodies that are none of these raise {@link InvalidPayloadException}.
 */
public final class CallPayloads {

    private final JsonMapper json;
    private final VapiAdapter vapi = new VapiAdapter();
    private final RetellAdapter retell = new RetellAdapter();
    private final PlainCallAdapter plain = new PlainCallAdapter();

    public CallPayloads(JsonMapper json) {
        this.json = json;
    }

    public CallPayloads() {
        this(JsonMapper.builder().build());
    }

    public CallDelivery read(byte[] body) {
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null : json.readTree(body);
        } catch (JacksonException e) {
            throw InvalidInputException.malformedJson();
        }
        return read(root);
    }

    public CallDelivery read(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InvalidPayloadException("body", "must be a JSON object");
        }
        if (root.path("message").isObject()) {
            return vapi.adapt(root);
        }
        if ((root.path("event").isString() || root.path("event_type").isString())
                && (root.path("call").isObject() || root.path("data").isObject())) {
            return retell.adapt(root);
        }
        if (CanonicalCall.FIELDS.stream().anyMatch(root::has)) {
            return plain.adapt(root);
        }
        throw new InvalidPayloadException("body", "is not a call payload: expected a Vapi server message"
                + " ({\"message\": {\"type\": ...}}), a Retell event ({\"event\": ..., \"call\": {...}})"
                + " or a plain call with call_id");
    }
}
