package io.customertimeline.connectors.importer;

import io.customertimeline.ingest.EventType;
import io.customertimeline.system.InvalidInputException;
import io.customertimeline.system.PayloadTooLargeException;
import io.customertimeline.system.ProblemHandler;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/import/{source}}: a CSV or JSON Lines file of orders, emails, social, quotes or
 * calls, as a multipart upload (part {@code file}) or as the raw body; {@code ?dry_run=true}
 * checks it without writing. Answers with the import's report. Bodies up to
 * {@code TIMELINE_IMPORT_MAX_SIZE} (the API's small body limit does not apply here). API key required.
 */
@RestController
class ImportController {

    private static final Logger log = LoggerFactory.getLogger(ImportController.class);

    private final ImportService imports;
    private final long maxSize;

    ImportController(ImportService imports, @Value("${timeline.import.max-size:512MB}") DataSize maxSize) {
        this.imports = imports;
        this.maxSize = maxSize.toBytes();
    }

    @PostMapping(path = "/api/import/{source}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(hidden = true) // described with the raw body below: one operation, three ways to send the file
    Map<String, Object> upload(@PathVariable String source, @RequestPart("file") MultipartFile file,
                               @RequestParam(name = "dry_run", defaultValue = "false") boolean dryRun) throws IOException {
        EventType type = type(source);
        try (InputStream in = file.getInputStream()) {
            return body(imports.importFile(type, in, file.getOriginalFilename(), file.getSize(), dryRun, p -> { }));
        }
    }

    /**
     * {@code curl --data-binary @orders.csv} without a type sends a form, and the server reads a
     * form's body as its fields: the file would be gone, and the import would find nothing in it.
     */
    @PostMapping(path = "/api/import/{source}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @Operation(hidden = true)
    ProblemDetail form(@PathVariable String source) {
        type(source);
        return ProblemHandler.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", "The file was sent as a form "
                + "(curl --data-binary without a Content-Type does that), so its lines cannot be read. Send it with "
                + "-H 'Content-Type: text/csv' or 'application/x-ndjson', or as the multipart part 'file' (-F file=@orders.csv).",
                "Content-Type");
    }

    @PostMapping(path = "/api/import/{source}")
    @Operation(summary = "Import a file of one source: CSV or JSON Lines, as the body or as the multipart part 'file'; "
            + "format=csv|jsonl for a body whose type does not say")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
            @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
            @Content(mediaType = "application/x-ndjson", schema = @Schema(type = "string")),
            @Content(mediaType = "multipart/form-data", schema = @Schema(type = "object", requiredProperties = "file"))})
    Map<String, Object> raw(@PathVariable String source, HttpServletRequest request,
                            @RequestParam(name = "dry_run", defaultValue = "false") boolean dryRun,
                            @RequestParam(required = false) String format) throws IOException {
        EventType type = type(source);
        long length = request.getContentLengthLong();
        if (length > maxSize) {
            throw new PayloadTooLargeException(maxSize);
        }
        String hint = format != null ? "upload." + (format.equalsIgnoreCase("csv") ? "csv" : "jsonl")
                : contentTypeHint(request.getContentType());
        try (InputStream in = new Limited(request.getInputStream(), maxSize)) {
            return body(imports.importFile(type, in, hint, length, dryRun, p -> { }));
        } catch (java.io.UncheckedIOException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof PayloadTooLargeException tooLarge) {
                    throw tooLarge;
                }
            }
            throw e;
        }
    }

    /** 503: the database, not the file, stopped the import; the answer says what is stored and what to do. */
    @ExceptionHandler(ImportStoppedException.class)
    ProblemDetail stopped(ImportStoppedException e) {
        log.error("import stopped at line {} with {} rows stored", e.stoppedAtLine(), e.storedRows(), e.getCause());
        ProblemDetail p = ProblemHandler.problem(HttpStatus.SERVICE_UNAVAILABLE, "Import stopped", e.getMessage(), null);
        p.setProperty("stored_rows", e.storedRows());
        p.setProperty("stopped_at_line", e.stoppedAtLine());
        return p;
    }

    private static EventType type(String source) {
        return ImportSource.eventType(source).orElseThrow(() -> new InvalidInputException("source",
                "'" + source + "' is not an import source (orders, emails, social, quotes, calls)"));
    }

    private static String contentTypeHint(String contentType) {
        if (contentType == null) {
            return null;
        }
        String t = contentType.toLowerCase(java.util.Locale.ROOT);
        if (t.contains("csv")) {
            return "upload.csv";
        }
        if (t.contains("ndjson") || t.contains("jsonl") || t.contains("json")) {
            return "upload.jsonl";
        }
        return null;
    }

    static Map<String, Object> body(ImportService.Result r) {
        ImportReport report = r.report();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", report.source());
        out.put("format", report.format() == ImportFormat.CSV ? "csv" : "jsonl");
        out.put("dry_run", r.dryRun());
        out.put("rows", report.rows());
        out.put("accepted", report.accepted());
        out.put("created", r.created());
        out.put("updated", r.updated());
        out.put("unchanged", r.unchanged());
        out.put("rejected_count", report.rejectedCount());
        List<Map<String, Object>> rejected = report.rejected().stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("line", Long.parseLong(e.where().replace("line ", "")));
            m.put("reason", e.reason());
            return m;
        }).toList();
        out.put("rejected", rejected);
        out.put("warnings", report.warnings());
        out.put("elapsed_ms", report.elapsed().toMillis());
        out.put("rows_per_second", Math.round(report.rate()));
        return out;
    }

    /** Refuses a chunked body that grows past the limit while it is read. */
    private static final class Limited extends FilterInputStream {
        private final long limit;
        private long read;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count(Math.max(0, n));
            return n;
        }

        private void count(int n) throws PayloadTooLargeException {
            read += n;
            if (read > limit) {
                throw new PayloadTooLargeException(limit);
            }
        }
    }
}
