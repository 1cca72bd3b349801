package io.customertimeline.identity;

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

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final ProfileMerger merger;

    IdentityResolver(JdbcClient jdbc, ApplicationEventPublisher events, ProfileMerger merger) {
        this.jdbc = jdbc;
        this.events = events;
        this.merger = merger;
    }

    /**
     * The advisory lock keys of an event: its own, then every identifier's, in the one global
     * order (the event first, then identifiers sorted), so no two events deadlock and no two
     * deliveries of one event interleave. The caller takes them first in the event's transaction,
     * before reading what they protect ({@code lock_event_and_find}, V49); {@link #resolve} relies on it.
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
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID resolve(Collection<Identifier> identifiers, Optional<UUID> currentOwner, EventRef event, ProfileHints hints) {
        List<Identifier> ids = new ArrayList<>(new TreeSet<>(identifiers));
        Snapshot found = ids.isEmpty() && currentOwner.isEmpty() ? Snapshot.NONE : ownersAndLock(ids, currentOwner);
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
            jdbc.sql("""
                    INSERT INTO customer_identities (kind, value, customer_id)
                    SELECT k, v, :customer FROM unnest(:kinds::text[], :values::text[]) AS t(k, v)
                    ON CONFLICT (kind, value) DO NOTHING
                    """)
                    .param("kinds", fresh.stream().map(id -> id.kind().wire()).toArray(String[]::new))
                    .param("values", fresh.stream().map(Identifier::value).toArray(String[]::new))
                    .param("customer", survivor)
                    .update();
        }
        return survivor;
    }

    /** Who owns each identifier, and those owners' profile rows (with the event's current owner's), locked. */
    private record Snapshot(Map<Identifier, UUID> owned, Map<UUID, Locked> locked) {
        static final Snapshot NONE = new Snapshot(Map.of(), Map.of());
    }

    /**
     * The identifiers' owners and, in the same round trip, their profile rows locked in id order
     * (the one global order, as {@link #lockLive} keeps for merged-away rows it must follow). A
     * row whose lock had to be waited for comes back as its lock-holder left it (merged away,
     * perhaps: {@link #lockLive} follows it). One round trip where there were two, on every event.
     */
    private Snapshot ownersAndLock(List<Identifier> ids, Optional<UUID> currentOwner) {
        Map<Identifier, UUID> owned = new HashMap<>();
        Map<UUID, Locked> locked = new HashMap<>();
        jdbc.sql("""
                WITH owned AS (
                    SELECT i.kind, i.value, i.customer_id
                    FROM unnest(CAST(:kinds AS text[]), CAST(:values AS text[])) AS q(kind, value)
                    JOIN customer_identities i ON i.kind = q.kind AND i.value = q.value
                ), locked AS (
                    SELECT id, merged_into, created_at, name, company, primary_email, primary_phone
                    FROM customer_profiles
                    WHERE id IN (SELECT customer_id FROM owned UNION ALL SELECT CAST(:current AS uuid))
                    ORDER BY id FOR UPDATE
                )
                SELECT kind, value, customer_id, NULL::uuid, NULL::timestamptz, NULL, NULL, NULL, NULL FROM owned
                UNION ALL
                SELECT NULL, NULL, id, merged_into, created_at, name, company, primary_email, primary_phone FROM locked
                """)
                .param("kinds", ids.stream().map(id -> id.kind().wire()).toArray(String[]::new))
                .param("values", ids.stream().map(Identifier::value).toArray(String[]::new))
                .param("current", currentOwner.map(UUID::toString).orElse(null))
                .query((RowCallbackHandler) rs -> {
                    UUID customer = rs.getObject(3, UUID.class);
                    if (rs.getString(1) != null) {
                        owned.put(new Identifier(Identifier.Kind.of(rs.getString(1)), rs.getString(2)), customer);
                    } else {
                        locked.put(customer, new Locked(rs.getObject(4, UUID.class), rs.getObject(5, OffsetDateTime.class),
                                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)));
                    }
                });
        return new Snapshot(owned, locked);
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
        jdbc.sql("""
                INSERT INTO customer_profiles (id, name, company, primary_email, primary_phone, created_at, updated_at)
                VALUES (:id, :name, :company, :email, :phone, now(), now())
                """)
                .param("id", id).param("name", hints.name()).param("company", hints.company())
                .param("email", hints.email()).param("phone", hints.phone())
                .update();
        return id;
    }

    private void fillGaps(UUID id, ProfileHints hints) {
        if (hints.name() == null && hints.company() == null && hints.email() == null && hints.phone() == null) {
            return;
        }
        jdbc.sql("""
                UPDATE customer_profiles SET
                    name = coalesce(name, :name),
                    company = coalesce(company, :company),
                    primary_email = coalesce(primary_email, :email),
                    primary_phone = coalesce(primary_phone, :phone)
                WHERE id = :id
                  AND (name IS NULL AND :name::text IS NOT NULL OR company IS NULL AND :company::text IS NOT NULL
                       OR primary_email IS NULL AND :email::text IS NOT NULL OR primary_phone IS NULL AND :phone::text IS NOT NULL)
                """)
                .param("id", id).param("name", hints.name()).param("company", hints.company())
                .param("email", hints.email()).param("phone", hints.phone())
                .update();
    }
}
