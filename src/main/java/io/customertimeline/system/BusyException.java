package io.customertimeline.system;

/** Every write slot stayed taken for as long as a write may wait ({@link Transactions}); answered 503. */
public class BusyException extends RuntimeException {

    public BusyException() {
        super("The service is writing as fast as it can and could not take this request in time; nothing was written. "
                + "Send it again after the time in Retry-After.");
    }
}
