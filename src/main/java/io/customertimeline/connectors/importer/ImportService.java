package io.customertimeline.connectors.importer;

import io.customertimeline.ingest.EventType;
import io.customertimeline.ingest.Ingest;
import io.customertimeline.ingest.IngestResult;
import io.customertimeline.system.InvalidInputException;
import java.io.InputStream;
import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a file through the ingest path, row by row: the same identity, idempotency, statistics
 * and sentiment rules as {@code /api/sync}, so importing a file twice changes nothing. A dry run
 * does all of it in a transaction that is rolled back: it reports what would be created, updated,
 * left unchanged or rejected, and writes nothing.
 */
@Service
public class ImportService {

    private static final Logger log = LoggerFactory.getLogger(ImportService.class);

    private final Ingest ingest;
    private final TransactionTemplate rolledBack;
    private final Clock clock;

    ImportService(Ingest ingest, PlatformTransactionManager transactions, Clock clock) {
        this.ingest = ingest;
        this.rolledBack = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** What an import did: the file's report and what the ingest path made of the accepted rows. */
    public record Result(ImportReport report, boolean dryRun, long created, long updated, long unchanged) {

        public String describe() {
            return report.describe() + (dryRun ? "dry run, nothing written: would create %d, update %d, leave %d unchanged%n"
                    : "created %d, updated %d, unchanged %d%n").formatted(created, updated, unchanged);
        }
    }

    public Result importFile(EventType type, InputStream in, String fileName, long size, boolean dryRun,
                             Consumer<ImportProgress> progress) {
        long[] outcomes = new long[3];
        String source = ImportSource.name(type);
        ImportListener listener = new ImportListener() {
            @Override
            public void event(long line, io.customertimeline.connectors.CanonicalEvent event) {
                IngestResult result = store(event.type(), event.data(), dryRun);
                outcomes[result.outcome().ordinal()]++;
            }

            @Override
            public void progress(ImportProgress p) {
                log.info("import {}{}: {}", source, dryRun ? " (dry run)" : "", p);
                progress.accept(p);
            }
        };
        ImportReport report = new FileImporter(clock).read(type, in, fileName, size, listener);
        return new Result(report, dryRun, outcomes[IngestResult.Outcome.created.ordinal()],
                outcomes[IngestResult.Outcome.updated.ordinal()], outcomes[IngestResult.Outcome.unchanged.ordinal()]);
    }

    private IngestResult store(EventType type, tools.jackson.databind.JsonNode data, boolean dryRun) {
        try {
            if (!dryRun) {
                return ingest.accept(type, data);
            }
            return rolledBack.execute(status -> {
                status.setRollbackOnly();
                return ingest.accept(type, data);
            });
        } catch (InvalidInputException e) {
            throw new RejectedRowException(e.getMessage());
        } catch (DataAccessResourceFailureException | TransientDataAccessException | RecoverableDataAccessException
                 | CannotCreateTransactionException e) {
            throw e; // the database, not the row: stop the import
        } catch (RuntimeException e) {
            log.warn("import: a row could not be stored", e);
            throw new RejectedRowException("could not be stored: " + e.getMessage());
        }
    }
}
