package io.customertimeline.calls;

import io.customertimeline.system.InvalidInputException;

/**
 * A call system body that cannot be accepted, naming the field at fault as a JSON path (such as
 * {@code message.call.id}) so the sender can fix it. Answered as a 400 problem detail.
 */
public class InvalidPayloadException extends InvalidInputException {

    private final String reason;

    public InvalidPayloadException(String field, String reason) {
        super(field, "'" + field + "' " + reason);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
