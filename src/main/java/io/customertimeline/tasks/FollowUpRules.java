package io.customertimeline.tasks;

import io.customertimeline.ingest.Fields;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Decides which follow-up tasks a touchpoint needs. Pure: the same input always gives the same
 * tasks, timed from the event's own time (or {@code receivedAt} when it has none).
 *
 * <p>From a canonical call ({@code io.customertimeline.calls.CanonicalCall}): at most one task of
 * each kind, each caused by the first sentence that asks for it. Customers ask for callbacks,
 * quotes, complain and report order problems; agents promise callbacks and quotes (questions such
 * as "Shall I call you back?" promise nothing); the summary counts as either. A call the system
 * marked unsuccessful gets a complaint-kind task when no complaint was heard. Calls without a
 * conversation (no answer, busy, voicemail, failed) get none.
 *
 * <p>The due date is the first one said in the causing sentence or the three that follow it (the
 * agent's answer usually names the day), else in the summary, else the configured default.
 */
public final class FollowUpRules {

    enum Speaker { CUSTOMER, AGENT, SUMMARY }

    /** One sentence as said, and lower-cased with its whitespace folded for the rules (once, not per rule). */
    record Sentence(Speaker speaker, String text, int stream, int index, String normalised) {

        Sentence(Speaker speaker, String text, int stream, int index) {
            this(speaker, text, stream, index, normalise(text));
        }
    }

    /** A rule's pattern is searched only in sentences that hold one of its {@link Cues}. */
    record Rule(TaskKind kind, Set<Speaker> speakers, Cues cues, Pattern pattern, Pattern unless) {

        boolean matches(Sentence s) {
            if (!speakers.contains(s.speaker())) {
                return false;
            }
            String text = s.normalised();
            if (s.speaker() == Speaker.AGENT && text.strip().endsWith("?")
                    && (kind == TaskKind.CALLBACK || kind == TaskKind.QUOTE_OR_INFO)) {
                return false;
            }
            return cues.in(text) && pattern.matcher(text).find() && (unless == null || !unless.matcher(text).find());
        }
    }

    private static final String FUTURE = "\\b(?:will|'ll|shall|going to|gonna)\\b";
    private static final Cues FUTURE_CUES = Cues.of("will", "'ll", "shall", "going to", "gonna");
    private static final String INFO = "(?:quote|quotation|estimate|pricing|prices?|price list|info|information|details"
            + "|brochure|catalogue|catalog|specs|specifications|invoice|pro ?forma|link|options|photos|pictures)";
    private static final Pattern QUOTE_WORDS = Pattern.compile("\\b(?:quote|quotation|estimate|pricing|prices?)\\b");
    private static final Pattern ORDER_NUMBER =
            Pattern.compile("\\border\\s*(?:number|no\\.?|num|#)?\\s*[:#]?\\s*(\\d{3,})\\b");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
    private static final Pattern LINE_BREAK = Pattern.compile("\\R");
    /** Whitespace that is not already one space: folded to one (a single space is left alone, not replaced by one). */
    private static final Pattern WHITESPACE = Pattern.compile("\\s{2,}|[\\t\\n\\x0B\\f\\r]");
    private static final Pattern SPEAKER_PREFIX =
            Pattern.compile("^\\s*(ai|agent|assistant|bot|user|customer|caller)\\s*:\\s*", Pattern.CASE_INSENSITIVE);
    private static final Set<String> NO_TASK_EMAIL_STATUS =
            Set.of("replied", "responded", "answered", "sent", "closed", "resolved", "archived", "spam");
    private static final Set<String> RESPONSE_CATEGORIES = Set.of("complaint", "support", "inquiry", "enquiry");
    private static final int MAX_REASON = 500;

    private static final Set<Speaker> CUSTOMER = Set.of(Speaker.CUSTOMER);
    private static final Set<Speaker> AGENT = Set.of(Speaker.AGENT);
    private static final Set<Speaker> SUMMARY = Set.of(Speaker.SUMMARY);
    private static final Set<Speaker> CUSTOMER_OR_SUMMARY = Set.of(Speaker.CUSTOMER, Speaker.SUMMARY);

    private static final Pattern COMPLAINT = Pattern.compile("\\b(?:complain\\w*|unacceptable|terrible|horrible|awful"
            + "|worst|disgust\\w*|furious|appalling|pathetic|ridiculous|rude|useless|fed up|sick and tired"
            + "|not happy|unhappy|disappointed|poor service|bad service|shocking|never again|waste of (?:my )?(?:time|money)"
            + "|rip[- ]?off|scam|angry|annoyed|frustrat\\w*|not impressed|not good enough)\\b");
    private static final Cues COMPLAINT_CUES = Cues.of("complain", "unacceptable", "terrible", "horrible", "awful", "worst",
            "disgust", "furious", "appalling", "pathetic", "ridiculous", "rude", "useless", "fed up", "sick and tired",
            "happy", "disappointed", "service", "shocking", "never again", "waste of", "rip", "scam", "angry", "annoyed",
            "frustrat", "impressed", "good enough");
    private static final Pattern NOT_A_COMPLAINT =
            Pattern.compile("\\b(?:nothing to complain|no complaints?|can't complain|not complaining|never been so happy)\\b");

    static final List<Rule> RULES = List.of(
            new Rule(TaskKind.CALLBACK, CUSTOMER, Cues.of("call", "ring", "phone", "contact", "get back"), Pattern.compile(
                    "\\b(?:call|ring|phone|contact) (?:me|us)\\b|\\bcall ?-?back\\b|\\bget back to me\\b"),
                    Pattern.compile("\\b(?:no need|don't|do not|dont|i'll|i will|i can|i'll just)\\b[^.?!]*\\b(?:call|ring|phone)")),
            new Rule(TaskKind.CALLBACK, AGENT, Cues.of("call", "ring", "phone", "contact"), Pattern.compile(
                    FUTURE + ".*\\b(?:call|ring|phone|contact) you\\b"), null),
            new Rule(TaskKind.CALLBACK, SUMMARY, Cues.of("call", "ring", "phone", "contact"), Pattern.compile(
                    "\\bcall ?-?back\\b|\\b(?:call|ring|phone|contact) (?:the customer|the caller|them|him|her) back\\b"
                            + "|\\brequested a call\\b"), null),
            new Rule(TaskKind.QUOTE_OR_INFO, AGENT, FUTURE_CUES, Pattern.compile(
                    FUTURE + ".*\\b(?:send|email|e-mail|mail|forward|whatsapp|sms|text|share|prepare|put together|draw up)\\b.*\\b"
                            + INFO + "\\b"
                            + "|" + FUTURE + ".*\\b(?:get back to you|come back to you|revert|let you know|follow up with you)\\b"),
                    null),
            new Rule(TaskKind.QUOTE_OR_INFO, CUSTOMER, Cues.of("send", "mail", "whatsapp", "quot"), Pattern.compile(
                    "\\b(?:send|email|e-mail|whatsapp) (?:me|us)\\b.*\\b" + INFO + "\\b"
                            + "|\\b(?:can i|could i|i'd like|i would like|i want|i need|please)\\b.*\\b(?:quote|quotation)\\b"),
                    null),
            new Rule(TaskKind.QUOTE_OR_INFO, SUMMARY, Cues.of("send", "mail", "provide", "prepare", "share", "get back"),
                    Pattern.compile(
                    "\\b(?:promised|agreed|will|to) (?:to )?(?:send|email|e-mail|provide|prepare|share|get back)\\b"), null),
            new Rule(TaskKind.COMPLAINT, CUSTOMER, COMPLAINT_CUES, COMPLAINT, NOT_A_COMPLAINT),
            new Rule(TaskKind.COMPLAINT, SUMMARY, Cues.of("complain", "frustrated", "upset", "angry", "dissatisfied",
                    "unhappy", "annoyed", "disappointed"), Pattern.compile(
                    "\\b(?:complain\\w*|frustrated|upset|angry|dissatisfied|unhappy|annoyed|disappointed)\\b"), NOT_A_COMPLAINT),
            // anchored: unanchored, find() would run both look-aheads from every position (quadratic
            // in the sentence; a fifth of ingest CPU on long call transcripts, BENCHMARKS.md)
            new Rule(TaskKind.ORDER_PROBLEM, CUSTOMER_OR_SUMMARY, Cues.of("order", "deliver", "parcel", "package", "shipment",
                    "courier", "tracking", "waybill", "bought", "purchased", "received"), Pattern.compile(
                    "(?s)\\A(?:(?=.*\\b(?:order|delivery|parcel|package|shipment|courier|tracking|waybill)\\b)"
                            + "(?=.*(?:\\b(?:hasn't|has not|haven't|have not|hasnt|havent|didn't|did not|never|still not|not yet)"
                            + "\\s+(?:\\w+\\s+)?(?:arrived|come|came|been delivered|delivered|received|shipped|dispatched)\\b"
                            + "|\\bstill waiting\\b|\\bnot (?:arrived|received|delivered)\\b"
                            + "|\\b(?:late|delayed|overdue|missing|lost|wrong|incorrect|damaged|broken|faulty|defective|cracked"
                            + "|refund\\w*|return\\w*|cancel\\w*|charged twice|double charged)\\b))"
                            + "|(?=.*\\b(?:bought|purchased|ordered|delivered|received)\\b)"
                            + "(?=.*\\b(?:damaged|broken|faulty|defective|cracked|stopped working|doesn't work|does not work"
                            + "|not working|won't turn on)\\b))"),
                    null));

    private final DueDates dueDates;
    private final Duration emailResponseWithin;
    private final Duration socialResponseWithin;

    public FollowUpRules(DueDates dueDates, Duration emailResponseWithin, Duration socialResponseWithin) {
        this.dueDates = dueDates;
        this.emailResponseWithin = emailResponseWithin;
        this.socialResponseWithin = socialResponseWithin;
    }

    public static FollowUpRules from(TaskProperties props) {
        return new FollowUpRules(DueDates.from(props), props.emailResponseWithin(), props.socialResponseWithin());
    }

    /** Tasks for a canonical call; none when nobody talked with the customer. */
    public List<FollowUp> forCall(JsonNode call, Instant receivedAt) {
        if (!"completed".equals(text(call, "status"))) {
            return List.of();
        }
        Instant at = firstInstant(receivedAt, call, "ended_at", "started_at");
        String who = firstNonNull(text(call, "customer_name"), text(call, "customer_phone"),
                text(call, "customer_email"), "the customer");
        List<Sentence> conversation = conversation(call);
        List<Sentence> summary = sentences(Speaker.SUMMARY, text(call, "summary"), 1, 0);

        List<FollowUp> out = new ArrayList<>();
        Map<TaskKind, Sentence> causes = new EnumMap<>(TaskKind.class);
        for (TaskKind kind : List.of(TaskKind.CALLBACK, TaskKind.QUOTE_OR_INFO, TaskKind.COMPLAINT, TaskKind.ORDER_PROBLEM)) {
            first(kind, conversation).or(() -> first(kind, summary)).ifPresent(cause -> causes.put(kind, cause));
        }
        for (Map.Entry<TaskKind, Sentence> entry : causes.entrySet()) {
            TaskKind kind = entry.getKey();
            Sentence cause = entry.getValue();
            DueDates.Due due = spokenDue(kind, cause, conversation, summary, at);
            out.add(new FollowUp(kind, title(kind, who, cause, conversation, summary), clip(cause.text()),
                    due == null ? dueDates.byDefault(at) : due.at(), due == null ? null : due.phrase()));
        }
        if (!causes.containsKey(TaskKind.COMPLAINT) && Boolean.FALSE.equals(bool(call, "successful"))) {
            String reason = summary.isEmpty()
                    ? "The call system marked this call unsuccessful" + Optional.ofNullable(text(call, "ended_reason"))
                            .map(r -> " (" + r + ")").orElse("") + "."
                    : summary.get(0).text();
            out.add(new FollowUp(TaskKind.COMPLAINT, "Follow up unsuccessful call with " + who, clip(reason),
                    dueDates.byDefault(at), null));
        }
        return out;
    }

    /** A task to answer an inbound complaint, support request or inquiry that has not been answered. */
    public Optional<FollowUp> forEmail(JsonNode email, Instant receivedAt) {
        String category = lower(text(email, "category"));
        if (category == null || !RESPONSE_CATEGORIES.contains(category)) {
            return Optional.empty();
        }
        String status = lower(text(email, "status"));
        String direction = lower(firstNonNull(text(email, "direction"), text(email.path("metadata"), "direction")));
        if ((status != null && NO_TASK_EMAIL_STATUS.contains(status))
                || "outbound".equals(direction) || "outgoing".equals(direction) || "sent".equals(direction)) {
            return Optional.empty();
        }
        String who = firstNonNull(text(email, "from_name"), text(email, "from_email"), "the customer");
        String subject = firstNonNull(text(email, "subject"), "(no subject)");
        boolean complaint = category.equals("complaint");
        List<Sentence> body = sentences(Speaker.CUSTOMER, text(email, "body"), 0, 0);
        String reason = body.stream().filter(s -> complaint && COMPLAINT.matcher(normalise(s.text())).find())
                .findFirst().or(() -> body.stream().findFirst()).map(Sentence::text).orElse(subject);
        String title = (complaint ? "Reply to complaint from " : "Reply to " + category + " from ") + who + ": " + subject;
        Instant at = firstInstant(receivedAt, email, "created_at");
        return Optional.of(new FollowUp(TaskKind.RESPOND, clip(title), clip(reason), at.plus(emailResponseWithin), null));
    }

    /** A task to answer a social post or message flagged {@code requires_response}. */
    public Optional<FollowUp> forSocial(JsonNode social, Instant receivedAt) {
        if (!Boolean.TRUE.equals(bool(social, "requires_response"))) {
            return Optional.empty();
        }
        String who = firstNonNull(text(social, "customer_handle"), text(social, "customer_name"), "a customer");
        String platform = firstNonNull(text(social, "platform"), "social");
        String type = firstNonNull(text(social, "interaction_type"), "post");
        List<Sentence> content = sentences(Speaker.CUSTOMER, text(social, "content"), 0, 0);
        String reason = content.isEmpty() ? firstNonNull(text(social, "post_url"), "A post needs a response.")
                : content.get(0).text();
        Instant at = firstInstant(receivedAt, social, "interaction_date");
        return Optional.of(new FollowUp(TaskKind.RESPOND, clip("Respond to " + platform + " " + type + " from " + who),
                clip(reason), at.plus(socialResponseWithin), null));
    }

    /** The first due date said in the causing sentence or the three after it, else in the summary. */
    private DueDates.Due spokenDue(TaskKind kind, Sentence cause, List<Sentence> conversation, List<Sentence> summary,
            Instant at) {
        List<Sentence> stream = cause.stream() == 0 ? conversation : summary;
        List<Sentence> candidates = new ArrayList<>(stream.subList(cause.index(),
                Math.min(stream.size(), cause.index() + 4)));
        first(kind, summary).ifPresent(candidates::add);
        for (Sentence candidate : candidates) {
            Optional<DueDates.Due> due = dueDates.find(candidate.text(), at);
            if (due.isPresent()) {
                return due.get();
            }
        }
        return null;
    }

    private static Optional<Sentence> first(TaskKind kind, List<Sentence> sentences) {
        for (Sentence s : sentences) {
            for (Rule rule : RULES) {
                if (rule.kind() == kind && rule.matches(s)) {
                    return Optional.of(s);
                }
            }
        }
        return Optional.empty();
    }

    private static String title(TaskKind kind, String who, Sentence cause, List<Sentence> conversation,
            List<Sentence> summary) {
        return switch (kind) {
            case CALLBACK -> "Call back " + who;
            case QUOTE_OR_INFO -> QUOTE_WORDS.matcher(normalise(cause.text())).find()
                    ? "Send quote to " + who
                    : "Get back to " + who + " with the promised information";
            case COMPLAINT -> "Resolve complaint from " + who;
            case ORDER_PROBLEM -> "Resolve order problem for " + who + orderNumber(cause, conversation, summary);
            case RESPOND -> "Respond to " + who;
        };
    }

    private static String orderNumber(Sentence cause, List<Sentence> conversation, List<Sentence> summary) {
        List<Sentence> all = new ArrayList<>(List.of(cause));
        all.addAll(conversation);
        all.addAll(summary);
        for (Sentence s : all) {
            Matcher m = ORDER_NUMBER.matcher(normalise(s.text()));
            if (m.find()) {
                return " (order #" + m.group(1) + ")";
            }
        }
        return "";
    }

    /** The conversation as sentences, from turns when given, else from a transcript's "Agent:"/"User:" lines. */
    private static List<Sentence> conversation(JsonNode call) {
        List<Sentence> out = new ArrayList<>();
        JsonNode turns = call.path("turns");
        if (turns.isArray() && !turns.isEmpty()) {
            for (JsonNode turn : turns) {
                Speaker speaker = "customer".equals(text(turn, "speaker")) ? Speaker.CUSTOMER : Speaker.AGENT;
                out.addAll(sentences(speaker, text(turn, "text"), 0, out.size()));
            }
            return out;
        }
        String transcript = text(call, "transcript");
        if (transcript == null) {
            return out;
        }
        for (String line : LINE_BREAK.split(transcript)) {
            Matcher m = SPEAKER_PREFIX.matcher(line);
            Speaker speaker = Speaker.SUMMARY; // a line without a speaker could be either
            if (m.find()) {
                String who = m.group(1).toLowerCase(Locale.ROOT);
                speaker = who.equals("user") || who.equals("customer") || who.equals("caller")
                        ? Speaker.CUSTOMER : Speaker.AGENT;
                line = line.substring(m.end());
            }
            out.addAll(sentences(speaker, line, 0, out.size()));
        }
        return out;
    }

    private static List<Sentence> sentences(Speaker speaker, String text, int stream, int firstIndex) {
        List<Sentence> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String part : SENTENCE_END.split(text.strip())) {
            if (!part.isBlank()) {
                out.add(new Sentence(speaker, part.strip(), stream, firstIndex + out.size()));
            }
        }
        return out;
    }

    static String normalise(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        return WHITESPACE.matcher(lower).replaceAll(" ");
    }

    private static String clip(String text) {
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 1) + "\u2026";
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node == null ? null : node.get(name);
        if (value == null || !(value.isString() || value.isNumber())) {
            return null;
        }
        String s = value.isString() ? value.stringValue().strip() : value.asString();
        return s.isEmpty() ? null : s;
    }

    private static Boolean bool(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isString()) {
            String s = value.stringValue().strip();
            return s.equalsIgnoreCase("true") ? Boolean.TRUE : s.equalsIgnoreCase("false") ? Boolean.FALSE : null;
        }
        return null;
    }

    /** The first of the named times, read as the ingest path reads it (without an offset: in the shop's zone). */
    private Instant firstInstant(Instant fallback, JsonNode node, String... names) {
        for (String name : names) {
            String value = text(node, name);
            Optional<OffsetDateTime> at = value == null ? Optional.empty() : Fields.parseTime(value, dueDates.zone());
            if (at.isPresent()) {
                return at.get().toInstant();
            }
        }
        return fallback;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
