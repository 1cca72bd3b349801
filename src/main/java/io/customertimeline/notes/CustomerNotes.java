package io.customertimeline.notes;

import io.customertimeline.identity.ProfilesMerged;
import io.customertimeline.system.InvalidInputException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The {@code customer_notes} of each customer, newest first. Callers check who may write. */
@Service
public class CustomerNotes {

    public static final int MAX_LENGTH = 5_000;
    static final int SHOWN = 50;

    private final JdbcClient jdbc;
    private final Clock clock;

    CustomerNotes(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record Note(UUID id, UUID customerId, String author, String body, OffsetDateTime createdAt) {
    }

    /** Adds a note; the body is kept as written (it is shown escaped), blank or over 5,000 characters is refused. */
    public Note add(UUID customer, String author, String body) {
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            throw new InvalidInputException("body", "A note needs some text.");
        }
        if (text.codePointCount(0, text.length()) > MAX_LENGTH) {
            throw new InvalidInputException("body", "A note has at most " + MAX_LENGTH + " characters.");
        }
        Note note = new Note(UUID.randomUUID(), customer, author, text, clock.instant().atOffset(ZoneOffset.UTC));
        jdbc.sql("INSERT INTO customer_notes (id, customer_id, author, body, created_at) VALUES (:id, :customer, :author, :body, :at)")
                .param("id", note.id()).param("customer", customer).param("author", author).param("body", text)
                .param("at", note.createdAt()).update();
        return note;
    }

    /** The newest notes of a customer, newest first. */
    public List<Note> latest(UUID customer) {
        return jdbc.sql("""
                SELECT id, customer_id, author, body, created_at FROM customer_notes
                WHERE customer_id = :customer ORDER BY created_at DESC, id LIMIT :limit""")
                .param("customer", customer).param("limit", SHOWN).query(Note.class).list();
    }

    /** Runs inside the merging transaction: the merged profile's notes belong to the survivor from now on. */
    @EventListener
    void onMerge(ProfilesMerged merged) {
        jdbc.sql("UPDATE customer_notes SET customer_id = :survivor WHERE customer_id = :merged")
                .param("survivor", merged.survivor()).param("merged", merged.merged()).update();
    }
}
