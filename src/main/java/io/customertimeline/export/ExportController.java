package io.customertimeline.export;

import io.customertimeline.customers.Customers;
import io.customertimeline.customers.Profile;
import io.customertimeline.system.TimelineProperties;
import io.customertimeline.timeline.TimelineQuery;
import io.customertimeline.users.DashboardSettings;
import io.customertimeline.users.Person;
import io.swagger.v3.oas.annotations.Operation;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code GET /api/timeline/export.csv} and {@code export.pdf}: the timeline's parameters
 * ({@code customerId}, {@code sources}, {@code dateFrom}, {@code dateTo}). API key holders and
 * signed-in agents and admins may export; viewers when the admin allows it.
 */
@RestController
@RequestMapping("/api/timeline")
class ExportController {

    private final Customers customers;
    private final Exports exports;
    private final DashboardSettings settings;
    private final TimelineProperties props;
    private final Clock clock;

    ExportController(Customers customers, Exports exports, DashboardSettings settings, TimelineProperties props, Clock clock) {
        this.customers = customers;
        this.exports = exports;
        this.settings = settings;
        this.props = props;
        this.clock = clock;
    }

    @GetMapping(path = "/export.csv", produces = "text/csv")
    @Operation(summary = "A customer's timeline (with the timeline's filters) as CSV; bom=false leaves out the UTF-8 byte-order mark")
    ResponseEntity<StreamingResponseBody> csv(@RequestParam(required = false) String customerId,
            @RequestParam(required = false) String sources, @RequestParam(required = false) String dateFrom,
            @RequestParam(required = false) String dateTo, @RequestParam(defaultValue = "true") boolean bom, Authentication auth) {
        Job job = job(customerId, sources, dateFrom, dateTo, auth);
        var rows = exports.entries(job.id(), job.query());
        return download(job.profile(), "csv", new MediaType("text", "csv", StandardCharsets.UTF_8),
                out -> CsvExport.write(rows.entries(), rows.truncated(), props.timezone(), bom, out));
    }

    @GetMapping(path = "/export.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "A customer's profile and timeline (with the timeline's filters) as a PDF report")
    ResponseEntity<StreamingResponseBody> pdf(@RequestParam(required = false) String customerId,
            @RequestParam(required = false) String sources, @RequestParam(required = false) String dateFrom,
            @RequestParam(required = false) String dateTo, Authentication auth) {
        Job job = job(customerId, sources, dateFrom, dateTo, auth);
        var rows = exports.entries(job.id(), job.query());
        var identities = customers.identities(job.id());
        String described = describe(sources, dateFrom, dateTo);
        OffsetDateTime now = OffsetDateTime.now(clock);
        return download(job.profile(), "pdf", MediaType.APPLICATION_PDF,
                out -> PdfExport.write(job.profile(), identities, rows.entries(), rows.truncated(), described, props.timezone(), now, out));
    }

    private record Job(UUID id, Profile profile, TimelineQuery query) {
    }

    private Job job(String customerId, String sources, String dateFrom, String dateTo, Authentication auth) {
        if (Person.isPerson(auth) && !Person.of(auth).mayExport(settings)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Exports are switched off for viewers; ask an admin.");
        }
        TimelineQuery q = TimelineQuery.parse(sources, dateFrom, dateTo, null, null, props.timezone());
        UUID id = customers.require(customerId);
        return new Job(id, customers.profile(id), q);
    }

    private ResponseEntity<StreamingResponseBody> download(Profile p, String ext, MediaType type, StreamingResponseBody body) {
        String name = "timeline-" + Exports.displayName(p).replaceAll("[^\\p{L}\\p{N}._-]+", "-") + "-"
                + LocalDate.now(clock.withZone(props.timezone())) + "." + ext;
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .body(body);
    }

    private static String describe(String sources, String from, String to) {
        return "Sources: " + (sources == null || sources.isBlank() ? "all" : sources)
                + (from == null || from.isBlank() ? "" : " · from " + from) + (to == null || to.isBlank() ? "" : " · to " + to);
    }
}
