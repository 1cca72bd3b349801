package io.customertimeline.demo;

import io.customertimeline.ingest.EventType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates a shop's history: customers with personas (happy, regular, angry, VIP, business,
 * quiet), each writing, calling, chatting, posting and ordering over 18 months. Identifiers are
 * split across channels the way real ones are (calls know only the phone, social posts only the
 * handle), so identity resolution has duplicates to merge. Deterministic for a seed.
 */
public final class DemoShop {

    /** One event as the sync API would receive it. */
    public record Event(EventType type, ObjectNode data, Instant at, int person) {
    }

    private enum Persona { HAPPY, REGULAR, ANGRY, VIP, BUSINESS, QUIET }

    private record Product(String name, int price) {
    }

    private record Person(int n, String first, String last, String email, String altEmail, String phone, String handle,
            String platform, long shopId, String city, String province, String postcode, String company, Persona persona) {
        String name() {
            return first + " " + last;
        }
    }

    private static final String[] FIRST = {"Thandi", "Sipho", "Lerato", "Johan", "Aisha", "Pieter", "Nomvula", "Kagiso",
            "Zanele", "Ruan", "Priya", "Bongani", "Anele", "Charlene", "Mandla", "Naledi", "Francois", "Refilwe", "Tshepo",
            "Megan", "Themba", "Lindiwe", "Riaan", "Fatima", "Sello", "Karabo", "Ayanda", "Marius", "Nadia", "Sizwe",
            "Palesa", "Willem", "Kelebogile", "Yusuf", "Busisiwe", "Hendrik", "Nosipho", "Dineo", "Craig", "Precious"};
    private static final String[] LAST = {"Mokoena", "Ndlovu", "Dlamini", "van der Merwe", "Naidoo", "Botha", "Khumalo",
            "Mahlangu", "Nkosi", "Pretorius", "Pillay", "Zulu", "Mthembu", "Jacobs", "Sithole", "Molefe", "du Plessis",
            "Maseko", "Govender", "Coetzee", "Mabaso", "Fourie", "Petersen", "Cele", "Hendricks", "Ngcobo", "Venter",
            "Moodley", "Radebe", "Smit"};
    private static final String[][] CITIES = {{"Johannesburg", "Gauteng", "2196"}, {"Cape Town", "Western Cape", "8001"},
            {"Durban", "KwaZulu-Natal", "4001"}, {"Pretoria", "Gauteng", "0181"}, {"Gqeberha", "Eastern Cape", "6001"},
            {"Bloemfontein", "Free State", "9301"}, {"Stellenbosch", "Western Cape", "7600"}, {"Polokwane", "Limpopo", "0699"},
            {"East London", "Eastern Cape", "5201"}, {"Mbombela", "Mpumalanga", "1200"}, {"Sandton", "Gauteng", "2146"}};
    private static final String[] MOBILE = {"082", "083", "084", "072", "073", "076", "079", "060", "061", "071", "074", "081"};
    private static final String[] COMPANIES = {"Mokoena AV Installations", "Cape Sound Studios", "Durban Events Hire",
            "Highveld Church Trust", "Karoo Lodge (Pty) Ltd", "Ubuntu Conference Centre", "Soweto Beats Radio",
            "Stellenbosch Wine Estate"};
    private static final Product[] CATALOG = {new Product("JBL Flip 6", 2299), new Product("JBL Charge 5", 3499),
            new Product("Sonos Era 100", 5999), new Product("Sonos Arc", 19999), new Product("Denon AVR-X1800H", 13999),
            new Product("Yamaha NS-6490 speakers (pair)", 4299), new Product("Audio-Technica AT-LP60X", 3999),
            new Product("Sennheiser HD 560S", 4499), new Product("Bose QuietComfort Ultra", 8999),
            new Product("Marantz PM6007", 12499), new Product("QED speaker cable 10m", 899), new Product("Shure SM58", 2199),
            new Product("Behringer X32 Compact", 39999), new Product("Klipsch R-120SW subwoofer", 6999),
            new Product("Chromecast Audio adapter", 699), new Product("HDMI eARC cable 2m", 349)};
    private static final String[] PLATFORMS = {"instagram", "facebook", "twitter", "tiktok"};
    private static final String SUPPORT = "support@audico-demo.co.za";

