package io.customertimeline.connectors;

import io.customertimeline.ingest.Ingest;
import io.customertimeline.ingest.IngestResult;
import io.customertimeline.system.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Feeds many events to the ingest path in one transaction, each in a savepoint of its own: a row
 * the ingest path refuses is rolled back alone and reported, the others commit together. One
 * commit for a batch instead of one per event is what makes a large import fast on a durable
 * database (every commit waits for the disk). A dry run rolls the whole batch back.
 */
@Component
public class BatchIngest {

    private static final Logger log = LoggerFactory.getLogger(BatchIngest.class);

    private final Ingest ingest;
    private final TransactionTemplate batch;
    private final TransactionTemplate row;

    BatchIngest(Ingest ingest, PlatformTransactionManager transactions) {
        this.ingest = ingest;
        this.batch = new TransactionTemplate(transactions);
        this.row = new TransactionTemplate(transactions);
        this.row.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** What became of one event: its ingest result, or why it was refused. */
    public record Outcome(IngestResult result, String rejection) {

        public boolean rejected() {
            return rejection != null;
        }
    }

    /**
     * Ingests {@code events} in order; the outcomes are in the same order. Throws when our own
     * database fails (nothing of the batch is then committed).
     */
    public List<Outcome> acceptAll(List<CanonicalEvent> events, boolean dryRun) {
        if (events.isEmpty()) {
            return List.of();
        }
        return batch.execute(status -> {
            if (dryRun) {
                status.setRollbackOnly();
            }
            List<Outcome> outcomes = new ArrayList<>(events.size());
            for (CanonicalEvent event : events) {
                outcomes.add(one(event));
            }
            return outcomes;
        });
    }

    private Outcome one(CanonicalEvent event) {
        try {
            return new Outcome(row.execute(s -> ingest.accept(event.type(), event.data())), null);
        } catch (InvalidInputException e) {
            return new Outcome(null, e.getMessage());
        } catch (DataAccessResourceFailureException | TransientDataAccessException | RecoverableDataAccessException
                 | CannotCreateTransactionException e) {
            throw e; // the database, not this row
        } catch (RuntimeException e) {
            log.warn("{} {} could not be stored", event.type(), event.key(), e);
            return new Outcome(null, "could not be stored: " + e.getMessage());
        }
    }
}
