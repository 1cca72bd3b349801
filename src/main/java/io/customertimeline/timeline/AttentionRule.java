package io.customertimeline.timeline;

/**
 * One reason a customer needs a person now: a SELECT yielding {@code customer_id, code, detail,
 * since}. It may use {@code :now} and {@code :since} (start of the look-back window) and the
 * named durations of {@link AttentionRules}. Other features add reasons by declaring a bean.
 * Every rule reads {@code customer_profiles} (joined to its own table, if it has one): when the
 * list gathers every reason of its candidates, the statement narrows the table by that name to
 * those candidates' rows, and that is what limits each rule to them.
 */
public record AttentionRule(String code, String sql) {

    public AttentionRule {
        if (!sql.contains("customer_profiles")) {
            throw new IllegalArgumentException("attention rule " + code + " must read customer_profiles");
        }
    }
}
