package io.customertimeline.calls;

import tools.jackson.databind.node.ObjectNode;

/** What a call system's delivery amounts to: a call to record, or an event we acknowledge and skip. */
public sealed interface CallDelivery {

    CallVendor vendor();

    /** The vendor's event name ({@code end-of-call-report}, {@code call_analyzed}, {@code call}). */
    String event();

    /** A finished call in canonical form (see {@link CanonicalCall} for its fields). */
    record Accepted(CallVendor vendor, String event, ObjectNode call) implements CallDelivery {

        public String callId() {
            return call.get(CanonicalCall.CALL_ID).stringValue();
        }

        /**
         * A report sent before the vendor analysed the call (Retell's call_ended): its status
         * cannot know of a voicemail that only the analysis hears ({@code in_voicemail}).
         */
        public boolean beforeAnalysis() {
            return vendor == CallVendor.RETELL && event.equals("call_ended");
        }
    }

    /** A well-formed event that carries no finished call (Vapi status updates, Retell call_started). */
    record Ignored(CallVendor vendor, String event) implements CallDelivery {
    }
}
