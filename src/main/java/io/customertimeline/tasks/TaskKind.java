package io.customertimeline.tasks;

import java.util.Locale;

/** Why a follow-up task exists. */
public enum TaskKind {
    /** The customer asked to be called, or we promised to call. */
    CALLBACK,
    /** We promised a quote or some information. */
    QUOTE_OR_INFO,
    /** The customer complained, or the call system marked the call unsuccessful. */
    COMPLAINT,
    /** An order has not arrived, is wrong, damaged or faulty, or needs a refund. */
    ORDER_PROBLEM,
    /** An email or social post waits for our answer. */
    RESPOND;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
