package io.customertimeline.connectors;

import io.customertimeline.ingest.Ingest;
import io.customertimeline.ingest.IngestResult;
import io.customertimeline.system.BusyException;
import io.customertimeline.system.InvalidInputException;
import io.customertimeline.system.ProblemHandler;
import io.customertimeline.system.Transactions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Feeds many events to the ingest path in one transaction. One commit for a batch instead of one
 * per event is what makes a large import fast on a durable database (every commit waits for the
 * disk). When the ingest path refuses a row, the batch is rolled back and run again with each row
 * in a savepoint of its own, so the refused rows are left out alone and reported and the others
 * commit together. Savepoints only then: each is two more round trips, and a transaction with
 * more than 64 of them makes every other session's snapshot checks slower while it runs
 * (PostgreSQL's subtransaction cache overflows). A dry run rolls the whole batch back.
 *
 * <p>A batch holds its customers' locks until it commits, so two batches of the same customers in
 * different orders (two imports, an import and a connector) can wait for each other, and
 * PostgreSQL then ends one of them. Run again whole, it would meet the other again; so its rows
 * are then recorded one transaction each ({@link Transactions}: a single event that meets a lock
 * conflict waits for the other side to commit and runs again). Slower, and only for that batch.
 */
@Component
public class BatchIngest {

    private static final Logger log = LoggerFactory.getLogger(BatchIngest.class);

    private final Ingest ingest;
    private final TransactionTemplate row;
    private final Transactions transactions;

    BatchIngest(Ingest ingest, PlatformTransactionManager manager, Transactions transactions) {
        this.ingest = ingest;
        this.row = new TransactionTemplate(manager);
        this.row.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.transactions = transactions;
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
        try {
            return batched(events, dryRun);
        } catch (PessimisticLockingFailureException conflict) {
            log.info("a batch of {} events met another writer's locks on the same customers; recording them one at a time",
                    events.size());
            return oneByOne(events, dryRun);
        }
    }

    /** Without savepoints; when a row is refused, again with one per row, so only the refused ones are left out. */
    private List<Outcome> batched(List<CanonicalEvent> events, boolean dryRun) {
        try {
            return inOneTransaction(events, dryRun, event -> new Outcome(ingest.accept(event.type(), event.data()), null));
        } catch (RuntimeException e) {
            if (ourDatabase(e)) {
                throw e;
            }
            return inOneTransaction(events, dryRun, this::inSavepoint);
        }
    }

    /** A transaction per row, each run again by {@link Transactions} if it meets a lock conflict. */
    private List<Outcome> oneByOne(List<CanonicalEvent> events, boolean dryRun) {
        List<Outcome> outcomes = new ArrayList<>(events.size());
        for (CanonicalEvent event : events) {
            outcomes.add(transactions.run(status -> {
                if (dryRun) {
                    status.setRollbackOnly();
                }
                return inSavepoint(event);
            }));
        }
        return outcomes;
    }

    private List<Outcome> inOneTransaction(List<CanonicalEvent> events, boolean dryRun, Function<CanonicalEvent, Outcome> each) {
        return transactions.runOnce(status -> {
            if (dryRun) {
                status.setRollbackOnly();
            }
            List<Outcome> outcomes = new ArrayList<>(events.size());
            for (CanonicalEvent event : events) {
                outcomes.add(each.apply(event));
            }
            return outcomes;
        });
    }

    private Outcome inSavepoint(CanonicalEvent event) {
        try {
            return new Outcome(row.execute(s -> ingest.accept(event.type(), event.data())), null);
        } catch (InvalidInputException e) {
            return new Outcome(null, e.getMessage());
        } catch (DataAccessException e) {
            Optional<String> fault = ProblemHandler.inputFault(e);
            if (fault.isPresent()) {
                return new Outcome(null, fault.get());
            }
            if (ourDatabase(e)) {
                throw e;
            }
            log.warn("{} {} could not be stored", event.type(), event.key(), e);
            return new Outcome(null, "could not be stored: " + e.getMostSpecificCause().getClass().getSimpleName());
        } catch (RuntimeException e) {
            if (ourDatabase(e)) {
                throw e;
            }
            log.warn("{} {} could not be stored", event.type(), event.key(), e);
            return new Outcome(null, "could not be stored: " + e.getMessage());
        }
    }

    /** The database failed or is busy (not this row): nothing of the batch can be committed now. */
    private static boolean ourDatabase(RuntimeException e) {
        return e instanceof BusyException || e instanceof DataAccessResourceFailureException
                || e instanceof TransientDataAccessException || e instanceof RecoverableDataAccessException
                || e instanceof CannotCreateTransactionException;
    }
}
