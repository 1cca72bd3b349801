package io.customertimeline.identity;

import io.customertimeline.system.Pipeline;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.HashMap;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds the one profile an event belongs to, inside the event's transaction.
 *
 * <p>Concurrent events that share an identifier are serialised by transaction-scoped advisory
 * locks taken in a fixed order, so two deliveries can never create two profiles for one person.
 * When an event's identifiers are owned by several profiles, the oldest survives and the others
 * are merged into it.
 */
@Component
public class IdentityResolver {

    // The writes need no answer: inside an event's Pipeline#deferring they go with the event's own writes.
    private static final Pipeline.Sql CREATE = Pipeline.Sql.of("""
            INSERT INTO customer_profiles (id, name, company, primary_email, primary_phone, created_at, updated_at)
            VALUES (:id, :name, :company, :email, :phone, now(), now())
            """);
    private static final Pipeline.Sql FILL_GAPS = Pipeline.Sql.of("""
            UPDATE customer_profiles SET
                name = coalesce(name, :name),
                company = coalesce(company, :company),
                primary_email = coalesce(primary_email, :email),
                primary_phone = coalesce(primary_phone, :phone)
            WHERE id = :id
              AND (name IS NULL AND :name::text IS NOT NULL OR company IS NULL AND :company::text IS NOT NULL
                   OR primary_email IS NULL AND :email::text IS NOT NULL OR primary_phone IS NULL AND :phone::text IS NOT NULL)
            """);
    private static final Pipeline.Sql CLAIM = Pipeline.Sql.of("""
            INSERT INTO customer_identities (kind, value, customer_id)
            SELECT k, v, :customer FROM unnest(:kinds::text[], :values::text[]) AS t(k, v)
            ON CONFLICT (kind, value) DO NOTHING
            """);

    private final JdbcClient jdbc;
    private final Pipeline pipeline;
    private final ApplicationEventPublisher events;
    private final ProfileMerger merger;

    IdentityResolver(JdbcClient jdbc, Pipeline pipeline, ApplicationEventPublisher events, ProfileMerger merger) {
        this.jdbc = jdbc;
        this.pipeline = pipeline;
        this.events = events;
        this.merger = merger;
    }

    /**
     * The advisory lock keys of an event: its own, then every identifier's, in the one global
     * order (the event first, then identifiers sorted), so no two events deadlock and no two
     * deliveries of one event interleave. The caller takes them first in the event's transaction,
     * before reading what they protect ({@code lock_batch_and_find}, V50); {@link #resolve} relies on it.
     */
    public String[] lockKeys(String eventKey, Collection<Identifier> identifiers) {
        List<String> keys = new ArrayList<>();
        keys.add(eventKey);
        new TreeSet<>(identifiers).forEach(id -> keys.add(id.lockKey()));
        return keys.toArray(String[]::new);
    }

    /**
     * The live profile for these identifiers (plus the profile that already owns the event's
     * record, if any), creating, extending or merging profiles as needed, once the event's and the
     * identifiers' locks ({@link #lockKeys}) are held. The profile row is locked until the transaction ends.
     * {@code read} holds the owners and their locked rows where {@link #ownersOfEach} already read
     * them for this event (with its batch); empty, they are read here.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID resolve(Collection<Identifier> identifiers, Optional<UUID> currentOwner, EventRef event, ProfileHints hints,
            Optional<Snapshot> read) {
        List<Identifier> ids = new ArrayList<>(new TreeSet<>(identifiers));
        Snapshot found = read.orElseGet(() -> ids.isEmpty() && currentOwner.isEmpty() ? Snapshot.NONE
                : ownersOfEach(List.of(ids), List.of(currentOwner)).get(0));
        Map<Identifier, UUID> owned = found.owned();
        Map<UUID, Identifier> owners = new LinkedHashMap<>();
        currentOwner.ifPresent(owner -> owners.put(owner, null));
        for (Identifier id : ids) {
            UUID owner = owned.get(id);
            if (owner != null) {
                owners.putIfAbsent(owner, id);
            }
        }
        UUID survivor;
        if (owners.isEmpty()) {
            survivor = create(hints);
        } else {
            List<Owner> live = lockLive(owners, found.locked());
            survivor = live.get(0).id();
            for (Owner other : live.subList(1, live.size())) {
                Identifier link = other.linkedBy() != null ? other.linkedBy() : live.get(0).linkedBy();
                merger.merge(survivor, other.id(), link, event);
                events.publishEvent(new ProfilesMerged(survivor, other.id()));
            }
            if (live.get(0).canTake(hints)) {
                fillGaps(survivor, hints);
            }
        }
        List<Identifier> fresh = ids.stream().filter(id -> !owned.containsKey(id)).toList();
        if (!fresh.isEmpty()) {
            pipeline.write(new Pipeline.Statement(CLAIM, new MapSqlParameterSource()
                    .addValue("kinds", fresh.stream().map(id -> id.kind().wire()).toArray(String[]::new))
                    .addValue("values", fresh.stream().map(Identifier::value).toArray(String[]::new))
                    .addValue("customer", survivor)));
        }
        return survivor;
    }

    /** Who owns each identifier, and those owners' profile rows (with the event's current owner's), locked. */
    public record Snapshot(Map<Identifier, UUID> owned, Map<UUID, Locked> locked) {
        static final Snapshot NONE = new Snapshot(Map.of(), Map.of());
    }

