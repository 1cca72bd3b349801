package io.customertimeline.system;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where a unit of work's transaction begins. When two transactions wait for each other's locks,
 * PostgreSQL ends one of them (a deadlock victim; likewise a transaction it cannot serialise).
 * Everything the victim did is undone, so it is safe to run it again, and that is what happens
 * here, a few times after a short random pause, instead of failing the request or the import
 * batch. Two imports of the same customers in different orders meet like that, or a connector's
 * batch and the webhooks of the same customers.
 *
 * <p>Called inside a transaction, the work joins it and is not repeated here: only whoever began
 * the transaction can run it again.
 */
@Component
public class Transactions {

    static final int ATTEMPTS = 5;
    private static final Duration PAUSE = Duration.ofMillis(20);
    private static final Logger log = LoggerFactory.getLogger(Transactions.class);

    private final TransactionTemplate tx;

    Transactions(TransactionTemplate tx) {
        this.tx = tx;
    }

    public <T> T run(TransactionCallback<T> work) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return tx.execute(work);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.execute(work);
            } catch (PessimisticLockingFailureException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                log.info("transaction ended by PostgreSQL to break a lock conflict (attempt {} of {}); running it again",
                        attempt, ATTEMPTS);
                pause(attempt);
            }
        }
    }

    /** 20, 40, 80, 160 ms, each up to half again at random, so two victims do not meet again in step. */
    private static void pause(int attempt) {
        long millis = PAUSE.toMillis() << (attempt - 1);
        try {
            Thread.sleep(millis + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted before running a transaction again", e);
        }
    }
}
