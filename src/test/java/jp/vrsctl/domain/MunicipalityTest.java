package jp.vrsctl.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MunicipalityTest {
    @Test
    void documentedCodesAreValid() {
        for (String code : List.of("112151", "131016", "011002", "271004")) {
            assertEquals(code, MunicipalityCode.parse(code).value());
            assertEquals(code, MunicipalityCode.parse(code).toString());
            assertEquals(code.charAt(5) - '0', MunicipalityCode.checkDigit(code.substring(0, 5)));
        }
        assertEquals("112151", MunicipalityCode.parse(" １１２１５１ ").value());
    }

    @Test
    void documentedInvalidCodes() {
        assertTrue(assertThrows(InvalidValueException.class, () -> MunicipalityCode.parse("131011")).getMessage().contains("check digit"));
        assertThrows(InvalidValueException.class, () -> MunicipalityCode.parse("000000"));
        assertFalse(MunicipalityCode.isValid("11215a"));
        assertFalse(MunicipalityCode.isValid("1121510"));
    }

    @Test
    void fiveDigitsIsTheExcelLeadingZero() {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> MunicipalityCode.parse("11002"));
        assertTrue(e.getMessage().contains("leading zero"), e.getMessage());
        assertTrue(e.getMessage().contains("Excel"), e.getMessage());
    }

    @Test
    void bundledRegistryFindsSayama() {
        MunicipalityRegistry r = MunicipalityRegistry.bundled();
        assertSame(r, MunicipalityRegistry.bundled());
        Municipality m = r.require("112151");
        assertEquals("埼玉県狭山市", m.name());
        assertEquals("狭山市", m.shortName());
        assertEquals("さやまし", m.kana());
        assertEquals("埼玉県", m.prefecture());
        assertEquals(LocalDate.of(2024, 1, 1), r.asOf());
        assertEquals(1747, r.all().size());
        assertTrue(r.find(MunicipalityCode.parse("131016")).isPresent(), "Tokyo special wards are municipalities");
        for (int i = 1; i < r.all().size(); i++) {
            assertTrue(r.all().get(i - 1).code().compareTo(r.all().get(i).code()) < 0);
        }
    }

    @Test
    void validCheckDigitButNotInTheList() {
        String code = "11299" + MunicipalityCode.checkDigit("11299");
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> MunicipalityRegistry.bundled().require(code));
        assertTrue(e.getMessage().contains("names no municipality in the code list as of 2024-01-01"), e.getMessage());
    }

    @Test
    void designatedCityWardNamesTheCity() {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> MunicipalityRegistry.bundled().require("011011"));
        assertTrue(e.getMessage().contains("011002"), e.getMessage());
        assertTrue(e.getMessage().contains("札幌市"), e.getMessage());
    }

    @Test
    void loadsAnAdminProvidedList(@TempDir Path dir) throws IOException {
        Path cities = dir.resolve("cities.json");
        Files.writeString(cities, "[{\"code\":\"112151\",\"name\":\"埼玉県狭山市\",\"city_name\":\"狭山市\",\"city_kana\":\"さやまし\",\"pref_name\":\"埼玉県\"}]",
                StandardCharsets.UTF_8);
        MunicipalityRegistry r = MunicipalityRegistry.load(cities, null, LocalDate.of(2025, 4, 1));
        assertEquals(1, r.all().size());
        assertEquals(LocalDate.of(2025, 4, 1), r.asOf());
        assertTrue(assertThrows(InvalidValueException.class, () -> r.require("131016")).getMessage().contains("2025-04-01"));
        assertEquals(1, MunicipalityRegistry.load(cities, null).all().size());
    }

    @Test
    void refusesAListWithABadCode(@TempDir Path dir) throws IOException {
        Path cities = dir.resolve("cities.json");
        Files.writeString(cities, "[{\"code\":\"131011\",\"name\":\"x\",\"city_name\":\"x\",\"city_kana\":\"x\",\"pref_name\":\"x\"}]");
        assertThrows(InvalidValueException.class, () -> MunicipalityRegistry.load(cities, null, LocalDate.now()));
    }
}
