package jp.vrsctl.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RecordWriterTest {
    private static final List<Column> COLUMNS = List.of(new Column("id", "ID"), new Column("name", "氏名"),
            new Column("count", "件数"));

    private static String render(OutputFormat fmt, boolean excel, Consumer<RecordWriter> body) {
        StringWriter sw = new StringWriter();
        try (RecordWriter w = RecordWriter.create(fmt, new PrintWriter(sw), excel)) {
            w.begin(COLUMNS);
            body.accept(w);
            w.end();
        }
        return sw.toString();
    }

    @Test
    void csvFormulaGuard() {
        String out = render(OutputFormat.CSV, false, w -> {
            for (String s : List.of("=1+2", "+81", "-5", "@SUM(A1)", "\tx", "\rx", "ok", "a=b")) {
                w.row(Arrays.asList("1", s, null));
            }
            w.row(Arrays.asList("2", "n", -5));
        });
        String[] lines = out.split("\n", -1);
        assertEquals("id,name,count", lines[0]);
        assertEquals("1,'=1+2,", lines[1]);
        assertEquals("1,'+81,", lines[2]);
        assertEquals("1,'-5,", lines[3]);
        assertEquals("1,'@SUM(A1),", lines[4]);
        assertEquals("1,'\tx,", lines[5]);
        assertEquals("1,\"'\rx\",", lines[6]);
        assertEquals("1,ok,", lines[7]);
        assertEquals("1,a=b,", lines[8]);
        assertEquals("2,n,-5", lines[9]); // a number is not text: no guard
        assertEquals("", lines[10]);
    }

    @Test
    void csvQuotingAndExcelBomAndCrlf() {
        String out = render(OutputFormat.CSV, true, w -> w.row(List.of("1", "山田, \"太郎\"\n", 3)));
        assertTrue(out.startsWith("\uFEFFid,name,count\r\n"), out);
        assertEquals("\uFEFFid,name,count\r\n1,\"山田, \"\"太郎\"\"\n\",3\r\n", out);
        String plain = render(OutputFormat.CSV, false, w -> w.row(List.of("1", "x", 3)));
        assertFalse(plain.contains("\r"));
        assertFalse(plain.startsWith("\uFEFF"));
    }

    @Test
    void jsonKeepsJapaneseAndSurrogatePairsAndTypes() throws Exception {
        String out = render(OutputFormat.JSON, false, w -> {
            w.row(Arrays.asList("000123", "𠮷野家 \"髙\"\n", 2));
            w.row(Arrays.asList("7", null, new BigDecimal("1.50")));
        });
        assertTrue(out.contains("𠮷野家"), out);
        assertTrue(out.contains("\\\"髙\\\"\\n"), out);
        assertFalse(out.contains("\\u"), out);
        JsonNode root = new ObjectMapper().readTree(out);
        assertEquals(2, root.size());
        assertTrue(root.get(0).get("id").isTextual());
        assertEquals("000123", root.get(0).get("id").asText());
        assertEquals("𠮷野家 \"髙\"\n", root.get(0).get("name").asText());
        assertEquals(2, root.get(0).get("count").asInt());
        assertTrue(root.get(1).get("name").isNull());
        assertTrue(out.contains("\"count\" : 1.50"), out);
    }

    @Test
    void jsonWithoutRowsIsEmptyArray() {
        String out = render(OutputFormat.JSON, false, w -> { });
        assertEquals("[]", out.replaceAll("\\s", ""));
    }

    @Test
    void jsonTimesAreIso() throws Exception {
        List<Column> cols = List.of(Column.of("d"), Column.of("t"), Column.of("z"), Column.of("b"));
        StringWriter sw = new StringWriter();
        RecordWriter w = RecordWriter.create(OutputFormat.NDJSON, new PrintWriter(sw), false);
        w.begin(cols);
        w.row(List.of(LocalDate.of(2021, 4, 1), OffsetDateTime.parse("2021-04-01T09:30:00+09:00"),
                ZonedDateTime.of(2021, 4, 1, 9, 30, 0, 0, ZoneId.of("Asia/Tokyo")), true));
        w.end();
        JsonNode n = new ObjectMapper().readTree(sw.toString());
        assertEquals("2021-04-01", n.get("d").asText());
        assertEquals("2021-04-01T09:30+09:00", n.get("t").asText());
        assertEquals("2021-04-01T09:30:00+09:00", n.get("z").asText());
        assertTrue(n.get("b").isBoolean());
    }

    @Test
    void ndjsonOneObjectPerLine() throws Exception {
        int rows = 1_000;
        String out = render(OutputFormat.NDJSON, false, w -> {
            for (int i = 0; i < rows; i++) {
                w.row(Arrays.asList(String.valueOf(i), "名前\n" + i, i));
            }
        });
        String[] lines = out.split("\n", -1);
        assertEquals(rows + 1, lines.length);
        assertEquals("", lines[rows]);
        ObjectMapper mapper = new ObjectMapper();
        for (int i = 0; i < rows; i++) {
            assertEquals(String.valueOf(i), mapper.readTree(lines[i]).get("id").asText());
        }
        assertEquals("", render(OutputFormat.NDJSON, false, w -> { }));
    }

    @Test
    void tableAlignsFullWidthText() {
        String out = render(OutputFormat.TABLE, false, w -> {
            w.row(Arrays.asList("1", "山田太郎", 5));
            w.row(Arrays.asList("22", "ｶﾅ", 120));
            w.row(Arrays.asList("3", null, null));
        });
        String[] lines = out.split("\n");
        assertEquals(5, lines.length);
        assertEquals("ID  氏名      件数", lines[0]);
        assertEquals("--  --------  ----", lines[1]);
        assertEquals("1   山田太郎     5", lines[2]);
        assertEquals("22  ｶﾅ         120", lines[3]);
        assertEquals("3", lines[4]);
        // every "件数" cell ends in the same display column
        assertEquals(DisplayWidth.of(lines[2]), DisplayWidth.of(lines[3]));
    }

    @Test
    void tableNeutralisesControlCharacters() {
        String out = render(OutputFormat.TABLE, false, w -> w.row(Arrays.asList("1", "a\u001B[31mb\nc", 1)));
        assertFalse(out.contains("\u001B"));
        String[] lines = out.split("\n");
        assertEquals(3, lines.length);
        assertTrue(lines[2].contains("a [31mb c"), lines[2]);
    }

    @Test
    void displayWidth() {
        assertEquals(4, DisplayWidth.of("髙﨑"));
        assertEquals(2, DisplayWidth.of("𠮷"));
        assertEquals(2, DisplayWidth.of("葛\uDB40\uDD00")); // variation selector has no width
        assertEquals(3, DisplayWidth.of("ﾔﾏﾀ"));
        assertEquals(2, DisplayWidth.of("～"));
        assertEquals(2, DisplayWidth.of("\u3000"));
        assertEquals(5, DisplayWidth.of("abcde"));
    }

    @Test
    void outputFormatParse() {
        assertEquals(OutputFormat.NDJSON, OutputFormat.parse("NDJSON"));
        assertEquals(OutputFormat.TABLE, OutputFormat.parse(" table "));
        jp.vrsctl.VrsException e = org.junit.jupiter.api.Assertions.assertThrows(jp.vrsctl.VrsException.class,
                () -> OutputFormat.parse("xml"));
        assertEquals(jp.vrsctl.ExitCode.USAGE, e.exitCode());
    }
}
