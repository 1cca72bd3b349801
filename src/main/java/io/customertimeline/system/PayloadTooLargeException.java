package io.customertimeline.system;

import java.io.IOException;

/** A request body over {@code TIMELINE_MAX_BODY_SIZE}; answered 413. */
public class PayloadTooLargeException extends IOException {

    public PayloadTooLargeException(long limit) {
        super("The request body is larger than the limit of " + limit + " bytes.");
    }
}
