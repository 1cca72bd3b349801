package io.customertimeline.export;

import io.customertimeline.customers.Profile;
import io.customertimeline.timeline.CustomerRecords;
import io.customertimeline.timeline.TimelineEntry;
import io.customertimeline.timeline.TimelineQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Reads every entry an export covers, page by page through the timeline's own query. */
@Component
class Exports {

    /** Past this many rows an export stops and says so. */
    static final int MAX_ROWS = 50_000;
    private final CustomerRecords records;

    Exports(CustomerRecords records) {
        this.records = records;
    }

    record Rows(List<TimelineEntry> entries, boolean truncated) {
    }

    Rows entries(UUID customer, TimelineQuery filters) {
        List<TimelineEntry> all = new ArrayList<>();
        Optional<TimelineQuery.Cursor> cursor = Optional.empty();
        while (true) {
            var q = new TimelineQuery(filters.sources(), filters.from(), filters.toExclusive(), TimelineQuery.MAX_LIMIT, cursor);
            CustomerRecords.Page page = records.timeline(customer, q);
            all.addAll(page.timeline());
            if (page.nextCursor() == null) {
                return new Rows(all, false);
            }
            if (all.size() >= MAX_ROWS) {
                return new Rows(all.subList(0, MAX_ROWS), true);
            }
            cursor = Optional.of(TimelineQuery.parse(null, null, null, null, page.nextCursor(), java.time.ZoneOffset.UTC).after().orElseThrow());
        }
    }

    static String displayName(Profile p) {
        return p.name() != null ? p.name() : p.email() != null ? p.email() : p.id().toString();
    }
}
