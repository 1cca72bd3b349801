package io.customertimeline.dashboard;

import io.customertimeline.customers.Customers;
import io.customertimeline.customers.Profile;
import io.customertimeline.insights.Insights;
import io.customertimeline.notes.CustomerNotes;
import io.customertimeline.system.InvalidInputException;
import io.customertimeline.system.NotFoundException;
import io.customertimeline.system.TimelineProperties;
import io.customertimeline.tasks.Tasks;
import io.customertimeline.timeline.CustomerLists;
import io.customertimeline.timeline.CustomerRecords;
import io.customertimeline.timeline.TimelineEntry;
import io.customertimeline.timeline.TimelineQuery;
import io.customertimeline.ingest.Source;
import io.customertimeline.users.DashboardSettings;
import io.customertimeline.users.Person;
import io.customertimeline.users.ProfileReads;
import jakarta.servlet.http.HttpSession;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.util.WebUtils;

/**
 * The dashboard's pages and the fragments htmx swaps into them. Every full page also works
 * without JavaScript; htmx requests get only the part they replace.
 */
@Controller
class DashboardController {

    private static final Set<String> LISTS = Set.of("recent", "top", "attention");
    private static final String AUDITED = DashboardController.class.getName() + ".audited";
    private final Customers customers;
    private final CustomerLists lists;
    private final CustomerRecords records;
    private final Insights insights;
    private final ProfileReads reads;
    private final DashboardSettings settings;
    private final LiveUpdates live;
    private final Formats fmt;
    private final TimelineProperties props;
    private final Tasks tasks;
    private final CustomerNotes notes;

    DashboardController(Customers customers, CustomerLists lists, CustomerRecords records, Insights insights, ProfileReads reads,
            DashboardSettings settings, LiveUpdates live, Formats fmt, TimelineProperties props, Tasks tasks, CustomerNotes notes) {
        this.tasks = tasks;
        this.notes = notes;
        this.customers = customers;
        this.lists = lists;
        this.records = records;
        this.insights = insights;
        this.reads = reads;
        this.settings = settings;
        this.live = live;
        this.fmt = fmt;
        this.props = props;
    }

    @ModelAttribute
    void common(Model model, Authentication auth) {
        model.addAttribute("fmt", fmt);
        model.addAttribute("me", Person.of(auth));
        model.addAttribute("sources", Source.values());
    }

    @GetMapping("/")
    String home() {
        return "redirect:/timeline";
    }

    /** One row of the customer list: the profile and, in "Needs attention", why. */
    public record Row(Profile profile, List<String> reasons) {
    }

