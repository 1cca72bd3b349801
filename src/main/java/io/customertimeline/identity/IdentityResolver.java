package io.customertimeline.identity;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
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
     * The live profile for these identifiers (plus the profile that already owns the event's
     * record, if any), creating, extending or merging profiles as needed. The profile row is
     * locked until the transaction ends.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID resolve(Collection<Identifier> identifiers, Optional<UUID> currentOwner, EventRef event, ProfileHints hints) {
        SortedSet<Identifier> ids = new TreeSet<>(identifiers);
        for (Identifier id : ids) {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))").param("key", id.lockKey()).query().singleRow();
        }
        Map<UUID, Identifier> owners = new LinkedHashMap<>();
        currentOwner.ifPresent(owner -> owners.put(owner, null));
        for (Identifier id : ids) {
            ownerOf(id).ifPresent(owner -> owners.putIfAbsent(owner, id));
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
        }
        for (Identifier id : ids) {
            jdbc.sql("""
                    INSERT INTO customer_identities (kind, value, customer_id) VALUES (:kind, :value, :customer)
                    ON CONFLICT (kind, value) DO NOTHING
                    """)
                    .param("kind", id.kind().wire()).param("value", id.value()).param("customer", survivor)
                    .update();
        }
        fillGaps(survivor, hints);
        return survivor;
    }

    private Optional<UUID> ownerOf(Identifier id) {
        return jdbc.sql("SELECT customer_id FROM customer_identities WHERE kind = :kind AND value = :value")
                .param("kind", id.kind().wire()).param("value", id.value())
                .query(UUID.class).optional();
    }

    private record Owner(UUID id, OffsetDateTime createdAt, Identifier linkedBy) {
    }

    private record Locked(UUID mergedInto, OffsetDateTime createdAt) {
    }

    /** Locks each owner (following merges to the survivor) and orders them oldest first. */
    private List<Owner> lockLive(Map<UUID, Identifier> owners) {
        Map<UUID, Owner> live = new LinkedHashMap<>();
        List<UUID> sorted = new ArrayList<>(owners.keySet());
        sorted.sort(Comparator.naturalOrder());
        for (UUID start : sorted) {
            UUID id = start;
            while (true) {
                Locked row = jdbc.sql("SELECT merged_into, created_at FROM customer_profiles WHERE id = :id FOR UPDATE")
                        .param("id", id).query(Locked.class).single();
                if (row.mergedInto() == null) {
                    live.putIfAbsent(id, new Owner(id, row.createdAt(), owners.get(start)));
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