    /**
     * Each event's identifiers' owners (the i-th identifiers with the i-th current owner) and, in
     * the same round trip, those owners' profile rows locked in id order (the one global order, as
     * {@link #lockLive} keeps for merged-away rows it must follow), once all the events' locks are
     * held. A row whose lock had to be waited for comes back as its lock-holder left it (merged
     * away, perhaps: {@link #lockLive} follows it). One event's, or a whole batch's
     * (events committed together): there only an event that shares no
     * identifier and no owner with another of the batch gets its snapshot, keyed by its position,
     * since what an earlier event does to a shared identifier or owner (claims it, merges it away)
     * would leave a later one's stale; those read their own when they are recorded. An owner's row
     * that comes back merged away (its merge committed while a lock was waited for) is followed by
     * its event to a profile the batch did not check, so then no event of the batch gets one.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<Integer, Snapshot> ownersOfEach(List<? extends Collection<Identifier>> identifiers,
            List<Optional<UUID>> currentOwners) {
        Map<Identifier, Integer> named = new HashMap<>();
        identifiers.forEach(ids -> new TreeSet<>(ids).forEach(id -> named.merge(id, 1, Integer::sum)));
        List<Integer> asked = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        List<Identifier> all = new ArrayList<>();
        for (int i = 0; i < identifiers.size(); i++) {
            TreeSet<Identifier> ids = new TreeSet<>(identifiers.get(i));
            if (ids.stream().allMatch(id -> named.get(id) == 1)) {
                asked.add(i);
                ids.forEach(id -> {
                    positions.add(asked.size() - 1);
                    all.add(id);
                });
            }
        }
        if (asked.isEmpty()) {
            return Map.of();
        }
        Map<Integer, Map<Identifier, UUID>> owned = new HashMap<>();
        Map<UUID, Locked> locked = new HashMap<>();
        jdbc.sql("""
                WITH owned AS (
                    SELECT q.n, i.kind, i.value, i.customer_id
                    FROM unnest(CAST(:positions AS int[]), CAST(:kinds AS text[]), CAST(:values AS text[])) AS q(n, kind, value)
                    JOIN customer_identities i ON i.kind = q.kind AND i.value = q.value
                ), locked AS (
                    SELECT id, merged_into, created_at, name, company, primary_email, primary_phone
                    FROM customer_profiles
                    WHERE id IN (SELECT customer_id FROM owned UNION ALL SELECT unnest(CAST(:current AS uuid[])))
                    ORDER BY id FOR UPDATE
                )
                SELECT n, kind, value, customer_id, NULL::uuid, NULL::timestamptz, NULL, NULL, NULL, NULL FROM owned
                UNION ALL
                SELECT NULL, NULL, NULL, id, merged_into, created_at, name, company, primary_email, primary_phone FROM locked
                """)
                .param("positions", positions.toArray(Integer[]::new))
                .param("kinds", all.stream().map(id -> id.kind().wire()).toArray(String[]::new))
                .param("values", all.stream().map(Identifier::value).toArray(String[]::new))
                .param("current", asked.stream().map(currentOwners::get).flatMap(Optional::stream).map(UUID::toString)
                        .toArray(String[]::new))
                .query((RowCallbackHandler) rs -> {
                    UUID customer = rs.getObject(4, UUID.class);
                    if (rs.getString(2) != null) {
                        owned.computeIfAbsent(rs.getInt(1), n -> new HashMap<>())
                                .put(new Identifier(Identifier.Kind.of(rs.getString(2)), rs.getString(3)), customer);
                    } else {
                        locked.put(customer, new Locked(rs.getObject(5, UUID.class), rs.getObject(6, OffsetDateTime.class),
                                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10)));
                    }
                });
        List<List<UUID>> ownersOf = new ArrayList<>();
        Map<UUID, Integer> claims = new HashMap<>();
        for (int n = 0; n < asked.size(); n++) {
            TreeSet<UUID> owners = new TreeSet<>(owned.getOrDefault(n, Map.of()).values());
            currentOwners.get(asked.get(n)).ifPresent(owners::add);
            owners.forEach(o -> claims.merge(o, 1, Integer::sum));
            ownersOf.add(List.copyOf(owners));
        }
        if (asked.size() > 1 && locked.values().stream().anyMatch(row -> row.mergedInto() != null)) {
            // A merge committed while a lock was waited for: an owner's row came back merged away, and
            // the event that follows it may reach another's owner. Rare; each event then reads its own.
            return Map.of();
        }
        Map<Integer, Snapshot> snapshots = new HashMap<>();
        for (int n = 0; n < asked.size(); n++) {
            if (ownersOf.get(n).stream().allMatch(o -> claims.get(o) == 1)) {
                Map<UUID, Locked> own = new HashMap<>();
                ownersOf.get(n).stream().filter(locked::containsKey).forEach(o -> own.put(o, locked.get(o)));
                snapshots.put(asked.get(n), new Snapshot(owned.getOrDefault(n, Map.of()), own));
            }
        }
        return snapshots;
    }

    private record Owner(UUID id, OffsetDateTime createdAt, Identifier linkedBy, Locked row) {

        /** Whether the event knows something the profile lacks (name, company, email, phone). */
        boolean canTake(ProfileHints h) {
            return row.name() == null && h.name() != null || row.company() == null && h.company() != null
                    || row.email() == null && h.email() != null || row.phone() == null && h.phone() != null;
        }
    }

    private record Locked(UUID mergedInto, OffsetDateTime createdAt, String name, String company, String email, String phone) {
    }

    /**
     * Each owner's live profile (following merges to the survivor, locking each row on the way
     * that {@code locked} does not already hold), oldest first.
     */
    private List<Owner> lockLive(Map<UUID, Identifier> owners, Map<UUID, Locked> locked) {
        Map<UUID, Owner> live = new LinkedHashMap<>();
        List<UUID> sorted = new ArrayList<>(owners.keySet());
        sorted.sort(Comparator.naturalOrder());
        for (UUID start : sorted) {
            UUID id = start;
            while (true) {
                Locked row = locked.containsKey(id) ? locked.get(id) : jdbc.sql("""
                        SELECT merged_into, created_at, name, company, primary_email, primary_phone
                        FROM customer_profiles WHERE id = :id FOR UPDATE
                        """)
                        .param("id", id)
                        .query((rs, n) -> new Locked(rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class),
                                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)))
                        .single();
                if (row.mergedInto() == null) {
                    live.putIfAbsent(id, new Owner(id, row.createdAt(), owners.get(start), row));
                    break;
                }
                id = row.mergedInto();
            }
        }
        List<Owner> result = new ArrayList<>(live.values());
        result.sort(Comparator.comparing(Owner::createdAt).thenComparing(Owner::id));
        return result;
    }

    private UUID create(ProfileHints hints) {
        UUID id = UUID.randomUUID();
        pipeline.write(new Pipeline.Statement(CREATE, withHints(id, hints)));
        return id;
    }

    private void fillGaps(UUID id, ProfileHints hints) {
        if (hints.name() == null && hints.company() == null && hints.email() == null && hints.phone() == null) {
            return;
        }
        pipeline.write(new Pipeline.Statement(FILL_GAPS, withHints(id, hints)));
    }

    private static MapSqlParameterSource withHints(UUID id, ProfileHints hints) {
        return new MapSqlParameterSource().addValue("id", id).addValue("name", hints.name())
                .addValue("company", hints.company()).addValue("email", hints.email()).addValue("phone", hints.phone());
    }
}
