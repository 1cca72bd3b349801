package io.customertimeline.bench;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A South African audio retailer's customers and their touchpoints, as the five channels would
 * send them to {@code POST /api/sync}. Everything is a pure function of a seed and an index, so
 * the generator and the load tool agree without sharing state.
 */
final class Shop {

    static final String HEAVY_EMAIL = "bench.heavy@example.co.za";
    static final String LIGHT_EMAIL = "bench.light@example.co.za";
    static final Set<String> VALUED = Set.of("Complete", "Completed", "Processing", "Processed", "Shipped", "Delivered",
            "Paid", "Fulfilled", "Canceled Reversal");

    private static final String[] FIRST = {"Thabo", "Naledi", "Sipho", "Lerato", "Johan", "Annelie", "Pieter", "Zanele",
            "Ayesha", "Mohammed", "Priya", "Rajesh", "Emma", "Liam", "Olivia", "Noah", "Bongani", "Nomvula", "Kagiso",
            "Palesesa", "Francois", "Marike", "David", "Sarah", "Themba", "Ntombi", "Ruan", "Chantelle", "Yusuf", "Fatima",
            "Michael", "Jessica", "Sibusiso", "Refilwe", "Kyle", "Megan", "Tshepo", "Dineo", "Andre", "Lindiwe"};
    private static final String[] LAST = {"Nkosi", "Dlamini", "Naidoo", "van der Merwe", "Botha", "Mokoena", "Khumalo",
            "Pillay", "Smith", "Jacobs", "Ndlovu", "Pretorius", "Mahlangu", "Govender", "Venter", "Sithole", "Williams",
            "Mthembu", "Fourie", "Adams", "Nel", "Petersen", "Zulu", "Coetzee", "Moodley", "Baloyi", "Kruger", "Shabalala",
            "du Plessis", "Hendricks", "Mabaso", "Steyn", "Cele", "Maseko", "Erasmus", "Radebe", "Joubert", "Moloi"};
    private static final String[] DOMAINS = {"gmail.com", "gmail.com", "gmail.com", "outlook.com", "yahoo.com",
            "mweb.co.za", "webmail.co.za", "icloud.com", "telkomsa.net", "vodamail.co.za"};
    private static final String[] COMPANIES = {"Soundwave Studios", "Karoo Events", "Cape Conference Centre",
            "Umhlanga Lodge", "Jozi Church of Grace", "Highveld Gym", "Durban Sound Hire", "Stellenbosch Winery",
            "Pretoria Primary School", "Blue Crane Hotel", "Ubuntu Radio", "Table Bay Bar"};
    private static final String[] PRODUCTS = {"JBL Flip 6", "Sonos One", "Yamaha RX-V6A receiver", "Bose QuietComfort 45",
            "Denon AVR-X2800H", "Polk Signature S55", "Sony WH-1000XM5", "Audio-Technica AT-LP120X", "Klipsch R-51M",
            "Marshall Stanmore III", "Shure SM58", "Behringer X32 mixer", "QSC K12.2 PA speaker", "Sennheiser EW 100 G4"};
    private static final long[] PRICES = {2_499_00, 4_999_00, 12_999_00, 6_499_00, 17_999_00, 9_999_00, 7_999_00,
            6_999_00, 5_999_00, 8_999_00, 1_999_00, 49_999_00, 21_999_00, 13_999_00};
    private static final String[] CITIES = {"Johannesburg", "Cape Town", "Durban", "Pretoria", "Gqeberha",
            "Bloemfontein", "Polokwane", "Nelspruit", "Stellenbosch", "East London"};
    private static final String[] PLATFORMS = {"instagram", "facebook", "twitter", "tiktok"};
    private static final String[] MOBILE_PREFIXES = {"72", "73", "74", "76", "79", "82", "83", "84"};

