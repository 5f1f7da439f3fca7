package jp.vrsctl.domain;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Objects;

/**
 * A dated minimum-interval rule of the {@link Catalog} (domain.md §4), kept as data so that it can be
 * corrected without a release.
 *
 * @param id             name of the rule, e.g. {@code pfizer-primary}
 * @param phase          {@code primary} (dose 1 to 2 of a primary series), {@code booster} or {@code any}
 * @param previousMakers makers of the previous dose the rule is for, or {@code null} for any
 * @param nextMakers     makers of the next dose, or {@code null} for any
 * @param nextPlatforms  platforms of the next dose, or {@code null} for any
 * @param sameMaker      {@code true}/{@code false} to require the two doses to be of the same/different makers, {@code null} for either
 * @param interval       the interval as the guidance writes it
 * @param counting       {@link #DAYS_BETWEEN} or {@link #ELAPSED} (see {@link #minimumInterval()})
 * @param validFrom      first date of the next dose the rule applies to
 * @param validUntil     last such date, or {@code null} if still in force
 * @param comment        source and uncertainty
 */
public record IntervalRule(String id, String phase, List<String> previousMakers, List<String> nextMakers, List<String> nextPlatforms,
                           Boolean sameMaker, Period interval, String counting, LocalDate validFrom, LocalDate validUntil, String comment) {
    /** "N日以上の間隔をおいて": N whole days lie between the doses, so the next dose is at least N+1 days later. */
    public static final String DAYS_BETWEEN = "days-between";
    /** "N か月以上経過": the next dose is at least the period later (same day of month N months on). */
    public static final String ELAPSED = "elapsed";

    public IntervalRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(validFrom, "validFrom");
        if (!DAYS_BETWEEN.equals(counting) && !ELAPSED.equals(counting)) {
            throw new IllegalArgumentException("counting must be " + DAYS_BETWEEN + " or " + ELAPSED + ": " + counting);
        }
        if (!List.of("primary", "booster", "any").contains(phase)) {
            throw new IllegalArgumentException("phase must be primary, booster or any: " + phase);
        }
        previousMakers = previousMakers == null ? null : List.copyOf(previousMakers);
        nextMakers = nextMakers == null ? null : List.copyOf(nextMakers);
        nextPlatforms = nextPlatforms == null ? null : List.copyOf(nextPlatforms);
    }

    /** The least difference between the two dates: {@code interval + 1 day} for {@link #DAYS_BETWEEN}, {@code interval} for {@link #ELAPSED}. */
    public Period minimumInterval() {
        return DAYS_BETWEEN.equals(counting) ? interval.plusDays(1) : interval;
    }

    /** True if the rule is in force on {@code date}. */
    public boolean inForceOn(LocalDate date) {
        return !date.isBefore(validFrom) && (validUntil == null || !date.isAfter(validUntil));
    }

    /** True if the rule's conditions (not its dates) fit the two doses. */
    boolean fits(boolean primary, Product previous, Product next) {
        return ("any".equals(phase) || phase.equals(primary ? "primary" : "booster"))
                && (previousMakers == null || previousMakers.contains(previous.makerId()))
                && (nextMakers == null || nextMakers.contains(next.makerId()))
                && (nextPlatforms == null || nextPlatforms.contains(next.platform()))
                && (sameMaker == null || sameMaker == previous.makerId().equals(next.makerId()));
    }

    /** More conditions win over fewer. */
    int specificity() {
        return ("any".equals(phase) ? 0 : 1) + (previousMakers == null ? 0 : 1) + (nextMakers == null ? 0 : 1)
                + (nextPlatforms == null ? 0 : 1) + (sameMaker == null ? 0 : 1);
    }
}