    @GetMapping("/timeline")
    String page(@RequestParam(required = false) String customer, @RequestParam(required = false) List<String> sources,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "recent") String list, @RequestParam(required = false) String q,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            @RequestHeader(name = "HX-Target", required = false) String target,
            Model model, Authentication auth, HttpSession session) {
        Filters filters = Filters.of(sources, from, to);
        Optional<UUID> open = Optional.ofNullable(customer).filter(c -> !c.isBlank()).flatMap(customers::find);
        if (customer != null && !customer.isBlank() && open.isEmpty()) {
            model.addAttribute("notFound", customer);
        }
        open.ifPresent(id -> customerModel(id, filters, model, auth, session));
        if ("true".equals(htmx) && "timeline-section".equals(target) && open.isPresent()) {
            return "timeline :: timeline-section";
        }
        if ("true".equals(htmx) && "main".equals(target)) {
            return "timeline :: main-with-title"; // htmx puts the title on the tab
        }
        listModel(list, q, model);
        return "timeline";
    }

    @GetMapping("/timeline/customers")
    String customerList(@RequestParam(defaultValue = "recent") String list, @RequestParam(required = false) String q, Model model) {
        listModel(list, q, model);
        return "timeline :: customer-list";
    }

    @GetMapping("/timeline/customers/{id}/row")
    String customerRow(@PathVariable UUID id, Model model) {
        model.addAttribute("row", new Row(customers.profile(live(id)), List.of()));
        model.addAttribute("fresh", true);
        return "timeline :: customer-row";
    }

    @GetMapping("/timeline/customers/{id}/profile")
    String profileCard(@PathVariable UUID id, Model model, Authentication auth, HttpSession session) {
        UUID live = live(id);
        auditOnce(live, auth, session); // mostly a live refresh of the card already open, whose opening was recorded
        profileModel(live, model);
        return "timeline :: profile-card";
    }

    @PostMapping("/timeline/customers/{id}/status")
    String setStatus(@PathVariable UUID id, @RequestParam(required = false) String status, Model model, Authentication auth) {
        if (!Person.of(auth).agent()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only agents and admins change a customer's status.");
        }
        UUID live = live(id);
        customers.setStatus(live, status == null || status.isBlank() ? null : status);
        profileModel(live, model);
        model.addAttribute("statusSaved", true);
        return "timeline :: profile-card";
    }

    /** A note on the customer (agents and admins); the card comes back with it on top, or with the problem. */
    @PostMapping("/timeline/customers/{id}/notes")
    String addNote(@PathVariable UUID id, @RequestParam(required = false) String body, Model model, Authentication auth) {
        if (!Person.of(auth).agent()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only agents and admins write notes.");
        }
        UUID live = live(id);
        try {
            notes.add(live, auth.getName(), body);
            model.addAttribute("noteSaved", true);
        } catch (InvalidInputException e) {
            model.addAttribute("noteProblem", e.getMessage());
            model.addAttribute("noteDraft", body);
        }
        profileModel(live, model);
        return "timeline :: profile-card";
    }

    /** The next page of the timeline ("load more" as the list scrolls). */
    @GetMapping("/timeline/entries")
    String more(@RequestParam String customer, @RequestParam(required = false) List<String> sources,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam String cursor, Model model, Authentication auth, HttpSession session) {
        UUID id = customers.require(customer);
        auditOnce(id, auth, session);
        Filters filters = Filters.of(sources, from, to);
        pageModel(id, filters, records.timeline(id, filters.query(cursor, props.timezone())), model);
        return "timeline :: entries";
    }

    /**
     * One entry as a timeline row, when it matches the open filters (live updates); empty otherwise.
     * {@code open} keeps the details open (and loads them again) when the staff member was reading them.
     */
    @GetMapping("/timeline/entries/{entry}/row")
    String entryRow(@PathVariable UUID entry, @RequestParam String customer, @RequestParam(required = false) List<String> sources,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "false") boolean open, Model model, Authentication auth, HttpSession session) {
        UUID id = customers.require(customer);
        auditOnce(id, auth, session);
        Filters filters = Filters.of(sources, from, to);
        Map<String, Object> found = records.entry(id, entry).orElseThrow(() -> new NotFoundException("entry", "No such entry"));
        Instant at = ((java.time.OffsetDateTime) found.get("occurred_at")).toInstant();
        TimelineQuery wanted = filters.query(null, props.timezone());
        Source source = Source.parse((String) found.get("source")).orElseThrow();
        boolean matches = wanted.sources().contains(source) && wanted.from().map(f -> !at.isBefore(f)).orElse(true)
                && wanted.toExclusive().map(t -> at.isBefore(t)).orElse(true);
        List<TimelineEntry> rows = !matches ? List.of() : records.timeline(id, new TimelineQuery(Set.of(source), Optional.of(at),
                        Optional.of(at.plus(1, ChronoUnit.MICROS)), TimelineQuery.MAX_LIMIT, Optional.empty()))
                .timeline().stream().filter(e -> e.id().equals(entry)).toList();
        model.addAttribute("customer", id);
        model.addAttribute("filters", filters);
        model.addAttribute("entries", rows);
        model.addAttribute("fresh", true);
        model.addAttribute("openDetails", open);
        return "timeline :: entry-rows";
    }

    @GetMapping("/timeline/entries/{entry}")
    String entryDetails(@PathVariable UUID entry, @RequestParam String customer, Model model, Authentication auth,
            HttpSession session) {
        UUID id = customers.require(customer);
        auditOnce(id, auth, session);
        Map<String, Object> found = records.entry(id, entry).orElseThrow(() -> new NotFoundException("entry", "No such entry"));
        model.addAttribute("details", EntryDetails.of((String) found.get("source"), (tools.jackson.databind.JsonNode) found.get("details")));
        return "timeline :: entry-details";
    }

    @GetMapping(path = "/timeline/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter events(Authentication auth) {
        return live.subscribe(auth.getName());
    }

    private void listModel(String list, String q, Model model) {
        String mode = LISTS.contains(list) ? list : "recent";
        List<Row> rows;
        if (q != null && q.strip().length() >= 2) {
            mode = "search";
            rows = lists.search(q.length() > 200 ? q.substring(0, 200) : q, 25).stream().map(p -> new Row(p, List.of())).toList();
        } else {
            rows = switch (mode) {
                case "top" -> lists.top(25).stream().map(p -> new Row(p, List.of())).toList();
                case "attention" -> lists.attention(25).stream()
                        .map(a -> new Row(a.profile(), a.reasons().stream().map(fmt::reason).toList()))
                        .toList();
                default -> lists.recent(25).stream().map(p -> new Row(p, List.of())).toList();
            };
        }
        model.addAttribute("list", mode);
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("rows", rows);
    }

    private void customerModel(UUID id, Filters filters, Model model, Authentication auth, HttpSession session) {
        profileModel(id, model);
        model.addAttribute("filters", filters);
        model.addAttribute("viewUrl", filters.url("/timeline", id.toString()));
        Person me = Person.of(auth);
        model.addAttribute("mayExport", me.mayExport(settings));
        model.addAttribute("csvUrl", filters.apiUrl("/api/timeline/export.csv", id.toString()));
        model.addAttribute("pdfUrl", filters.apiUrl("/api/timeline/export.pdf", id.toString()));
        CustomerRecords.Page page;
        try {
            page = records.timeline(id, filters.query(null, props.timezone()));
        } catch (InvalidInputException e) {
            // shown beside the filters as typed, with nothing under them: the whole timeline there would look filtered
            model.addAttribute("filterError", e.getMessage().replace("'dateFrom'", "“From”").replace("'dateTo'", "“To”"));
            page = new CustomerRecords.Page(id, List.of(), null, null);
        }
        pageModel(id, filters, page, model);
        reads.record(auth.getName(), id, "dashboard");
        audited(session).add(id);
    }

    /**
     * The parts of a customer's page (card, more entries, an entry's details) are read by the page
     * once it is open, and again on every live update: they are recorded when this session had not
     * opened that customer, so that reading them without the page leaves a trace too.
     */
    private void auditOnce(UUID id, Authentication auth, HttpSession session) {
        if (audited(session).add(id)) {
            reads.record(auth.getName(), id, "dashboard");
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<UUID> audited(HttpSession session) {
        synchronized (WebUtils.getSessionMutex(session)) {
            Object set = session.getAttribute(AUDITED);
            if (set == null) {
                set = ConcurrentHashMap.newKeySet();
                session.setAttribute(AUDITED, set);
            }
            return (Set<UUID>) set;
        }
    }

    private void profileModel(UUID id, Model model) {
        Profile p = customers.profile(id);
        model.addAttribute("customer", id);
        model.addAttribute("profile", p);
        model.addAttribute("identities", customers.identities(id));
        model.addAttribute("orders", records.orderHistory(id, 5));
        model.addAttribute("insights", insights.of(id));
        model.addAttribute("shares", fmt.shares(p.interactionsBySource()));
        model.addAttribute("openTasks", tasks.openFor(id));
        model.addAttribute("notes", notes.latest(id));
    }

    private void pageModel(UUID id, Filters filters, CustomerRecords.Page page, Model model) {
        model.addAttribute("customer", id);
        model.addAttribute("filters", filters);
        model.addAttribute("entries", page.timeline());
        model.addAttribute("nextUrl", page.nextCursor() == null ? null
                : org.springframework.web.util.UriComponentsBuilder.fromUriString(filters.url("/timeline/entries", id.toString()))
                        .queryParam("cursor", page.nextCursor()).build().toUriString());
    }

    private UUID live(UUID id) {
        return customers.find(id.toString()).orElseThrow(() -> new NotFoundException("customer", "No such customer"));
    }
}
