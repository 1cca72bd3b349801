package io.customertimeline.system;

import java.net.URI;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error leaves as RFC 9457 problem details that name the field at fault. A feature that
 * answers an error of its own builds it with {@link #problem}.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private static final String RETRY_AFTER_SECONDS = "5";

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalid(InvalidInputException e) {
        return problem(HttpStatus.BAD_REQUEST, e.notJson() ? "Malformed JSON" : "Invalid input", e.getMessage(), e.field());
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), e.field());
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ProblemDetail tooLarge(PayloadTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large", e.getMessage(), null);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid input", "'" + e.getName() + "' has the wrong type", e.getName());
    }

    /**
     * 503 with {@code Retry-After}: every write slot stayed taken ({@link Transactions}), or no
     * connection came free in time. Nothing was written; the sender can send the request again.
     */
    @ExceptionHandler({BusyException.class, CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> busy(Exception e) {
        if (!(e instanceof BusyException)) {
            log.warn("no database connection in time: {}", e.getMessage());
        }
        String detail = e instanceof BusyException ? e.getMessage() : "The database did not answer in time; nothing was written. "
                + "Send the request again after the time in Retry-After.";
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Busy", detail, null));
    }

    /**
     * PostgreSQL stores no U+0000 in text or jsonb (SQLSTATE 22021 for a text parameter, 22P05 in
     * JSON): text that holds one is the caller's to fix, not a fault of ours. Ingested events drop
     * it before they get here.
     */
    @ExceptionHandler(DataAccessException.class)
    ProblemDetail dataAccess(DataAccessException e) {
        return inputFault(e).map(detail -> problem(HttpStatus.BAD_REQUEST, "Invalid input", detail, null))
                .orElseGet(() -> unexpected(e));
    }

    /**
     * What the caller must fix when PostgreSQL refuses a value as it came: text with U+0000 (see
     * above), or a number out of range (SQLSTATE 22003): an amount within its own limit whose sum
     * with the customer's earlier ones passes what a profile's totals hold. Empty: not the input's fault.
     */
    public static Optional<String> inputFault(DataAccessException e) {
        if (!(e.getMostSpecificCause() instanceof SQLException sql) || sql.getSQLState() == null) {
            return Optional.empty();
        }
        return switch (sql.getSQLState()) {
            case "22021", "22P05" -> Optional.of("Text must not contain the character U+0000.");
            case "22003" -> Optional.of("A number is out of range: with this amount the customer's totals would pass "
                    + "999,999,999,999.99. Nothing was written.");
            default -> Optional.empty();
        };
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "The request could not be completed; nothing was written.", null);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) { // a chunked body's is wrapped twice
            if (cause instanceof PayloadTooLargeException tooLarge) {
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge(tooLarge));
            }
        }
        return ResponseEntity.badRequest().body(invalid(InvalidInputException.malformedJson()));
    }

    /**
     * A page the browser asks for that does not exist gets the error page, in words; API clients
     * (and anything under {@code /api}) the problem document.
     */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (request instanceof ServletWebRequest web && web.getResponse() != null && !web.getRequest().getRequestURI().startsWith("/api/")
                && asksForHtml(web.getHeader(HttpHeaders.ACCEPT))) {
            try {
                web.getResponse().sendError(HttpStatus.NOT_FOUND.value()); // the container shows error.html
                return null;
            } catch (java.io.IOException gone) {
                return null;
            }
        }
        return super.handleNoResourceFoundException(e, headers, status, request);
    }

    private static boolean asksForHtml(String accept) {
        try {
            return accept != null && MediaType.parseMediaTypes(accept).stream().anyMatch(t -> !t.isWildcardType() && t.isCompatibleWith(MediaType.TEXT_HTML));
        } catch (org.springframework.http.InvalidMediaTypeException garbled) {
            return false;
        }
    }

    /** Most often {@code curl -d} without a type, which sends a form: say what to send instead. */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String sent = e.getContentType() == null ? "no type" : "'" + e.getContentType() + "'";
        String wanted = e.getSupportedMediaTypes().stream().anyMatch(MediaType.APPLICATION_JSON::includes)
                ? "JSON with Content-Type: application/json" : "one of " + e.getSupportedMediaTypes();
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).headers(headers).body(problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Unsupported media type", "The body was sent as " + sent + "; send " + wanted
                        + " (curl -d sends a form unless -H 'Content-Type: application/json' is given).", "Content-Type"));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid input",
                "'" + e.getParameterName() + "' is required", e.getParameterName()));
    }

    public static ProblemDetail problem(HttpStatus status, String title, String detail, String field) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        p.setType(URI.create("about:blank"));
        if (field != null) {
            p.setProperty("field", field);
        }
        return p;
    }
}
