package io.customertimeline.timeline;

/**
 * One reason a customer needs a person now: a SELECT yielding {@code customer_id, code, detail,
 * since}. It may use {@code :now} and {@code :since} (start of the look-back window) and the
 * named durations of {@link AttentionRules}. Other features add reasons by declaring a bean.
 * A rule that reads {@code customer_profiles} sees, when the list gathers every reason of its
 * candidates, only those candidates' rows: the statement narrows the table by that name.
 */
public record AttentionRule(String code, String sql) {
}
