package jp.vrsctl.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/** "Today" is a date in Japan (formats.md: relative to --as-of, default today in Asia/Tokyo). */
public final class Dates {
    public static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private Dates() {}

    public static LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(JAPAN));
    }
}
