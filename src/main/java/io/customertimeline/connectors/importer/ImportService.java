package io.customertimeline.connectors.importer;

import io.customertimeline.connectors.BatchIngest;
import io.customertimeline.ingest.EventType;
import io.customertimeline.ingest.IngestResult;
import io.customertimeline.system.BusyException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionException;

/**
 * Imports a file through the ingest path, row by row: the same identity, idempotency, statistics
 * and sentiment rules as {@code /api/sync}, so importing a file twice changes nothing. Rows are
 * committed {@link FileImporter#BATCH} at a time. A dry run does all of it in transactions that
 * are rolled back: it reports what would be created, updated, left unchanged or rejected, and
 * writes nothing. When our database fails part-way, the import stops with
 * {@link ImportStoppedException}: how many rows are stored and the line it stopped at.
 */
@Service
public class ImportService {

    private static final Logger log = LoggerFactory.getLogger(ImportService.class);

    private final BatchIngest ingest;
    private final Clock clock;

    ImportService(BatchIngest ingest, Clock clock) {
        this.ingest = ingest;
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
        long[] outcomes = new long[IngestResult.Outcome.values().length];
        long[] stored = {0};
        String source = ImportSource.name(type);
        ImportListener listener = new ImportListener() {
            @Override
            public List<ImportRejection> accept(List<ImportRow> rows) {
                List<BatchIngest.Outcome> results;
                try {
                    results = ingest.acceptAll(rows.stream().map(ImportRow::event).toList(), dryRun);
                } catch (DataAccessException | TransactionException | BusyException e) {
                    throw new ImportStoppedException(stored[0], rows.get(0).line(), dryRun, e);
                }
                List<ImportRejection> refused = new ArrayList<>();
                for (int i = 0; i < rows.size(); i++) {
                    BatchIngest.Outcome o = results.get(i);
                    if (o.rejected()) {
                        refused.add(new ImportRejection(rows.get(i).line(), o.rejection()));
                    } else {
                        outcomes[o.result().outcome().ordinal()]++;
                    }
                }
                if (!dryRun) {
                    stored[0] += rows.size() - refused.size();
                }
                return refused;
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
}
