package io.customertimeline.system;

/** A thing the caller named does not exist; answered 404. */
public class NotFoundException extends RuntimeException {

    private final String field;

    public NotFoundException(String field, String detail) {
        super(detail);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
