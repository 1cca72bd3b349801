package io.customertimeline.tasks;

import java.time.Instant;

/**
 * A task the rules propose: its kind, a title staff can act on, the sentence that caused it, and
 * when it is due. {@code duePhrase} is what the customer or agent said ("by Friday"), or null when
 * the configured default applied.
 */
public record FollowUp(TaskKind kind, String title, String reason, Instant due, String duePhrase) {
}
