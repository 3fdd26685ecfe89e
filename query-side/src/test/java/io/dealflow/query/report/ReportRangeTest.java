package io.dealflow.query.report;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The month and day rows a range sums cover each of its whole days exactly once, and read at most about half a month
 * of day rows per edge.
 */
class ReportRangeTest {

    private static final LocalDate WINDOW_START = LocalDate.of(2025, 11, 1);
    private static final LocalDate WINDOW_END = LocalDate.of(2026, 5, 1);

    @Test
    void periodsCoverEveryWholeDayOnceAndNothingElse() {
        for (LocalDate first = LocalDate.of(2025, 12, 1); first.isBefore(LocalDate.of(2026, 2, 1));
             first = first.plusDays(1)) {
            for (LocalDate end = first.plusDays(1); end.isBefore(LocalDate.of(2026, 4, 2)); end = end.plusDays(1)) {
                for (long offset : new long[]{0, 3_600_000}) {
                    ReportRange range = new ReportRange(midnight(first).plusMillis(offset),
                            midnight(end).plusMillis(offset));
                    LocalDate firstWhole = offset == 0 ? first : first.plusDays(1);
                    Map<LocalDate, Integer> covered = coverage(range);
                    long dayRows = 0;
                    for (ReportRange.Periods periods : range.periods()) {
                        if (periods.grain() == ReportRange.Grain.DAY) {
                            dayRows += periods.first().until(periods.end(), ChronoUnit.DAYS);
                        }
                    }
                    for (LocalDate day = WINDOW_START; day.isBefore(WINDOW_END); day = day.plusDays(1)) {
                        int expected = !day.isBefore(firstWhole) && day.isBefore(end) ? 1 : 0;
                        assertThat(covered.getOrDefault(day, 0)).as("%s in %s", day, range).isEqualTo(expected);
                    }
                    assertThat(dayRows).as("day rows of %s", range).isLessThanOrEqualTo(31);
                }
            }
        }
    }

    @Test
    void openEndsReadWholeMonthsUpToTheEdgeMonth() {
        ReportRange untilMarch = new ReportRange(null, Instant.parse("2026-03-28T08:00:00Z"));
        assertThat(untilMarch.periods()).containsExactly(
                new ReportRange.Periods(ReportRange.Grain.MONTH, null, LocalDate.of(2026, 4, 1), 1),
                new ReportRange.Periods(ReportRange.Grain.DAY, LocalDate.of(2026, 3, 28), LocalDate.of(2026, 4, 1),
                        -1));
        assertThat(new ReportRange(null, null).periods()).containsExactly(
                new ReportRange.Periods(ReportRange.Grain.MONTH, null, null, 1));
        assertThat(new ReportRange(Instant.parse("2026-01-15T17:00:00Z"), null).periods()).containsExactly(
                new ReportRange.Periods(ReportRange.Grain.MONTH, LocalDate.of(2026, 1, 1), null, 1),
                new ReportRange.Periods(ReportRange.Grain.DAY, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 16),
                        -1));
        assertThat(new ReportRange(Instant.parse("2026-01-17T17:00:00Z"), null).periods()).containsExactly(
                new ReportRange.Periods(ReportRange.Grain.MONTH, LocalDate.of(2026, 2, 1), null, 1),
                new ReportRange.Periods(ReportRange.Grain.DAY, LocalDate.of(2026, 1, 18), LocalDate.of(2026, 2, 1),
                        1));
    }

    private static Map<LocalDate, Integer> coverage(ReportRange range) {
        Map<LocalDate, Integer> covered = new HashMap<>();
        for (ReportRange.Periods periods : range.periods()) {
            for (LocalDate day = WINDOW_START; day.isBefore(WINDOW_END); day = day.plusDays(1)) {
                LocalDate period = periods.grain() == ReportRange.Grain.MONTH ? day.withDayOfMonth(1) : day;
                if ((periods.first() == null || !period.isBefore(periods.first()))
                        && (periods.end() == null || period.isBefore(periods.end()))) {
                    covered.merge(day, periods.sign(), Integer::sum);
                }
            }
        }
        return covered;
    }

    private static Instant midnight(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
