package io.customertimeline.insights;

import io.customertimeline.system.TimelineProperties;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Per-customer insights computed from {@code customer_interactions}: interaction frequency,
 * response time (an inbound email or social post to our next outbound contact) and sentiment
 * over time. Channel preference is the profile's per-source counts.
 */
@Component
public class Insights {

    /** Messages that expect an answer from us. */
    private static final List<String> ANSWERABLE = List.of("email", "social");
    /** Response time is how we answer now: the latest messages, not a customer's whole history (which grows without bound). */
    static final int RESPONSE_TIME_OVER = 200;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ZoneId zone;

    Insights(JdbcClient jdbc, Clock clock, TimelineProperties props) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.zone = props.timezone();
    }

    /** One bar or point: a period (its first day) and a value. */
    public record Bucket(LocalDate period, long count) {
    }

    public record SentimentPoint(LocalDate period, BigDecimal average, long scored) {
    }

    /**
     * Mean and median of inbound-to-next-outbound delays over the latest {@value #RESPONSE_TIME_OVER}
     * messages that expected an answer; {@code unanswered} of them have no later contact.
     */
    public record ResponseTime(Duration average, Duration median, long answered, long unanswered) {
        public boolean known() {
            return answered > 0;
        }
    }

    public record Report(List<Bucket> weekly, List<Bucket> monthly, ResponseTime responseTime,
            List<SentimentPoint> sentimentByMonth, List<BigDecimal> recentScores) {
    }

    public Report of(UUID customer) {
        return new Report(frequency(customer, "week", 26), frequency(customer, "month", 18), responseTime(customer),
                sentimentByMonth(customer, 18), recentScores(customer, 20));
    }

    /** Interactions per week or month for the last {@code periods} periods, empty periods included, oldest first. */
    public List<Bucket> frequency(UUID customer, String unit, int periods) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate first = unit.equals("week")
                ? today.with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY)).minusWeeks(periods - 1L)
                : today.withDayOfMonth(1).minusMonths(periods - 1L);
        Map<LocalDate, Long> counts = new LinkedHashMap<>();
        for (LocalDate d = first; !d.isAfter(today); d = unit.equals("week") ? d.plusWeeks(1) : d.plusMonths(1)) {
            counts.put(d, 0L);
        }
        jdbc.sql("""
                SELECT date_trunc(:unit, occurred_at AT TIME ZONE :zone)::date AS period, count(*) AS n
                FROM customer_interactions
                WHERE customer_id = :c AND occurred_at >= :since
                GROUP BY 1
                """)
                .param("unit", unit).param("zone", zone.getId()).param("c", customer)
                .param("since", start(first))
                .query((rs, n) -> {
                    counts.replace(rs.getObject("period", LocalDate.class), rs.getLong("n"));
                    return null;
                })
                .list();
        List<Bucket> out = new ArrayList<>();
        counts.forEach((d, n) -> out.add(new Bucket(d, n)));
        return out;
    }

    public ResponseTime responseTime(UUID customer) {
        return jdbc.sql("""
                SELECT avg(extract(epoch FROM r.next_at - i.occurred_at)) AS mean,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.next_at - i.occurred_at)) AS median,
                       count(r.next_at) AS answered,
                       count(*) - count(r.next_at) AS unanswered
                FROM (SELECT customer_id, occurred_at FROM customer_interactions
                      WHERE customer_id = :c AND direction = 'inbound' AND source IN (:answerable)
                      ORDER BY occurred_at DESC LIMIT :recent) i
                LEFT JOIN LATERAL (
                    SELECT o.occurred_at AS next_at FROM customer_interactions o
                    WHERE o.customer_id = i.customer_id AND o.direction = 'outbound' AND o.occurred_at > i.occurred_at
                    ORDER BY o.occurred_at LIMIT 1) r ON true
                """)
                .param("c", customer).param("answerable", ANSWERABLE).param("recent", RESPONSE_TIME_OVER)
                .query((rs, n) -> new ResponseTime(seconds(rs.getBigDecimal("mean")), seconds(rs.getBigDecimal("median")),
                        rs.getLong("answered"), rs.getLong("unanswered")))
                .single();
    }

    public List<SentimentPoint> sentimentByMonth(UUID customer, int months) {
        LocalDate first = LocalDate.now(clock.withZone(zone)).withDayOfMonth(1).minusMonths(months - 1L);
        return jdbc.sql("""
                SELECT date_trunc('month', occurred_at AT TIME ZONE :zone)::date AS period,
                       round(avg(sentiment_score), 3) AS average, count(*) AS scored
                FROM customer_interactions
                WHERE customer_id = :c AND sentiment_score IS NOT NULL AND occurred_at >= :since
                GROUP BY 1 ORDER BY 1
                """)
                .param("zone", zone.getId()).param("c", customer).param("since", start(first))
                .query(SentimentPoint.class).list();
    }

    /** The latest scored interactions' scores, oldest first (for a sparkline). */
    public List<BigDecimal> recentScores(UUID customer, int limit) {
        List<BigDecimal> newestFirst = jdbc.sql("""
                SELECT sentiment_score FROM customer_interactions
                WHERE customer_id = :c AND sentiment_score IS NOT NULL
                ORDER BY occurred_at DESC, id DESC LIMIT :limit
                """).param("c", customer).param("limit", limit).query(BigDecimal.class).list();
        List<BigDecimal> out = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(out);
        return out;
    }

    private OffsetDateTime start(LocalDate day) {
        ZonedDateTime z = day.atStartOfDay(zone);
        return z.toOffsetDateTime();
    }

    private static Duration seconds(BigDecimal s) {
        return s == null ? null : Duration.of(s.longValue(), ChronoUnit.SECONDS);
    }
}
