package io.customertimeline.dashboard;

import io.customertimeline.ingest.Source;
import io.customertimeline.timeline.TimelineQuery;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The timeline filters as they appear in the dashboard's URL ({@code sources} repeated,
 * {@code from}, {@code to} as dates), so a filtered view can be shared by its address.
 */
public record Filters(List<String> sources, String from, String to) {

    static final int PAGE = 30;

    static Filters of(List<String> sources, String from, String to) {
        List<String> wanted = new ArrayList<>();
        if (sources != null) {
            for (String s : sources) {
                for (String part : s.split(",")) {
                    Source.parse(part).map(Source::wire).filter(w -> !wanted.contains(w)).ifPresent(wanted::add);
                }
            }
        }
        return new Filters(wanted, blankToNull(from), blankToNull(to));
    }

    /** Whether a source's box is ticked: all are when none is chosen. */
    public boolean shows(String source) {
        return sources.isEmpty() || sources.contains(source.toLowerCase(Locale.ROOT));
    }

    public boolean active() {
        return !sources.isEmpty() && sources.size() < Source.values().length || from != null || to != null;
    }

    TimelineQuery query(String cursor, ZoneId zone) {
        return TimelineQuery.parse(String.join(",", sources), from, to, Integer.toString(PAGE), cursor, zone);
    }

    /** The dashboard URL of this view. */
    String url(String path, String customer) {
        var b = UriComponentsBuilder.fromPath(path);
        if (customer != null) {
            b.queryParam("customer", customer);
        }
        sources.forEach(s -> b.queryParam("sources", s));
        if (from != null) {
            b.queryParam("from", from);
        }
        if (to != null) {
            b.queryParam("to", to);
        }
        return b.encode().build().toUriString();
    }

    /** The same filters in the API's parameter names, for exports. */
    String apiUrl(String path, String customer) {
        var b = UriComponentsBuilder.fromPath(path).queryParam("customerId", customer);
        if (!sources.isEmpty()) {
            b.queryParam("sources", String.join(",", sources));
        }
        if (from != null) {
            b.queryParam("dateFrom", from);
        }
        if (to != null) {
            b.queryParam("dateTo", to);
        }
        return b.encode().build().toUriString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
