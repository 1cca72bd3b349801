package io.customertimeline.calls;

import java.util.Locale;

/** How a call ended, as far as the customer is concerned. */
public enum CallStatus {
    COMPLETED, NO_ANSWER, BUSY, VOICEMAIL, FAILED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when someone actually talked with the customer; only such calls can need follow-up. */
    public boolean hadConversation() {
        return this == COMPLETED;
    }

    static CallStatus fromWire(String value) {
        for (CallStatus status : values()) {
            if (status.wire().equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException(value);
    }
}
