package io.customertimeline.users;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The audit of who read which customer's profile, and when. */
@Component
public class ProfileReads {

    private final JdbcClient jdbc;

    ProfileReads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Read(String username, UUID customerId, String customerName, String channel, OffsetDateTime readAt) {
    }

    public void record(String username, UUID customer, String channel) {
        jdbc.sql("INSERT INTO profile_reads (username, customer_id, channel) VALUES (:u, :c, :ch)")
                .param("u", username).param("c", customer).param("ch", channel).update();
    }

    /** Latest reads first; of one customer (following merges) when {@code customer} is given. */
    public List<Read> latest(UUID customer, int limit) {
        return jdbc.sql("""
                SELECT r.username, r.customer_id, p.name AS customer_name, r.channel, r.read_at
                FROM profile_reads r LEFT JOIN customer_profiles p ON p.id = resolve_customer(r.customer_id::text)
                WHERE :c::uuid IS NULL OR resolve_customer(r.customer_id::text) = :c::uuid
                ORDER BY r.read_at DESC, r.id DESC LIMIT :limit
                """).param("c", customer).param("limit", limit).query(Read.class).list();
    }
}
