package io.customertimeline.calls;

/**
 * A request body that cannot be accepted, naming the field at fault (a JSON path such as
 * {@code message.call.id}) so the caller can fix it. Answered as a 400 problem detail.
 */
public class InvalidPayloadException extends IllegalArgumentException {

    private final String field;
    private final String reason;

    public InvalidPayloadException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