    private final Random random;
    private final Instant now;
    private final Instant start;
    private final List<Event> events = new ArrayList<>();
    private int current;
    private final JsonMapper json = JsonMapper.builder().build();
    private long orderSeq = 700_000;
    private int keySeq;

    private DemoShop(Clock clock, long seed) {
        this.random = new Random(seed);
        this.now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        this.start = now.minus(Duration.ofDays(548));
    }

    /** Every event of a shop with {@code customers} people, oldest first. */
    public static List<Event> generate(Clock clock, int customers, long seed) {
        DemoShop shop = new DemoShop(clock, seed);
        for (int i = 0; i < customers; i++) {
            shop.customer(shop.person(i));
        }
        shop.events.sort(Comparator.comparing(Event::at));
        return shop.events;
    }

    private Person person(int n) {
        String first = pick(FIRST);
        String last = pick(LAST);
        String slug = (first + "." + last).toLowerCase(Locale.ROOT).replaceAll("[^a-z.]", "");
        String[] city = pick(CITIES);
        Persona persona = n % 25 == 0 ? Persona.VIP : n % 9 == 0 ? Persona.ANGRY : n % 13 == 0 ? Persona.BUSINESS
                : n % 7 == 0 ? Persona.QUIET : n % 3 == 0 ? Persona.HAPPY : Persona.REGULAR;
        String domain = persona == Persona.BUSINESS ? "business-demo.co.za" : pick(new String[] {"gmail.com", "outlook.com", "mweb.co.za", "icloud.com"});
        String phone = pick(MOBILE) + String.format(Locale.ROOT, "%07d", 1_000_000 + random.nextInt(8_999_999));
        return new Person(n, first, last, slug + n + "@" + domain, random.nextInt(5) == 0 ? slug + ".alt" + n + "@gmail.com" : null,
                phone, random.nextInt(3) == 0 ? null : slug.replace(".", "_") + n, pick(PLATFORMS), 50_000L + n, city[0], city[1], city[2],
                persona == Persona.BUSINESS ? COMPANIES[n % COMPANIES.length] : null, persona);
    }

    private void customer(Person p) {
        current = p.n();
        int journeys = switch (p.persona()) {
            case VIP -> 14 + random.nextInt(6);
            case BUSINESS -> 8 + random.nextInt(5);
            case QUIET -> 1 + random.nextInt(2);
            case ANGRY -> 4 + random.nextInt(3);
            default -> 3 + random.nextInt(5);
        };
        // quiet customers stopped coming a year ago (they show as Inactive)
        Instant last = p.persona() == Persona.QUIET ? now.minus(Duration.ofDays(300)) : now.minus(Duration.ofHours(2));
        for (int j = 0; j < journeys; j++) {
            Instant at = between(start, last);
            boolean sour = p.persona() == Persona.ANGRY ? random.nextInt(3) > 0 : random.nextInt(12) == 0;
            journey(p, at, sour, j == journeys - 1 && p.persona() == Persona.ANGRY);
        }
    }

