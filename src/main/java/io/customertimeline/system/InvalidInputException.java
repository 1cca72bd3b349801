package io.customertimeline.system;

/** Input the caller must fix; answered 400 with the offending field named. */
public class InvalidInputException extends RuntimeException {

    static final String NOT_JSON = "The request body is not valid JSON.";
    private final String field;
    private final boolean notJson;

    public InvalidInputException(String field, String detail) {
        this(field, detail, false);
    }

    private InvalidInputException(String field, String detail, boolean notJson) {
        super(detail);
        this.field = field;
        this.notJson = notJson;
    }

    /** A body that is not JSON at all, worded the same on every endpoint ("Malformed JSON"). */
    public static InvalidInputException malformedJson() {
        return new InvalidInputException("body", NOT_JSON, true);
    }

    public String field() {
        return field;
    }

    boolean notJson() {
        return notJson;
    }
}
