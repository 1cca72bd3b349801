package io.customertimeline.identity;

/** What an event says about the person, used to fill gaps in the profile (never to overwrite). */
public record ProfileHints(String name, String company, String email, String phone) {

    public static ProfileHints none() {
        return new ProfileHints(null, null, null, null);
    }
}