    /** One buying story: a question, a quote, an order, a delivery call, a post; sour stories end in a complaint or refund. */
    private void journey(Person p, Instant at, boolean sour, boolean recent) {
        if (recent) {
            at = now.minus(Duration.ofHours(30 + random.nextInt(48)));
        }
        List<Product> basket = basket(p);
        Instant t = at;
        if (random.nextInt(3) > 0) {
            email(p, t, pick(new String[] {"Is the " + basket.get(0).name() + " in stock?", "Question about " + basket.get(0).name(),
                    "Delivery to " + p.city() + "?"}), "Hi,\n\nI'd like to know if the " + basket.get(0).name()
                    + " is available and how long delivery to " + p.city() + " takes.\n\nThanks,\n" + p.first(), "neutral", "inquiry");
            reply(p, t, "Re: your question", "Hi " + p.first() + ",\n\nYes, it is in stock and ships within 2 working days.\n\nKind regards,\nAudico support");
            t = t.plus(Duration.ofHours(3 + random.nextInt(30)));
        }
        if (!t.isBefore(now.minus(Duration.ofHours(2)))) {
            return; // the story has not got that far yet (nothing the shop knows happens in the future)
        }
        if (random.nextInt(2) == 0 || p.persona() == Persona.BUSINESS) {
            quote(p, t, basket, random.nextInt(4) == 0 ? "quote_sent" : "accepted");
            t = t.plus(Duration.ofHours(2 + random.nextInt(48)));
        }
        if (!t.isBefore(now)) {
            return;
        }
        long orderId = ++orderSeq;
        String status = sour && random.nextBoolean() ? "Refunded" : random.nextInt(20) == 0 ? "Canceled"
                : t.isAfter(now.minus(Duration.ofDays(3))) ? "Processing" : "Complete";
        order(p, orderId, t, basket, status);
        Instant after = t.plus(Duration.ofDays(1 + random.nextInt(4)));
        if (after.isAfter(now)) {
            return;
        }
        if (random.nextInt(3) == 0 || sour) {
            call(p, after, orderId, sour);
        }
        Instant later = after.plus(Duration.ofHours(5 + random.nextInt(60)));
        if (later.isAfter(now)) {
            return;
        }
        if (sour) {
            email(p, later, "Order #" + orderId + (status.equals("Refunded") ? " – where is my refund?" : " arrived damaged"),
                    "Hello,\n\nThis is not acceptable. Order #" + orderId + " " + (status.equals("Refunded")
                            ? "was cancelled two weeks ago and I still have not been refunded."
                            : "arrived with a cracked casing. I want a replacement or my money back.")
                            + "\n\n" + p.first(), "negative", "complaint");
            if (random.nextInt(3) > 0 && !recent) {
                reply(p, later, "Re: Order #" + orderId, "Dear " + p.first() + ",\n\nWe are very sorry. We have escalated this and will "
                        + "sort it out within 48 hours.\n\nAudico support");
            }
            if (p.handle() != null && random.nextBoolean()) {
                social(p, later.plus(Duration.ofHours(1)), "Terrible service from @audico_demo. Order #" + orderId
                        + " still not sorted. #neveragain", "negative", true);
            }
        } else if (p.handle() != null && random.nextInt(3) == 0) {
            social(p, later, pick(new String[] {"Loving my new " + basket.get(0).name() + " from @audico_demo! 🔊",
                    "Fast delivery to " + p.city() + ", thanks @audico_demo", "Sound is incredible. Highly recommend @audico_demo"}),
                    "positive", false);
        } else if (random.nextInt(4) == 0) {
            email(p, later, "Thank you!", "Hi team,\n\nJust wanted to say the " + basket.get(0).name()
                    + " is brilliant. Thanks for the great service!\n\n" + p.first(), "positive", "feedback");
            reply(p, later, "Re: Thank you!", "Thanks so much, " + p.first() + "! Enjoy.\n\nAudico");
        }
    }

