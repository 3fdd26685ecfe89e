package io.dealflow.query.report;

import io.dealflow.query.http.BadParameter;
import io.dealflow.query.http.QueryParameters;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The half-open time range {@code [from, to)} of a report; either end may be open (null). A report sums the month and
 * day aggregates of the UTC days wholly inside the range and adds the deals of the partial days at its edges, so any
 * instant is an exact bound.
 */
record ReportRange(Instant from, Instant to) {

    /** Reads {@code from} and {@code to}: ISO-8601 instants, or plain dates meaning that day 00:00 UTC. */
    static ReportRange parse(String from, String to) {
        Instant start = bound("from", from);
        Instant end = bound("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw new BadParameter("from", "must be before to");
        }
        return new ReportRange(start, end);
    }

    private static Instant bound(String name, String value) {
        return QueryParameters.instant(name, value);
    }

    /**
     * The UTC days wholly inside the range as {@code [first, end)}, a null bound meaning no bound on that side; empty
     * when no whole day lies inside.
     */
    Optional<Days> days() {
        LocalDate first = firstWholeDay();
        LocalDate end = to == null ? null : day(to);
        return first != null && end != null && !first.isBefore(end) ? Optional.empty()
                : Optional.of(new Days(first, end));
    }

    /** UTC days {@code [first, end)}; a null bound is no bound. */
    record Days(LocalDate first, LocalDate end) {
    }

    /**
     * The rows of day or month aggregates whose signed sum gives the whole days of the range: whole months from month
     * rows, the days outside them from day rows. Where a month is mostly inside the range, its month row is added and
     * the day rows of its days outside the range are taken away, so an edge costs at most about half a month of day
     * rows. Empty when no whole day lies inside.
     */
    List<Periods> periods() {
        Optional<Days> whole = days();
        if (whole.isEmpty()) {
            return List.of();
        }
        LocalDate first = whole.get().first();
        LocalDate end = whole.get().end();
        List<Periods> periods = new ArrayList<>();
        LocalDate firstMonth = first == null || first.getDayOfMonth() == 1 ? first : nextMonth(first);
        LocalDate endMonth = end == null ? null : end.withDayOfMonth(1);
        if (firstMonth != null && endMonth != null && firstMonth.isAfter(endMonth)) {
            // Both ends inside one month.
            LocalDate month = endMonth;
            long inside = first.until(end, ChronoUnit.DAYS);
            long outside = month.until(first, ChronoUnit.DAYS) + end.until(nextMonth(month), ChronoUnit.DAYS);
            if (outside < inside) {
                periods.add(new Periods(Grain.MONTH, month, nextMonth(month), 1));
                addDays(periods, month, first, -1);
                addDays(periods, end, nextMonth(month), -1);
            } else {
                periods.add(new Periods(Grain.DAY, first, end, 1));
            }
            return periods;
        }
        LocalDate monthsFrom = firstMonth;
        LocalDate monthsTo = endMonth;
        if (first != null && first.isBefore(firstMonth)) {
            LocalDate month = first.withDayOfMonth(1);
            if (month.until(first, ChronoUnit.DAYS) < first.until(firstMonth, ChronoUnit.DAYS)) {
                monthsFrom = month;
                addDays(periods, month, first, -1);
            } else {
                addDays(periods, first, firstMonth, 1);
            }
        }
        if (end != null && endMonth.isBefore(end)) {
            if (end.until(nextMonth(endMonth), ChronoUnit.DAYS) < endMonth.until(end, ChronoUnit.DAYS)) {
                monthsTo = nextMonth(endMonth);
                addDays(periods, end, monthsTo, -1);
            } else {
                addDays(periods, endMonth, end, 1);
            }
        }
        if (monthsFrom == null || monthsTo == null || monthsFrom.isBefore(monthsTo)) {
            periods.add(0, new Periods(Grain.MONTH, monthsFrom, monthsTo, 1));
        }
        return periods;
    }

    private static void addDays(List<Periods> periods, LocalDate first, LocalDate end, int sign) {
        if (first.isBefore(end)) {
            periods.add(new Periods(Grain.DAY, first, end, sign));
        }
    }

    private static LocalDate nextMonth(LocalDate day) {
        return day.withDayOfMonth(1).plusMonths(1);
    }

    /** The grain of aggregate rows. */
    enum Grain { DAY, MONTH }

    /**
     * Aggregate rows of one grain with a period (a day, or a month's first day) in {@code [first, end)}, a null bound
     * being no bound, to add (sign 1) or take away (sign -1).
     */
    record Periods(Grain grain, LocalDate first, LocalDate end, int sign) {

        /** An SQL condition selecting these periods in a {@code DATE} column, adding its arguments. */
        String condition(String column, List<Object> arguments) {
            StringBuilder sql = new StringBuilder("TRUE");
            if (first != null) {
                sql.append(" AND ").append(column).append(" >= ?");
                arguments.add(first);
            }
            if (end != null) {
                sql.append(" AND ").append(column).append(" < ?");
                arguments.add(end);
            }
            return sql.toString();
        }
    }

    /**
     * An SQL condition on a {@code TIMESTAMPTZ} column that selects the instants of the range outside its whole days
     * (the partial days at its edges), adding its arguments; null when there are none.
     */
    String partialDays(String column, List<Object> arguments) {
        List<Instant[]> spans = partialSpans();
        if (spans.isEmpty()) {
            return null;
        }
        List<String> conditions = new ArrayList<>();
        for (Instant[] span : spans) {
            conditions.add("(" + column + " >= ? AND " + column + " < ?)");
            arguments.add(OffsetDateTime.ofInstant(span[0], ZoneOffset.UTC));
            arguments.add(OffsetDateTime.ofInstant(span[1], ZoneOffset.UTC));
        }
        return "(" + String.join(" OR ", conditions) + ")";
    }

    /** The parts {@code [from, to)} of the range outside its whole days: at most two, none without partial days. */
    List<Instant[]> partialSpans() {
        LocalDate first = firstWholeDay();
        LocalDate end = to == null ? null : day(to);
        List<Instant[]> spans = new ArrayList<>();
        if (first != null && end != null && !first.isBefore(end)) {
            spans.add(new Instant[]{from, to});
        } else {
            if (from != null && !from.equals(midnight(first))) {
                spans.add(new Instant[]{from, midnight(first)});
            }
            if (to != null && !to.equals(midnight(end))) {
                spans.add(new Instant[]{midnight(end), to});
            }
        }
        return spans;
    }

    private LocalDate firstWholeDay() {
        if (from == null) {
            return null;
        }
        LocalDate day = day(from);
        return from.equals(midnight(day)) ? day : day.plusDays(1);
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant midnight(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