    static final String[] POSITIVE = {
            "Thanks so much, the %s sounds amazing and delivery to %s was quick. Great service!",
            "Love my new %s, best purchase this year. Your team in %s was really helpful.",
            "Excellent advice on the %s, I am very happy and will recommend you to friends in %s.",
            "The %s arrived early and works perfectly. Thank you for the fantastic support!"};
    static final String[] NEUTRAL = {
            "Hi, can you tell me if the %s is in stock and how long delivery to %s takes?",
            "Please send me a quote for two %s units, delivered to %s.",
            "What is the warranty on the %s? I am comparing options for a venue in %s.",
            "Could you confirm the order status for my %s? Delivery address is in %s."};
    static final String[] NEGATIVE = {
            "I am very disappointed, my %s arrived damaged and nobody in %s has replied. Terrible.",
            "The %s stopped working after a week. This is unacceptable, I want a refund now.",
            "Still waiting for my %s, delivery to %s is two weeks late and support ignores my emails. Angry.",
            "Worst experience ever, the %s was the wrong model and the courier in %s lost my parcel."};

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Shop() {
    }

    static String iso(long micros) {
        return ISO.format(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L));
    }

    static String money(long cents) {
        return (cents / 100) + "." + String.format(Locale.ROOT, "%02d", Math.abs(cents % 100));
    }

    static String pick(SplittableRandom r, String[] from) {
        return from[r.nextInt(from.length)];
    }

    /** A customer: who they are and how a shop knows them. */
    record Person(int index, String name, String email, String altEmail, String phone, String platform, String handle,
            String company, long opencartId) {
    }

    static Person person(long seed, int i) {
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
        String first = pick(r, FIRST);
        String last = pick(r, LAST);
        String slug = (first + "." + last).toLowerCase(Locale.ROOT).replace(' ', '-');
        String email = i == 0 ? HEAVY_EMAIL : i == 1 ? LIGHT_EMAIL : slug + "." + i + "@" + pick(r, DOMAINS);
        String alt = r.nextDouble() < 0.08 ? first.toLowerCase(Locale.ROOT) + "." + i + "@work-" + (i % 97) + ".co.za" : null;
        String phone = i < 2 || r.nextDouble() < 0.75
                ? "+27" + MOBILE_PREFIXES[r.nextInt(MOBILE_PREFIXES.length)] + (1_000_000 + i % 9_000_000) : null;
        String platform = r.nextDouble() < 0.35 ? pick(r, PLATFORMS) : null;
        String handle = platform == null ? null : slug.replace('.', '_').replace('-', '_') + i;
        String company = r.nextDouble() < 0.2 ? pick(r, COMPANIES) : null;
        return new Person(i, first + " " + last, email, alt, phone, platform, handle, company, 500_000L + i);
    }

    /** Customer-written text of a given mood: -1 negative, 0 neutral, 1 positive. */
    static String text(SplittableRandom r, int mood, String product) {
        String[] pool = mood > 0 ? POSITIVE : mood < 0 ? NEGATIVE : NEUTRAL;
        return String.format(Locale.ROOT, pick(r, pool), product, pick(r, CITIES));
    }

    static int mood(SplittableRandom r) {
        double x = r.nextDouble();
        return x < 0.55 ? 0 : x < 0.85 ? 1 : -1;
    }

    static String label(int mood) {
        return mood > 0 ? "positive" : mood < 0 ? "negative" : "neutral";
    }

    // ---- the five channels, as their sync payloads ----

    record Order(long orderId, Person p, String status, long totalCents, String payment, String shipping, String items,
            int itemCount, String city, long micros) {

        String json(String withStatus) {
            return Json.obj().put("order_id", orderId).put("customer_id", p.opencartId()).put("customer_name", p.name())
                    .put("customer_email", p.email()).put("customer_phone", p.phone()).put("order_status", withStatus)
                    .number("order_total", money(totalCents)).put("currency", "ZAR").put("payment_method", payment)
                    .put("shipping_method", shipping).raw("items", items)
                    .raw("shipping_address", Json.obj().put("city", city).put("country", "ZA").toString())
                    .put("order_date", iso(micros)).toString();
        }

        boolean valued() {
            return VALUED.contains(status);
        }

        String summary() {
            return String.join(" · ", itemCount + (itemCount == 1 ? " item" : " items"),
                    "ZAR " + String.format(Locale.ROOT, "%,.2f", totalCents / 100.0), payment, shipping);
        }
    }

    static Order order(SplittableRandom r, Person p, long orderId, long micros) {
        int n = 1 + (r.nextDouble() < 0.7 ? 0 : r.nextInt(3));
        StringBuilder items = new StringBuilder("[");
        long total = 0;
        for (int k = 0; k < n; k++) {
            int prod = r.nextInt(PRODUCTS.length);
            int qty = r.nextDouble() < 0.85 ? 1 : 2 + r.nextInt(3);
            total += PRICES[prod] * qty;
            items.append(k == 0 ? "" : ",").append(Json.obj().put("name", PRODUCTS[prod]).put("quantity", qty)
                    .number("price", money(PRICES[prod])));
        }
        items.append(']');
        double s = r.nextDouble();
        String status = s < 0.58 ? "Complete" : s < 0.68 ? "Shipped" : s < 0.76 ? "Processing" : s < 0.82 ? "Delivered"
                : s < 0.89 ? "Pending" : s < 0.95 ? "Canceled" : "Refunded";
        return new Order(orderId, p, status, total, r.nextDouble() < 0.6 ? "Credit Card" : r.nextDouble() < 0.5 ? "EFT" : "PayFast",
                r.nextDouble() < 0.8 ? "Courier" : "Store Collection", items.toString(), n, pick(r, CITIES), micros);
    }

    record Email(String emailId, Person p, boolean inbound, String customerEmail, String subject, String body,
            String category, String status, String sentiment, String threadId, long micros) {

        String json() {
            Json j = Json.obj().put("email_id", emailId).put("direction", inbound ? "inbound" : "outbound");
            if (inbound) {
                j.put("from_email", customerEmail).put("from_name", p.name()).put("to_email", "sales@audico.co.za");
            } else {
                j.put("from_email", "sales@audico.co.za").put("from_name", "Audico Sales").put("to_email", customerEmail);
            }
            j.put("subject", subject).put("body", body).put("category", category).put("status", status);
            if (sentiment != null) {
                j.put("sentiment", sentiment);
            }
            return j.put("thread_id", threadId).put("created_at", iso(micros)).toString();
        }
    }

    static Email email(SplittableRandom r, Person p, String emailId, long micros) {
        boolean inbound = r.nextDouble() < 0.7;
        String product = pick(r, PRODUCTS);
        int mood = mood(r);
        String subject = switch (r.nextInt(5)) {
            case 0 -> "Question about the " + product;
            case 1 -> "Delivery of my order";
            case 2 -> "Quote request: " + product;
            case 3 -> mood < 0 ? "Complaint: " + product : "Re: " + product + " availability";
            default -> "Thank you";
        };
        String body = inbound ? text(r, mood, product)
                : "Hi " + p.name().split(" ")[0] + ", thanks for your message about the " + product
                        + ". We have checked with the warehouse and will update you shortly. Kind regards, Audico Sales";
        String used = p.altEmail() != null && r.nextDouble() < 0.3 ? p.altEmail() : p.email();
        String category = mood < 0 ? "complaint" : r.nextBoolean() ? "inquiry" : "support";
        return new Email(emailId, p, inbound, used, subject, body, category, inbound ? "classified" : "sent",
                inbound ? label(mood) : null, "thread-" + p.index() + "-" + r.nextInt(6), micros);
    }

    record Social(String postUrl, Person p, String platform, String type, String content, String sentiment,
            boolean requiresResponse, long micros) {

        String key() {
            return "url:" + postUrl;
        }

        String json() {
            Json j = Json.obj().put("platform", platform).put("interaction_type", type).put("customer_name", p.name());
            if (p.handle() == null || p.platform() == null || !p.platform().equals(platform)) {
                j.put("customer_email", p.email());
            }
            if (p.handle() != null && p.platform().equals(platform)) {
                j.put("customer_handle", "@" + p.handle());
            }
            return j.put("content", content).put("sentiment", sentiment).put("post_url", postUrl)
                    .put("requires_response", requiresResponse).put("interaction_date", iso(micros))
                    .raw("metadata", "{}").toString();
        }

        String handleShown() {
            return p.handle() != null && p.platform().equals(platform) ? "@" + p.handle() : p.name();
        }
    }

    static Social social(SplittableRandom r, Person p, String postId, long micros) {
        String platform = p.platform() != null ? p.platform() : pick(r, PLATFORMS);
        int mood = mood(r);
        String type = r.nextDouble() < 0.5 ? "mention" : r.nextBoolean() ? "comment" : "dm";
        return new Social("https://" + platform + ".com/p/" + postId, p, platform, type, text(r, mood, pick(r, PRODUCTS)),
                label(mood), mood < 0 || r.nextDouble() < 0.08, micros);
    }

    record Quote(String sessionId, Person p, String status, long totalCents, int items, long micros) {

        String json() {
            StringBuilder q = new StringBuilder("[");
            for (int k = 0; k < items; k++) {
                q.append(k == 0 ? "" : ",").append(Json.obj().put("name", PRODUCTS[k % PRODUCTS.length]).put("quantity", 1));
            }
            return Json.obj().put("session_id", sessionId).put("customer_name", p.name()).put("customer_email", p.email())
                    .put("customer_phone", p.phone()).put("company_name", p.company()).put("status", status)
                    .number("total_amount", money(totalCents)).put("currency", "ZAR").raw("quote_items", q.append(']').toString())
                    .put("created_at", iso(micros)).put("last_activity_at", iso(micros + 1_800_000_000L)).raw("metadata", "{}")
                    .toString();
        }

        String summary() {
            return String.join(" · ", items + (items == 1 ? " item" : " items"),
                    "ZAR " + String.format(Locale.ROOT, "%,.2f", totalCents / 100.0))
                    + (p.company() == null ? "" : " · " + p.company());
        }
    }

    static Quote quote(SplittableRandom r, Person p, String sessionId, long micros) {
        double s = r.nextDouble();
        String status = s < 0.3 ? "active" : s < 0.65 ? "quote_sent" : s < 0.85 ? "accepted" : "expired";
        int items = 1 + r.nextInt(4);
        return new Quote(sessionId, p, status, PRICES[r.nextInt(PRICES.length)] * items, items, micros);
    }

    record Call(String callId, Person p, boolean inbound, String status, int seconds, String summary, String transcript,
            String sentiment, long micros) {

        boolean conversation() {
            return status.equals("completed");
        }

        String json() {
            Json j = Json.obj().put("call_id", callId).put("direction", inbound ? "inbound" : "outbound")
                    .put("customer_name", p.name());
            if (p.phone() != null) {
                j.put("customer_phone", p.phone());
            }
            j.put("customer_email", p.email());
            j.put("started_at", iso(micros)).put("ended_at", iso(micros + seconds * 1_000_000L)).put("status", status);
            if (conversation()) {
                j.put("summary", summary).put("transcript", transcript);
                if (sentiment != null) {
                    j.put("sentiment", sentiment);
                }
            }
            return j.toString();
        }

        String title() {
            if (conversation()) {
                String d = seconds >= 60 ? seconds / 60 + "m " + seconds % 60 + "s" : seconds + "s";
                return (inbound ? "Inbound call" : "Outbound call") + " · " + d;
            }
            return (inbound ? "Missed inbound call" : "Outbound call not answered") + " (" + status.replace('_', ' ') + ")";
        }
    }

    static Call call(SplittableRandom r, Person p, String callId, long micros) {
        boolean inbound = r.nextDouble() < 0.75;
        double s = r.nextDouble();
        String status = s < 0.82 ? "completed" : s < 0.9 ? "no_answer" : s < 0.96 ? "voicemail" : "busy";
        int mood = mood(r);
        String product = pick(r, PRODUCTS);
        String said = text(r, mood, product);
        return new Call(callId, p, inbound, status, status.equals("completed") ? 30 + r.nextInt(900) : r.nextInt(30),
                (inbound ? "Customer called about the " : "We called about the ") + product,
                "Agent: Good day, Audico, how can I help?\nCustomer: " + said + "\nAgent: Let me check that for you.",
                r.nextDouble() < 0.6 ? label(mood) : null, micros);
    }

    /** The score the service stores for a sender's label when no scorer runs: the label's midpoint. */
    static int scoreMilli(String label) {
        return label == null ? Integer.MIN_VALUE : switch (label) {
            case "positive" -> 500;
            case "negative" -> -500;
            default -> 0;
        };
    }
}
