package io.customertimeline.system;

/** Every write slot ({@link Transactions}) or turn to read ({@link ReadGate}) stayed taken for as long as a request may wait; answered 503. */
public class BusyException extends RuntimeException {

    public BusyException() {
        super("The service is writing as fast as it can and could not take this request in time; nothing was written. "
                + "Send it again after the time in Retry-After.");
    }

    public BusyException(String message) {
        super(message);
    }
}
