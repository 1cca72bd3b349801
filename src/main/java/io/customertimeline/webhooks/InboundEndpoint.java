package io.customertimeline.webhooks;

import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * One inbound webhook endpoint's guard: its secret, the methods it accepts, and the 401 problem
 * details (logged without body or secret) for deliveries that fail.
 */
public final class InboundEndpoint {

    private static final Logger log = LoggerFactory.getLogger(InboundEndpoint.class);

    private final String name;
    private final WebhookSecret secret;
    private final Set<AuthMethod> methods;
    private final WebhookAuthenticator authenticator;

    public InboundEndpoint(String name, WebhookSecret secret, Set<AuthMethod> methods, WebhookAuthenticator authenticator) {
        this.name = name;
        this.secret = secret;
        this.methods = Set.copyOf(methods);
        this.authenticator = authenticator;
    }

    /** A new secret as Standard Webhooks senders expect it: {@code whsec_} and 32 random bytes in base64. */
    public static String newSecret(byte[] random) {
        return WebhookSecret.STANDARD_PREFIX + Base64.getEncoder().encodeToString(random);
    }

    public String name() {
        return name;
    }

    public Set<AuthMethod> methods() {
        return methods;
    }

    public AuthResult authenticate(HttpHeaders headers, byte[] body) {
        return authenticator.authenticate(headers, body, secret, methods);
    }

    /** The 401 for a failed check; the log line names the endpoint, the reason and the size, nothing secret. */
    public ResponseEntity<ProblemDetail> reject(AuthResult result, String remoteAddress, int bodyLength) {
        log.warn("Rejected {} delivery from {}: {} {} ({} bytes)", name, remoteAddress, result.outcome(),
                result.detail(), bodyLength);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, switch (result.outcome()) {
            case MISSING -> "No credentials: " + result.detail() + ".";
            case STALE -> "Stale signature: " + result.detail() + ".";
            default -> "Invalid credentials: " + result.detail() + ".";
        });
        problem.setTitle("Unauthorized");
        problem.setProperty("field", result.method() == null ? "Authorization" : result.method().header());
        problem.setProperty("reason", result.outcome().name().toLowerCase(Locale.ROOT));
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").body(problem);
    }

    /** Logs a delivery refused for its content (the 400 itself comes from the problem handler). */
    public void logInvalid(String remoteAddress, String field, int bodyLength) {
        log.warn("Rejected {} delivery from {}: invalid field {} ({} bytes)", name, remoteAddress, field, bodyLength);
    }

    /**
     * The whole receiving step of a controller: authenticate, record in the inbox with its effect
     * (one transaction), and answer with {@code answer(receipt)}; a refused delivery gets its 401,
     * an invalid one is logged (without body) and left to the problem handler's 400.
     */
    public ResponseEntity<?> receive(HttpHeaders headers, byte[] body, String remoteAddress, WebhookInbox inbox,
            java.util.function.Function<WebhookInbox.Receipt, Object> answer) {
        byte[] raw = body == null ? new byte[0] : body;
        AuthResult auth = authenticate(headers, raw);
        if (!auth.passed()) {
            return reject(auth, remoteAddress, raw.length);
        }
        try {
            return ResponseEntity.ok(answer.apply(inbox.receive(name, headers.getFirst("webhook-id"), auth.method().name(), raw)));
        } catch (io.customertimeline.system.InvalidInputException invalid) {
            logInvalid(remoteAddress, invalid.field(), raw.length);
            throw invalid;
        }
    }
}
