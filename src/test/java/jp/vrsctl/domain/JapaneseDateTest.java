package jp.vrsctl.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JapaneseDateTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "20210401|2021-04-01",
            "2021-04-01|2021-04-01",
            "2021/4/1|2021-04-01",
            "2021年4月1日|2021-04-01",
            "２０２１年４月１日|2021-04-01",
            "令和3年4月1日|2021-04-01",
            "R3.4.1|2021-04-01",
            "r3.4.1|2021-04-01",
            "R03.04.01|2021-04-01",
            "R3/4/1|2021-04-01",
            "R3-4-1|2021-04-01",
            "R030401|2021-04-01",
            "H元.1.8|1989-01-08",
            "平成元年1月8日|1989-01-08",
            "令和元年１２月　４日|2019-12-04",
            "S64.1.7|1989-01-07",
            "H31.4.30|2019-04-30",
            "R1.5.1|2019-05-01",
            "R2.2.29|2020-02-29",
            "㍻元年1月8日|1989-01-08",
            "昭和 60 年 4 月 12 日|1985-04-12",
            "T15.12.25|1926-12-25",
            "S1.12.25|1926-12-25",
            "M45.7.30|1912-07-30",
            "明治6年1月1日|1873-01-01",
            "2021/4/1 0:00|2021-04-01",
            "2021-04-01 00:00:00|2021-04-01"})
    void parses(String raw, String iso) {
        assertEquals(LocalDate.parse(iso), JapaneseDate.parse(raw));
    }

    @Test
    void requiredEraEdges() {
        assertEquals(LocalDate.of(1989, 1, 7), JapaneseDate.parse("S64.1.7"));
        assertThrows(InvalidValueException.class, () -> JapaneseDate.parse("S64.1.8"));
        assertEquals(LocalDate.of(2019, 4, 30), JapaneseDate.parse("H31.4.30"));
        assertThrows(InvalidValueException.class, () -> JapaneseDate.parse("R1.4.30"));
        assertEquals(LocalDate.of(2020, 2, 29), JapaneseDate.parse("R2.2.29"));
        assertThrows(InvalidValueException.class, () -> JapaneseDate.parse("R3.2.29"));
        assertEquals(LocalDate.of(2019, 12, 4), JapaneseDate.parse("令和元年１２月　４日"));
        assertEquals(LocalDate.of(1989, 1, 8), JapaneseDate.parse("H元.1.8"));
    }

    @Test
    void outsideEraMessageNamesTheRange() {
        String m = assertThrows(InvalidValueException.class, () -> JapaneseDate.parse("S64.1.8")).getMessage();
        assertTrue(m.contains("1926-12-25") && m.contains("1989-01-07") && m.contains("Showa"), m);
        String r = assertThrows(InvalidValueException.class, () -> JapaneseDate.parse("R1.4.30")).getMessage();
        assertTrue(r.contains("2019-05-01"), r);
        assertFalse(r.contains("4.30"));
    }

    @Test
    void excelSerialGetsAHelpfulMessage() {
        assertTrue(assertThrows(InvalidValueException.class, () -> JapaneseDate.parse("44287")).getMessage().contains("Excel"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2021-13-01", "2021-02-30", "R0.4.1", "X3.4.1", "4/1/2021", "210401", "1872-12-31", "令和3年4月", "H32.1.1", "2021/4/1 9:30"})
    void rejects(String raw) {
        assertThrows(InvalidValueException.class, () -> JapaneseDate.parse(raw));
        assertFalse(JapaneseDate.isValid(raw));
    }

    @Test
    void toWareki() {
        assertEquals("令和3年4月1日", JapaneseDate.toWareki(LocalDate.of(2021, 4, 1)));
        assertEquals("令和元年5月1日", JapaneseDate.toWareki(LocalDate.of(2019, 5, 1)));
        assertEquals("平成31年4月30日", JapaneseDate.toWareki(LocalDate.of(2019, 4, 30)));
        assertEquals("平成元年1月8日", JapaneseDate.toWareki(LocalDate.of(1989, 1, 8)));
        assertEquals("昭和64年1月7日", JapaneseDate.toWareki(LocalDate.of(1989, 1, 7)));
        assertEquals("昭和元年12月25日", JapaneseDate.toWareki(LocalDate.of(1926, 12, 25)));
        assertEquals("R3.4.1", JapaneseDate.toWarekiShort(LocalDate.of(2021, 4, 1)));
        assertEquals("2021-04-01 (令和3年4月1日)", JapaneseDate.echo(LocalDate.of(2021, 4, 1)));
        assertThrows(InvalidValueException.class, () -> JapaneseDate.toWareki(LocalDate.of(1872, 12, 31)));
    }

    @Property
    void warekiRoundTrip(@ForAll @IntRange(min = 1927, max = 2030) int year, @ForAll @IntRange(min = 1, max = 366) int dayOfYear) {
        LocalDate d = LocalDate.ofYearDay(year, Math.min(dayOfYear, LocalDate.of(year, 1, 1).lengthOfYear()));
        assertEquals(d, JapaneseDate.parse(JapaneseDate.toWareki(d)));
        assertEquals(d, JapaneseDate.parse(JapaneseDate.toWarekiShort(d)));
    }
}
