package io.customertimeline.connectors.quotechat;

import io.customertimeline.connectors.SourceException;

/**
 * An error answer from PostgREST (or the Supabase gateway in front of it), with its JSON fields
 * {@code code}, {@code message}, {@code details} and {@code hint}.
 */
public final class PostgrestException extends SourceException {

    private final int status;
    private final String code;
    private final String details;
    private final String hint;

    PostgrestException(String context, int status, String code, String message, String details, String hint) {
        super(context + ": HTTP " + status + (code == null ? "" : " " + code) + ": " + (message == null ? "(no message)" : message)
                + (details == null ? "" : " (details: " + details + ")") + (hint == null ? "" : " (hint: " + hint + ")"));
        this.status = status;
        this.code = code;
        this.details = details;
        this.hint = hint;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String details() {
        return details;
    }

    public String hint() {
        return hint;
    }
}
