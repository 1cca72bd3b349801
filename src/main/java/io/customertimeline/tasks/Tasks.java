package io.customertimeline.tasks;

import io.customertimeline.identity.ProfilesMerged;
import io.customertimeline.ingest.EventType;
import io.customertimeline.ingest.InteractionRecorded;
import io.customertimeline.system.Pipeline;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Follow-up tasks: proposed by {@link FollowUpRules} when an interaction is recorded, closed by a
 * later interaction that fulfils them (or by their call's own later report that nobody was reached),
 * moved along when profiles merge, and worked by staff.
 * The listeners run inside the recording transaction, so a task exists exactly when its
 * interaction does.
 */
@Service
public class Tasks {

    static final int MAX_LIST = 500;
    /** In {@link Task}'s order: {@link #TASK} reads them by position. */
    private static final String COLUMNS = """
            id, customer_id, kind, title, reason, due_at, due_phrase, snoozed_until, status,
            status = 'open' AND greatest(due_at, coalesce(snoozed_until, due_at)) < :now AS overdue,
            source, source_key, source_interaction_id, created_at, completed_at, completed_by, closed_by_interaction_id
            """;

    private static final Pipeline.Sql MOVE = Pipeline.Sql.of("""
            UPDATE follow_up_tasks SET customer_id = :customer
            WHERE source = :source AND source_key = :key AND customer_id <> :customer
            """);
    private static final Pipeline.Sql PROPOSE = Pipeline.Sql.of("""
            INSERT INTO follow_up_tasks (id, customer_id, kind, title, reason, due_at, due_phrase, source, source_key,
                source_interaction_id, source_occurred_at)
            VALUES (:id, :customer, :kind, :title, :reason, :due, :phrase, :source, :key, :interaction, :occurred)
            ON CONFLICT (source, source_key, kind) DO NOTHING
            """);
    private static final Pipeline.Sql CLOSE = Pipeline.Sql.of("""
            UPDATE follow_up_tasks SET status = 'done', completed_at = now(), completed_by = 'auto',
                closed_by_interaction_id = :closer, updated_at = now()
            WHERE customer_id = :customer AND kind = :kind AND status = 'open'
              AND NOT (source = :source AND source_key = :key)
              AND source_occurred_at <= :occurred
              AND (reopened_at IS NULL OR reopened_at < :occurred)
            """);
    private static final Pipeline.Sql CLOSE_OWN = Pipeline.Sql.of("""
            UPDATE follow_up_tasks SET status = 'done', completed_at = now(), completed_by = 'auto',
                closed_by_interaction_id = :closer, updated_at = now()
            WHERE source = :source AND source_key = :key AND status = 'open'
              AND (reopened_at IS NULL OR reopened_at < :occurred)
            """);
    private static final Pipeline.Sql CLOSE_REPLIED = Pipeline.Sql.of("""
            UPDATE follow_up_tasks SET status = 'done', completed_at = now(), completed_by = 'auto',
                closed_by_interaction_id = :closer, updated_at = now()
            WHERE source = 'email' AND source_key = :key AND kind = 'respond' AND status = 'open'
              AND (reopened_at IS NULL OR reopened_at < :occurred)
            """);

    private final JdbcClient jdbc;
    private final Pipeline pipeline;
    private final FollowUpRules rules;
    private final Clock clock;

    Tasks(JdbcClient jdbc, Pipeline pipeline, FollowUpRules rules, Clock clock) {
        this.jdbc = jdbc;
        this.pipeline = pipeline;
        this.rules = rules;
        this.clock = clock;
    }

    /** A task as staff see it; {@code overdue} is computed at read time. */
    public record Task(UUID id, UUID customerId, String kind, String title, String reason, OffsetDateTime dueAt,
            String duePhrase, OffsetDateTime snoozedUntil, String status, boolean overdue, String source,
            String sourceKey, UUID sourceInteractionId, OffsetDateTime createdAt, OffsetDateTime completedAt,
            String completedBy, UUID closedByInteractionId) {
    }

    /**
     * Explicit, because mapping a record by class looks each camelCase component up as a column
     * first and pays a driver exception per miss (see CustomerRecords.ENTRY); by position in
     * {@link #COLUMNS}, because a lookup by name for each column of each row showed in the profile
     * of a timeline read, beside which open tasks are read.
     */
    private static final RowMapper<Task> TASK = (rs, n) -> new Task(rs.getObject(1, UUID.class),
            rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getObject(6, OffsetDateTime.class), rs.getString(7), rs.getObject(8, OffsetDateTime.class), rs.getString(9),
            rs.getBoolean(10), rs.getString(11), rs.getString(12), rs.getObject(13, UUID.class),
            rs.getObject(14, OffsetDateTime.class), rs.getObject(15, OffsetDateTime.class), rs.getString(16),
            rs.getObject(17, UUID.class));

    public enum Filter { OPEN, OVERDUE, DONE, ALL }

    /** Its statements need no answer: inside the event's Pipeline#deferring they go with the event's own writes. */
    @EventListener
    void onInteraction(InteractionRecorded e) {
        String source = e.type().source().wire();
        List<Pipeline.Statement> writes = new ArrayList<>();
        if (!e.created()) { // a record seen before may have moved to another profile; a new one has no tasks yet
            writes.add(new Pipeline.Statement(MOVE, new MapSqlParameterSource()
                    .addValue("customer", e.customerId()).addValue("source", source).addValue("key", e.sourceKey())));
        }
        for (FollowUp task : propose(e)) {
            writes.add(new Pipeline.Statement(PROPOSE, new MapSqlParameterSource()
                    .addValue("id", UUID.randomUUID()).addValue("customer", e.customerId()).addValue("kind", task.kind().wire())
                    .addValue("title", task.title()).addValue("reason", task.reason())
                    .addValue("due", task.due().atOffset(ZoneOffset.UTC)).addValue("phrase", task.duePhrase())
                    .addValue("source", source).addValue("key", e.sourceKey()).addValue("interaction", e.interactionId())
                    .addValue("occurred", e.occurredAt())));
        }
        if (e.type() == EventType.CALL && !e.created() && !"completed".equals(e.status())) {
            // a later report found nobody to talk to (Retell's analysis hears a voicemail greeting):
            // what an earlier report of the call asked for was asked by no one
            writes.add(new Pipeline.Statement(CLOSE_OWN, new MapSqlParameterSource()
                    .addValue("closer", e.interactionId()).addValue("source", source).addValue("key", e.sourceKey())
                    .addValue("occurred", e.occurredAt())));
        }
        closeFulfilled(e, source, writes);
        pipeline.write(writes);
    }

    @EventListener
    void onMerge(ProfilesMerged merged) {
        jdbc.sql("UPDATE follow_up_tasks SET customer_id = :survivor, updated_at = now() WHERE customer_id = :merged")
                .param("survivor", merged.survivor()).param("merged", merged.merged()).update();
    }

    private List<FollowUp> propose(InteractionRecorded e) {
        Instant received = clock.instant();
        return switch (e.type()) {
            case CALL -> rules.forCall(e.data(), received);
            case EMAIL -> "outbound".equals(e.direction()) ? List.of() : rules.forEmail(e.data(), received).stream().toList();
            case SOCIAL -> "outbound".equals(e.direction()) ? List.of() : rules.forSocial(e.data(), received).stream().toList();
            default -> List.of();
        };
    }

    /**
     * A later event that does what a task asks closes it and records itself as the closer: an
     * answered outbound call closes callbacks, a quote session closes promised quotes, any outbound
     * contact closes "respond" tasks, and an email marked replied closes its own.
     */
    private void closeFulfilled(InteractionRecorded e, String source, List<Pipeline.Statement> writes) {
        boolean outbound = "outbound".equals(e.direction());
        if (e.type() == EventType.CALL && outbound && "completed".equals(e.status())) {
            writes.add(close(e, "callback", source));
        }
        if (e.type() == EventType.QUOTE) {
            writes.add(close(e, "quote_or_info", source));
        }
        if (outbound) {
            writes.add(close(e, "respond", source));
        }
        if (e.type() == EventType.EMAIL && e.status() != null
                && List.of("replied", "responded", "answered", "closed", "resolved").contains(e.status().toLowerCase(Locale.ROOT))) {
            writes.add(new Pipeline.Statement(CLOSE_REPLIED, new MapSqlParameterSource()
                    .addValue("closer", e.interactionId()).addValue("key", e.sourceKey()).addValue("occurred", e.occurredAt())));
        }
    }

    private static Pipeline.Statement close(InteractionRecorded e, String kind, String source) {
        return new Pipeline.Statement(CLOSE, new MapSqlParameterSource()
                .addValue("closer", e.interactionId()).addValue("customer", e.customerId()).addValue("kind", kind)
                .addValue("source", source).addValue("key", e.sourceKey()).addValue("occurred", e.occurredAt())
                .addValue("created", e.created()));
    }

    public List<Task> list(Filter filter, Optional<UUID> customer, int limit) {
        String where = switch (filter) {
            case OPEN -> "status = 'open'";
            case OVERDUE -> "status = 'open' AND greatest(due_at, coalesce(snoozed_until, due_at)) < :now";
            case DONE -> "status = 'done'";
            case ALL -> "true";
        };
        String order = filter == Filter.DONE ? "completed_at DESC, id" : "greatest(due_at, coalesce(snoozed_until, due_at)), id";
        // a separate statement per case: a cached generic plan of "(:customer IS NULL OR customer_id = :customer)"
        // cannot use the customer's index
        return jdbc.sql("SELECT " + COLUMNS + " FROM follow_up_tasks WHERE " + where
                        + (customer.isPresent() ? " AND customer_id = :customer" : "") + " ORDER BY " + order + " LIMIT :limit")
                .param("now", now()).param("customer", customer.orElse(null))
                .param("limit", Math.max(1, Math.min(limit, MAX_LIST)))
                .query(TASK).list();
    }

    /** The window of the dashboard's task list: open tasks due in [{@code from}, {@code to}), or done ones. */
    public record Window(boolean done, OffsetDateTime from, OffsetDateTime to) {

        private static final OffsetDateTime EVER = OffsetDateTime.parse("0001-01-01T00:00:00Z");
        private static final OffsetDateTime NEVER = OffsetDateTime.parse("9999-12-31T00:00:00Z");

        /** Open tasks due from {@code from} (null: any time before) to {@code to} (null: any time after). */
        public static Window open(Instant from, Instant to) {
            return new Window(false, from == null ? EVER : from.atOffset(ZoneOffset.UTC), to == null ? NEVER : to.atOffset(ZoneOffset.UTC));
        }

        public static Window doneOnes() {
            return new Window(true, EVER, NEVER);
        }

        /** One statement text per kind, so that each keeps a generic plan that reads its index. */
        private String where() {
            return done ? "WHERE status = 'done'"
                    : "WHERE status = 'open' AND greatest(due_at, coalesce(snoozed_until, due_at)) >= :from"
                            + " AND greatest(due_at, coalesce(snoozed_until, due_at)) < :to";
        }
    }

    /** A page of the window: open ones soonest due first, done ones latest first. */
    public List<Task> page(Window w, int limit, long offset) {
        String order = w.done() ? "completed_at DESC, id" : "greatest(due_at, coalesce(snoozed_until, due_at)), id";
        return jdbc.sql("SELECT " + COLUMNS + " FROM follow_up_tasks " + w.where() + " ORDER BY " + order + " LIMIT :limit OFFSET :offset")
                .param("now", now()).param("from", w.from()).param("to", w.to())
                .param("limit", Math.max(1, Math.min(limit, MAX_LIST))).param("offset", Math.max(0, offset))
                .query(TASK).list();
    }

    public long count(Window w) {
        return jdbc.sql("SELECT count(*) FROM follow_up_tasks " + w.where())
                .param("from", w.from()).param("to", w.to()).query(Long.class).single();
    }

    /** Open tasks of one customer, soonest due first: what the timeline shows beside the entries. */
    public List<Task> openFor(UUID customer) {
        return list(Filter.OPEN, Optional.of(customer), 50);
    }

    public Optional<Task> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM follow_up_tasks WHERE id = :id")
                .param("now", now()).param("id", id).query(TASK).optional();
    }

    /** Marks a task done; one already done keeps who or what closed it and when (a second click, a stale page). */
    @Transactional
    public Optional<Task> complete(UUID id) {
        jdbc.sql("""
                UPDATE follow_up_tasks SET status = 'done', completed_at = now(), completed_by = 'staff', updated_at = now()
                WHERE id = :id AND status <> 'done'
                """).param("id", id).update();
        return find(id);
    }

    @Transactional
    public Optional<Task> reopen(UUID id) {
        return change(id, "status = 'open', completed_at = NULL, completed_by = NULL, closed_by_interaction_id = NULL, reopened_at = now()");
    }

    @Transactional
    public Optional<Task> snooze(UUID id, Instant until) {
        int n = jdbc.sql("UPDATE follow_up_tasks SET snoozed_until = :until, updated_at = now() WHERE id = :id")
                .param("until", until.atOffset(ZoneOffset.UTC)).param("id", id).update();
        return n == 0 ? Optional.empty() : find(id);
    }

    private Optional<Task> change(UUID id, String set) {
        int n = jdbc.sql("UPDATE follow_up_tasks SET " + set + ", updated_at = now() WHERE id = :id").param("id", id).update();
        return n == 0 ? Optional.empty() : find(id);
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
