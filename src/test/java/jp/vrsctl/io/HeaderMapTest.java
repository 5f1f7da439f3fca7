package jp.vrsctl.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderMapTest {
    private static final List<ColumnSpec> SPECS = List.of(
            ColumnSpec.required("address_number", "宛名番号"),
            ColumnSpec.optional("my_number", "個人番号"),
            ColumnSpec.required("name", "氏名"),
            ColumnSpec.required("name_kana", "氏名カナ"),
            ColumnSpec.optional("dv_protected", "DV支援措置"));

    private static HeaderMap resolve(List<String> header, boolean ignoreUnknown) {
        return HeaderMap.resolve("r.csv", header, SPECS, ignoreUnknown);
    }

    @Test
    void matchesJapaneseAndEnglishInAnyOrder() {
        HeaderMap m = resolve(List.of("氏名カナ", "name", "宛名番号"), false);
        CsvRow row = new CsvRow(2, 1, List.of("ヤマダ", "山田", ""));
        assertEquals("山田", m.get(row, "name"));
        assertEquals("ヤマダ", m.get(row, "name_kana"));
        assertEquals("", m.get(row, "address_number"));
        assertNull(m.get(row, "my_number"));
        assertFalse(m.has("my_number"));
        assertTrue(m.has("name"));
        assertEquals("氏名カナ", m.headerName("name_kana"));
        assertEquals("name", m.headerName("name"));
    }

    @Test
    void fullWidthCaseSpacesAndBomDoNotMatter() {
        HeaderMap m = resolve(List.of("\uFEFF宛名番号", " ＮＡＭＥ ", "Name_Kana", "ｄｖ支援措置", "\u3000個人番号"), false);
        assertEquals(0, m.index("address_number"));
        assertEquals(1, m.index("name"));
        assertEquals(2, m.index("name_kana"));
        assertEquals(3, m.index("dv_protected"));
        assertEquals(4, m.index("my_number"));
        assertEquals("宛名番号", m.headerName("address_number"));
    }

    @Test
    void halfWidthKatakanaHeaderMatches() {
        HeaderMap m = resolve(List.of("宛名番号", "氏名", "氏名ｶﾅ"), false);
        assertTrue(m.has("name_kana"));
    }

    @Test
    void unknownColumnIsRefusedUnlessIgnored() {
        List<String> header = List.of("宛名番号", "氏名", "氏名カナ", "備考");
        InputException e = assertThrows(InputException.class, () -> resolve(header, false));
        assertEquals(1, e.line());
        assertEquals("備考", e.column());
        assertTrue(e.getMessage().startsWith("r.csv:1: column 備考: unknown column"), e.getMessage());
        HeaderMap m = resolve(header, true);
        assertEquals(List.of("備考"), m.ignoredColumns());
    }

    @Test
    void duplicateColumnEvenUnderTheOtherName() {
        InputException e = assertThrows(InputException.class,
                () -> resolve(List.of("宛名番号", "氏名", "氏名カナ", "address_number"), false));
        assertEquals("address_number", e.column());
        assertTrue(e.problem().contains("宛名番号"));
        assertThrows(InputException.class, () -> resolve(List.of("氏名", "氏名", "宛名番号", "氏名カナ"), true));
    }

    @Test
    void missingRequiredColumnsAreAllListed() {
        InputException e = assertThrows(InputException.class, () -> resolve(List.of("氏名", "my_number"), false));
        assertNull(e.column());
        assertTrue(e.problem().contains("address_number (宛名番号)"), e.problem());
        assertTrue(e.problem().contains("name_kana (氏名カナ)"), e.problem());
        assertFalse(e.problem().contains("my_number"), e.problem());
    }

    @Test
    void fileWithoutHeaderDoesNotEchoData() {
        // the first row is data: its cells must not end up in the message
        InputException e = assertThrows(InputException.class,
                () -> resolve(List.of("123456789012", "山田太郎", "ヤマダ"), true));
        assertNull(e.column());
        assertFalse(e.getMessage().contains("123456789012"));
        assertFalse(e.getMessage().contains("山田太郎"));
    }

    @Test
    void longDigitRunsInUnknownHeaderAreMasked() {
        InputException e = assertThrows(InputException.class,
                () -> resolve(List.of("宛名番号", "氏名", "氏名カナ", "１２３４５６７８９０１２"), false));
        assertEquals("************", e.column());
    }

    @Test
    void trailingBlankHeaderNamesAreIgnoredButInnerOnesAreNot() {
        assertTrue(resolve(List.of("宛名番号", "氏名", "氏名カナ", " ", ""), false).has("name"));
        InputException e = assertThrows(InputException.class,
                () -> resolve(List.of("宛名番号", "", "氏名", "氏名カナ"), false));
        assertTrue(e.problem().contains("without a name"));
    }

    @Test
    void resolvesFromSourceHeader() throws Exception {
        java.nio.file.Path p = java.nio.file.Files.createTempFile("hm", ".csv");
        try {
            java.nio.file.Files.writeString(p, "\uFEFF宛名番号,氏名,氏名カナ\r\n0001,山田,ヤマダ\r\n");
            try (CsvSource src = CsvSource.open(p, Encoding.AUTO)) {
                HeaderMap m = HeaderMap.resolve(src, SPECS, false);
                CsvRow row = src.next();
                assertEquals("0001", m.get(row, "address_number"));
            }
        } finally {
            java.nio.file.Files.delete(p);
        }
    }
}