    private List<Product> basket(Person p) {
        int n = p.persona() == Persona.VIP || p.persona() == Persona.BUSINESS ? 1 + random.nextInt(4) : 1 + random.nextInt(2);
        List<Product> basket = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Product pr = pick(CATALOG);
            if (p.persona() == Persona.VIP && i == 0) {
                pr = CATALOG[random.nextBoolean() ? 3 : 12];
            }
            basket.add(pr);
        }
        return basket;
    }

    private void order(Person p, long orderId, Instant at, List<Product> basket, String status) {
        ObjectNode d = json.createObjectNode();
        d.put("order_id", orderId);
        d.put("customer_id", p.shopId());
        d.put("customer_name", p.name());
        // some orders use the second address the person also mails from: the phone links the two
        d.put("customer_email", p.altEmail() != null && random.nextInt(3) == 0 ? p.altEmail() : p.email());
        d.put("customer_phone", random.nextBoolean() ? p.phone() : "+27" + p.phone().substring(1));
        d.put("order_status", status);
        ArrayNode items = d.putArray("items");
        BigDecimal total = BigDecimal.ZERO;
        for (Product pr : basket) {
            int qty = pr.price() < 1000 ? 1 + random.nextInt(3) : 1;
            ObjectNode i = items.addObject();
            i.put("name", pr.name());
            i.put("quantity", qty);
            i.put("price", pr.price());
            total = total.add(BigDecimal.valueOf((long) pr.price() * qty));
        }
        total = total.add(BigDecimal.valueOf(total.compareTo(BigDecimal.valueOf(1500)) >= 0 ? 0 : 120));
        d.put("order_total", total.setScale(2, RoundingMode.HALF_UP));
        d.put("currency", "ZAR");
        d.put("payment_method", pick(new String[] {"PayFast", "Credit Card", "Instant EFT (Ozow)", "EFT"}));
        d.put("shipping_method", pick(new String[] {"The Courier Guy", "Pargo pickup point", "Collect in store (Sandton)"}));
        ObjectNode a = d.putObject("shipping_address");
        a.put("name", p.name());
        a.put("address_1", (1 + random.nextInt(180)) + " " + pick(new String[] {"Main Road", "Jan Smuts Ave", "Long Street",
                "Florida Road", "Church Street", "Beach Road"}));
        a.put("city", p.city());
        a.put("province", p.province());
        a.put("postcode", p.postcode());
        a.put("country", "South Africa");
        d.put("order_date", at.toString());
        add(EventType.ORDER, d, at);
    }

    private void email(Person p, Instant at, String subject, String body, String sentiment, String category) {
        ObjectNode d = json.createObjectNode();
        d.put("email_id", "demo-msg-" + (++keySeq));
        d.put("from_email", p.altEmail() != null && random.nextInt(3) == 0 ? p.altEmail() : p.email());
        d.put("from_name", p.name());
        d.put("to_email", SUPPORT);
        d.put("subject", subject);
        d.put("body", body);
        d.put("category", category);
        d.put("status", "classified");
        d.put("sentiment", sentiment);
        d.put("created_at", at.toString());
        add(EventType.EMAIL, d, at);
    }

    /** Our answer, usually within hours (the response-time insight measures this). */
    private void reply(Person p, Instant question, String subject, String body) {
        Instant at = question.plus(Duration.ofMinutes(20 + random.nextInt(p.persona() == Persona.ANGRY ? 3000 : 600)));
        if (at.isAfter(now)) {
            return;
        }
        ObjectNode d = json.createObjectNode();
        d.put("email_id", "demo-msg-" + (++keySeq));
        d.put("direction", "outbound");
        d.put("from_email", SUPPORT);
        d.put("from_name", "Audico support");
        d.put("to_email", p.email());
        d.put("subject", subject);
        d.put("body", body);
        d.put("category", "reply");
        d.put("status", "sent");
        d.put("created_at", at.toString());
        add(EventType.EMAIL, d, at);
    }

    private void quote(Person p, Instant at, List<Product> basket, String status) {
        ObjectNode d = json.createObjectNode();
        d.put("session_id", "demo-qs-" + (++keySeq));
        d.put("customer_name", p.name());
        d.put("customer_email", p.email());
        d.put("customer_phone", p.phone());
        if (p.company() != null) {
            d.put("company_name", p.company());
        }
        d.put("status", status);
        ArrayNode items = d.putArray("quote_items");
        BigDecimal total = BigDecimal.ZERO;
        for (Product pr : basket) {
            ObjectNode i = items.addObject();
            int qty = p.persona() == Persona.BUSINESS ? 2 + random.nextInt(8) : 1;
            i.put("name", pr.name());
            i.put("quantity", qty);
            i.put("price", pr.price());
            total = total.add(BigDecimal.valueOf((long) pr.price() * qty));
        }
        d.put("total_amount", total.setScale(2, RoundingMode.HALF_UP));
        d.put("currency", "ZAR");
        d.put("sentiment", "neutral");
        d.put("created_at", at.toString());
        d.put("last_activity_at", at.plus(Duration.ofMinutes(15 + random.nextInt(90))).toString());
        add(EventType.QUOTE, d, at);
    }

    private void call(Person p, Instant at, long orderId, boolean sour) {
        ObjectNode d = json.createObjectNode();
        d.put("call_id", "demo-call-" + (++keySeq));
        boolean inbound = sour || random.nextBoolean();
        d.put("direction", inbound ? "inbound" : "outbound");
        // a call knows only the number, written as the phone system writes it
        d.put("customer_phone", "+27 " + p.phone().substring(1, 3) + " " + p.phone().substring(3, 6) + " " + p.phone().substring(6));
        boolean answered = inbound || random.nextInt(4) > 0;
        int seconds = 60 + random.nextInt(420);
        d.put("started_at", at.toString());
        d.put("ended_at", at.plusSeconds(answered ? seconds : 25).toString());
        d.put("status", answered ? "completed" : "no_answer");
        if (answered) {
            ArrayNode turns = d.putArray("turns");
            if (sour) {
                turn(turns, "agent", "Good day, Audico, you're speaking to Lebo. How can I help?");
                turn(turns, "customer", "I'm calling about order " + orderId + ". It's been a week and nobody has helped me. I'm really frustrated.");
                turn(turns, "agent", "I'm sorry about that. Let me check the order for you right now.");
                turn(turns, "customer", "Please, I've emailed twice already.");
                turn(turns, "agent", "I've escalated it to our returns team; you'll hear from us within 48 hours.");
                d.put("summary", "Customer upset about order " + orderId + "; escalated to returns.");
                d.put("sentiment", "negative");
            } else {
                turn(turns, "agent", "Hi " + p.first() + ", it's Audico calling about your order " + orderId + ".");
                turn(turns, "customer", "Oh great, thanks for calling!");
                turn(turns, "agent", "Your parcel is with the courier and should arrive tomorrow in " + p.city() + ".");
                turn(turns, "customer", "Perfect, thank you so much.");
                d.put("summary", "Delivery update for order " + orderId + "; customer happy.");
                d.put("sentiment", "positive");
            }
            d.put("recording_url", "https://recordings.audico-demo.co.za/calls/" + d.get("call_id").asString() + ".mp3");
        }
        add(EventType.CALL, d, at);
    }

    private void turn(ArrayNode turns, String speaker, String text) {
        ObjectNode t = turns.addObject();
        t.put("speaker", speaker);
        t.put("text", text);
    }

    private void social(Person p, Instant at, String content, String sentiment, boolean needsResponse) {
        if (at.isAfter(now)) {
            return;
        }
        ObjectNode d = json.createObjectNode();
        String key = "demo" + (++keySeq);
        d.put("platform", p.platform());
        d.put("interaction_type", needsResponse ? "mention" : pick(new String[] {"mention", "comment", "review"}));
        d.put("customer_name", p.name());
        d.put("customer_handle", "@" + p.handle());
        // most posts come from an account that also gave us its email (the rest stay handle-only profiles until linked)
        if (random.nextInt(4) > 0) {
            d.put("customer_email", p.email());
        }
        d.put("content", content);
        d.put("sentiment", sentiment);
        d.put("post_id", key);
        d.put("post_url", "https://www." + p.platform() + ".com/audico_demo/posts/" + key);
        d.put("requires_response", needsResponse);
        d.put("interaction_date", at.toString());
        add(EventType.SOCIAL, d, at);
    }

    private void add(EventType type, ObjectNode data, Instant at) {
        if (!at.isAfter(now)) {
            events.add(new Event(type, data, at, current));
        }
    }

    private Instant between(Instant from, Instant to) {
        long span = Math.max(1, Duration.between(from, to).toMinutes());
        return from.plus(Duration.ofMinutes((long) (random.nextDouble() * span)));
    }

    private <T> T pick(T[] options) {
        return options[random.nextInt(options.length)];
    }

    static Map<EventType, Long> countBySource(List<Event> events) {
        return events.stream().collect(java.util.stream.Collectors.groupingBy(Event::type, java.util.stream.Collectors.counting()));
    }
}
