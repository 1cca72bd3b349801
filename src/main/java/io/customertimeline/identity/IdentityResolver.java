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
     * Takes the event's own lock and then every identifier's lock, in one round trip and in the
     * one global order (the event first, then identifiers sorted), so no two events deadlock and
     * no two deliveries of one event interleave. Call first in the event's transaction, before
     * reading what the locks protect; {@link #resolve} relies on it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lock(String eventKey, Collection<Identifier> identifiers) {
        List<String> keys = new ArrayList<>();
        keys.add(eventKey);
        new TreeSet<>(identifiers).forEach(id -> keys.add(id.lockKey()));
        jdbc.sql("""
                SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0)))
                FROM (SELECT k FROM unnest(:keys::text[]) WITH ORDINALITY AS t(k, n) ORDER BY n) ordered
                """)
                .param("keys", keys.toArray(String[]::new))
                .query().singleRow();
    }

    /**
     * The live profile for these identifiers (plus the profile that already owns the event's
     * record, if any), creating, extending or merging profiles as needed, once {@link #lock} holds
     * the event's and the identifiers' locks. The profile row is locked until the transaction ends.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID resolve(Collection<Identifier> identifiers, Optional<UUID> currentOwner, EventRef event, ProfileHints hints) {
        List<Identifier> ids = new ArrayList<>(new TreeSet<>(identifiers));
        String[] kinds = ids.stream().map(id -> id.kind().wire()).toArray(String[]::new);
        String[] values = ids.stream().map(Identifier::value).toArray(String[]::new);
        Map<Identifier, UUID> owned = ids.isEmpty() ? Map.of() : ownersOf(kinds, values);
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
            List<Owner> live = lockLive(owners);
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

    private Map<Identifier, UUID> ownersOf(String[] kinds, String[] values) {
        Map<Identifier, UUID> owned = new HashMap<>();
        jdbc.sql("""
                SELECT i.kind, i.value, i.customer_id
                FROM unnest(:kinds::text[], :values::text[]) AS q(kind, value)
                JOIN customer_identities i ON i.kind = q.kind AND i.value = q.value
                """)
                .param("kinds", kinds).param("values", values)
                .query((rs, n) -> owned.put(new Identifier(Identifier.Kind.of(rs.getString(1)), rs.getString(2)),
                        rs.getObject(3, UUID.class)))
                .list();
        return owned;
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

    /** Locks each owner (following merges to the survivor) and orders them oldest first. */
    private List<Owner> lockLive(Map<UUID, Identifier> owners) {
        Map<UUID, Owner> live = new LinkedHashMap<>();
        List<UUID> sorted = new ArrayList<>(owners.keySet());
        sorted.sort(Comparator.naturalOrder());
        for (UUID start : sorted) {
            UUID id = start;
            while (true) {
                Locked row = jdbc.sql("""
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
