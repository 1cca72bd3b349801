package io.customertimeline.dashboard;

import io.customertimeline.system.TimelineProperties;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** How the dashboard writes money, times, durations, sources and sentiment; used from templates as {@code fmt}. */
@Component
public class Formats {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);
    private final ZoneId zone;

    Formats(TimelineProperties props) {
        this.zone = props.timezone();
    }

    public String money(BigDecimal amount, String currency) {
        return moneyOf(amount, currency);
    }

    private static String moneyOf(BigDecimal amount, String currency) {
        if (amount == null) {
            return "–";
        }
        String symbol = currency == null || currency.isBlank() || currency.equals("ZAR") ? "R" : currency.strip() + " ";
        return symbol + String.format(Locale.ROOT, "%,.2f", amount);
    }

    /** An amount that came as text from a source record ("39999", "59998.0") written as {@link #money}; other text as it came. */
    static String moneyText(String raw, String currency) {
        try {
            BigDecimal n = new BigDecimal(raw.strip());
            // written out in full, "1e999999999" would be a billion digits: no amount has more than 18
            return n.precision() - n.scale() > 18 || Math.abs(n.scale()) > 10 ? raw : moneyOf(n, currency);
        } catch (NumberFormatException notANumber) {
            return raw;
        }
    }

    public String dateTime(OffsetDateTime at) {
        return at == null ? "–" : at.atZoneSameInstant(zone).format(DATE_TIME);
    }

    public String isoDateTime(OffsetDateTime at) {
        return at == null ? "" : at.toInstant().toString();
    }

    public String day(LocalDate d) {
        return d == null ? "" : d.format(DAY);
    }

    public String month(LocalDate d) {
        return d == null ? "" : d.format(MONTH);
    }

    public String duration(Duration d) {
        if (d == null) {
            return "–";
        }
        long minutes = d.toMinutes();
        if (minutes < 60) {
            return Math.max(minutes, 1) + " min";
        }
        long hours = d.toHours();
        if (hours < 48) {
            return hours + " h " + (minutes % 60) + " min";
        }
        return d.toDays() + " d " + (hours % 24) + " h";
    }

    public String sourceLabel(String source) {
        return switch (source == null ? "" : source) {
            case "call" -> "Call";
            case "email" -> "Email";
            case "chat" -> "Chat";
            case "social" -> "Social";
            case "order" -> "Order";
            default -> "Other";
        };
    }

    /** A symbol that says the sentiment without colour. */
    public String sentimentSymbol(String sentiment) {
        return switch (sentiment == null ? "" : sentiment) {
            case "positive" -> "▲";
            case "negative" -> "▼";
            case "neutral" -> "●";
            default -> "";
        };
    }

    public String score(BigDecimal score) {
        return score == null ? "–" : String.format(Locale.ROOT, "%+.2f", score);
    }

    public String sentimentOfScore(BigDecimal score) {
        if (score == null) {
            return "none";
        }
        double s = score.doubleValue();
        return s >= 0.05 ? "positive" : s <= -0.05 ? "negative" : "neutral";
    }

    /** A "Needs attention" reason as staff read it: what, how many more, and since when (the score's own arrow is beside it). */
    public String reason(io.customertimeline.timeline.CustomerLists.Reason r) {
        String what = switch (r.code()) {
            case "negative_latest" -> "Last message was negative";
            case "sentiment_declining" -> "Mood getting worse lately";
            default -> r.detail();
        };
        String more = r.count() > 1 ? " (+" + (r.count() - 1) + " more)" : "";
        return what + more + (r.since() == null ? "" : " · since " + dateTime(r.since()));
    }

    /** Who began a touchpoint, in words; none for orders and quote chats, which only ever come from the customer. */
    public String directionLabel(String source, String direction) {
        if (direction == null || "order".equals(source) || "chat".equals(source)) {
            return null;
        }
        return switch (direction) {
            case "inbound" -> "From customer";
            case "outbound" -> "To customer";
            default -> direction;
        };
    }

    /**
     * A record's status as staff say it ({@code no_answer} → "No answer", {@code quote_sent} →
     * "Quote sent"); none for the mail pipeline's own bookkeeping states, which say nothing to staff.
     */
    public String statusLabel(String status) {
        if (status == null || status.isBlank() || Set.of("classified", "unread", "read", "processed", "new").contains(status.toLowerCase(Locale.ROOT))) {
            return null;
        }
        String words = status.strip().replace('_', ' ').replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** Beside a name in a list, what tells two people of that name apart: company, then email or phone. */
    public String who(io.customertimeline.customers.Profile p) {
        String contact = p.email() != null ? p.email() : p.phone();
        return p.company() == null || p.company().isBlank() ? (contact == null ? "" : contact)
                : contact == null ? p.company() : p.company() + " · " + contact;
    }

    public String trendSymbol(String trend) {
        return switch (trend == null ? "" : trend) {
            case "improving" -> "↗";
            case "declining" -> "↘";
            default -> "→";
        };
    }

    /** Points of an SVG polyline in a 100×24 box for scores in [-1, 1]. */
    public String sparkline(List<BigDecimal> scores) {
        if (scores == null || scores.size() < 2) {
            return "";
        }
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < scores.size(); i++) {
            double x = 100.0 * i / (scores.size() - 1);
            double y = 12 - scores.get(i).doubleValue() * 11;
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return points.toString().strip();
    }

    public record Share(String source, String label, int count, int percent) {
    }

    /** Each source's share of the interactions, largest first. */
    public List<Share> shares(Map<String, Integer> bySource) {
        int total = bySource.values().stream().mapToInt(Integer::intValue).sum();
        List<Share> out = new ArrayList<>();
        bySource.forEach((s, n) -> out.add(new Share(s, sourceLabel(s), n, total == 0 ? 0 : Math.round(100f * n / total))));
        out.sort((a, b) -> Integer.compare(b.count(), a.count()));
        return out;
    }

    /** {@code url} if it is an http(s) address, else null: content links never run script. */
    public static String safeUrl(String url) {
        if (url == null) {
            return null;
        }
        String u = url.strip();
        String lower = u.toLowerCase(Locale.ROOT);
        return (lower.startsWith("https://") || lower.startsWith("http://")) && !u.contains(" ") ? u : null;
    }
}
