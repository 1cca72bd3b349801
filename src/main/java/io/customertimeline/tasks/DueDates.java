package io.customertimeline.tasks;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a due date in what was said ("tomorrow", "by Friday", "next week", "in 2 days", "end of
 * day", "15 March") relative to when it was said, in the shop's time zone. A day-only date is due
 * at the end of the working day (17:00 by default). When several phrases occur, the first wins.
 *
 * <ul>
 *   <li>today, later today, tonight, end of day, close of business, EOD/COB, ASAP: today</li>
 *   <li>a weekday ("on Monday", "by Friday"): its next occurrence after today; "next Friday": the
 *       Friday of next week</li>
 *   <li>this week, end of the week: this Friday; next week: Friday of next week</li>
 *   <li>in/within N hours, days, business days, weeks</li>
 * </ul>
 * The default is a number of business days (Monday to Friday) after the day of the event.
 */
public final class DueDates {

    /** A resolved due date and the words it came from. */
    public record Due(Instant at, String phrase) {
    }

    private static final String NUMBER =
            "(\\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a couple of|a few)";
    private static final String WEEKDAY = "(monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
    private static final String MONTH = "(january|february|march|april|may|june|july|august|september|october"
            + "|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)";

    private final ZoneId zone;
    private final LocalTime dayEnd;
    private final int defaultBusinessDays;
    private final List<Rule> rules = new ArrayList<>();

    /** A phrase's pattern, searched only in texts that hold one of its {@link Cues}, and the date it means. */
    record Rule(Cues cues, Pattern pattern, BiFunction<Matcher, ZonedDateTime, ZonedDateTime> resolve) {
    }

    private static final Cues MONTHS = Cues.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

    /** The shop's time zone, in which dates are said and days end. */
    ZoneId zone() {
        return zone;
    }

    public DueDates(ZoneId zone, LocalTime dayEnd, int defaultBusinessDays) {
        this.zone = zone;
        this.dayEnd = dayEnd;
        this.defaultBusinessDays = defaultBusinessDays;
        rule(Cues.of("tomorrow"), "\\b(?:the )?day after tomorrow\\b", (m, now) -> endOf(now.toLocalDate().plusDays(2), now));
        rule(Cues.of("tomorrow"), "\\btomorrow(?: (morning|afternoon|evening|night))?\\b", (m, now) -> "morning".equals(m.group(1))
                ? atTime(now.toLocalDate().plusDays(1), LocalTime.NOON, now)
                : endOf(now.toLocalDate().plusDays(1), now));
        rule(Cues.of("day", "business", "eod", "cob", "tonight", "afternoon", "evening", "asap", "soon", "right away",
                "immediately"), "\\b(?:(?:the )?(?:end|close) of (?:the |my |your )?(?:business |working )?day|(?:close|end) of business"
                + "|eod|cob|(?:later )?today|tonight|this (?:afternoon|evening)|asap|as soon as possible"
                + "|right away|immediately)\\b", (m, now) -> endOf(now.toLocalDate(), now));
        rule(Cues.of("next week"), "\\bnext week\\b", (m, now) -> endOf(friday(now.toLocalDate().plusWeeks(1)), now));
        rule(Cues.of("week"), "\\b(?:(?:the )?end of (?:the |this )?week|this week|before the weekend)\\b", (m, now) -> {
            LocalDate friday = friday(now.toLocalDate());
            return friday.isBefore(now.toLocalDate()) ? endOf(friday.plusWeeks(1), now) : endOf(friday, now);
        });
        rule(Cues.of("month"), "\\b(?:(?:the )?end of (?:the |this )?month)\\b",
                (m, now) -> endOf(now.toLocalDate().with(TemporalAdjusters.lastDayOfMonth()), now));
        rule(Cues.of("next month"), "\\bnext month\\b", (m, now) -> endOf(now.toLocalDate().plusMonths(1), now));
        rule(Cues.of("day"), "\\b(?:(last|next|this|coming|on|by|before|until|till) )?" + WEEKDAY + "\\b", this::weekday);
        rule(Cues.of("hour", "day", "week"), "\\b(?:in|within) (?:the next )?" + NUMBER + " (business |working )?(hours?|days?|weeks?)\\b",
                this::relative);
        rule(MONTHS, "\\b(\\d{1,2})(?:st|nd|rd|th)?(?: of)? " + MONTH + "\\b", (m, now) -> date(m.group(2), m.group(1), now));
        rule(MONTHS, "\\b" + MONTH + " (\\d{1,2})(?:st|nd|rd|th)?\\b", (m, now) -> date(m.group(1), m.group(2), now));
    }

    public static DueDates from(TaskProperties props) {
        return new DueDates(props.zone(), props.dayEnd(), props.defaultBusinessDays());
    }

    /** The first due date said in {@code text}, relative to {@code saidAt}. */
    public Optional<Due> find(String text, Instant saidAt) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String lower = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        ZonedDateTime now = saidAt.atZone(zone);
        Due best = null;
        int bestStart = Integer.MAX_VALUE;
        int bestLength = 0;
        for (Rule rule : rules) {
            if (!rule.cues().in(lower)) {
                continue;
            }
            Matcher m = rule.pattern().matcher(lower);
            while (m.find()) {
                if (m.start() > bestStart || (m.start() == bestStart && m.end() - m.start() <= bestLength)) {
                    break;
                }
                ZonedDateTime at = rule.resolve().apply(m, now);
                if (at != null) {
                    best = new Due(at.toInstant(), text.substring(m.start(), m.end()).strip());
                    bestStart = m.start();
                    bestLength = m.end() - m.start();
                    break;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The configured number of business days after the event, at the end of the working day. */
    public Instant byDefault(Instant eventAt) {
        ZonedDateTime now = eventAt.atZone(zone);
        LocalDate day = now.toLocalDate();
        int left = defaultBusinessDays;
        while (left > 0 || isWeekend(day)) {
            day = day.plusDays(1);
            if (!isWeekend(day)) {
                left--;
            }
        }
        return endOf(day, now).toInstant();
    }

    private void rule(Cues cues, String regex, BiFunction<Matcher, ZonedDateTime, ZonedDateTime> resolve) {
        rules.add(new Rule(cues, Pattern.compile(regex), resolve));
    }

    List<Rule> rules() {
        return List.copyOf(rules);
    }

    private ZonedDateTime weekday(Matcher m, ZonedDateTime now) {
        String qualifier = m.group(1);
        if ("last".equals(qualifier)) {
            return null; // the past is no due date
        }
        DayOfWeek day = DayOfWeek.valueOf(m.group(2).toUpperCase(Locale.ROOT));
        LocalDate today = now.toLocalDate();
        LocalDate date = "next".equals(qualifier)
                ? today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusWeeks(1)
                        .with(TemporalAdjusters.nextOrSame(day))
                : today.with(TemporalAdjusters.next(day));
        return endOf(date, now);
    }

    private ZonedDateTime relative(Matcher m, ZonedDateTime now) {
        int n = number(m.group(1));
        boolean business = m.group(2) != null;
        String unit = m.group(3);
        if (unit.startsWith("hour")) {
            return now.plusHours(n).truncatedTo(ChronoUnit.MINUTES);
        }
        LocalDate day = now.toLocalDate();
        if (unit.startsWith("week")) {
            return endOf(day.plusWeeks(n), now);
        }
        if (!business) {
            return endOf(day.plusDays(n), now);
        }
        for (int left = n; left > 0; ) {
            day = day.plusDays(1);
            if (!isWeekend(day)) {
                left--;
            }
        }
        return endOf(day, now);
    }

    private ZonedDateTime date(String monthName, String dayOfMonth, ZonedDateTime now) {
        Month month = month(monthName);
        int day = Integer.parseInt(dayOfMonth);
        if (day < 1 || day > month.maxLength()) {
            return null;
        }
        LocalDate today = now.toLocalDate();
        int year = today.getYear();
        if (month == Month.FEBRUARY && day == 29 && !today.withYear(year).isLeapYear()) {
            return null;
        }
        LocalDate date = LocalDate.of(year, month, day);
        if (date.isBefore(today)) {
            date = date.plusYears(1);
        }
        return endOf(date, now);
    }

    private static Month month(String name) {
        for (Month month : Month.values()) {
            String full = month.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
            if (full.equals(name) || full.startsWith(name)) {
                return month;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static int number(String word) {
        return switch (word) {
            case "a", "an", "one" -> 1;
            case "two", "a couple of" -> 2;
            case "three", "a few" -> 3;
            case "four" -> 4;
            case "five" -> 5;
            case "six" -> 6;
            case "seven" -> 7;
            case "eight" -> 8;
            case "nine" -> 9;
            case "ten" -> 10;
            case "twelve" -> 12;
            default -> Integer.parseInt(word);
        };
    }

    private static LocalDate friday(LocalDate inWeekOf) {
        return inWeekOf.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusDays(4);
    }

    private static boolean isWeekend(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    /** The end of the working day on {@code date}; if that has passed already, the end of the calendar day. */
    private ZonedDateTime endOf(LocalDate date, ZonedDateTime now) {
        return atTime(date, dayEnd, now);
    }

    private ZonedDateTime atTime(LocalDate date, LocalTime time, ZonedDateTime now) {
        ZonedDateTime at = date.atTime(time).atZone(zone);
        if (!at.isAfter(now)) {
            at = date.atTime(LocalTime.of(23, 59)).atZone(zone);
        }
        return at.isAfter(now) ? at : now.plusHours(1).truncatedTo(ChronoUnit.MINUTES);
    }
}
