package io.customertimeline.calls;

import java.util.Locale;

/** Who sent a call: one of the two AI call platforms, or any other system using our plain format. */
public enum CallVendor {
    VAPI, RETELL, PLAIN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
