package jp.vrsctl.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import jp.vrsctl.ExitCode;
import jp.vrsctl.VrsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSourceTest {
    private static final Charset SJIS = Charset.forName("windows-31j");

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private Path utf8(String text) throws IOException {
        return write("in.csv", text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    private static List<CsvRow> readAll(CsvSource src) {
        List<CsvRow> rows = new ArrayList<>();
        CsvRow r;
        while ((r = src.next()) != null) {
            rows.add(r);
        }
        return rows;
    }

    private static InputException readFails(Path p) {
        return assertThrows(InputException.class, () -> {
            try (CsvSource src = CsvSource.open(p, Encoding.AUTO)) {
                readAll(src);
            }
        });
    }

    @Test
    void utf8WithBomIsStrippedFromFirstHeader() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        Path p = write("bom.csv", concat(bom, "宛名番号,氏名\n001,山田 太郎\n".getBytes(StandardCharsets.UTF_8)));
        try (CsvSource src = CsvSource.open(p, Encoding.AUTO)) {
            assertEquals(StandardCharsets.UTF_8, src.charset());
            assertEquals(List.of("宛名番号", "氏名"), src.header());
            CsvRow row = src.next();
            assertEquals(List.of("001", "山田 太郎"), row.fields());
            assertEquals(2, row.line());
            assertEquals(1, row.number());
            assertNull(src.next());
            assertNull(src.next());
        }
    }

    @Test
    void utf8WithoutBom() throws IOException {
        try (CsvSource src = CsvSource.open(utf8("a,b\n1,𠮷\n"), Encoding.AUTO)) {
            assertEquals(StandardCharsets.UTF_8, src.charset());
            assertEquals(List.of("1", "𠮷"), src.next().fields());
        }
    }

    @Test
    void fixedUtf8AlsoStripsBom() throws IOException {
        try (CsvSource src = CsvSource.open(utf8("\uFEFFa,b\n1,2\n"), Encoding.UTF_8)) {
            assertEquals(List.of("a", "b"), src.header());
        }
    }

    @Test
    void windows31jDecodedExactlyIncludingBackslashSecondByte() throws IOException {
        String text = "氏名,メモ\n髙﨑①Ⅲ㈱～,構\n\"構\",表示\n";
        byte[] bytes = text.getBytes(SJIS);
        // 構 is 0x8D 0x5C: its second byte is a backslash; 表 is 0x95 0x5C
        assertTrue(new String(bytes, StandardCharsets.ISO_8859_1).contains("\u008D\\"));
        try (CsvSource src = CsvSource.open(write("sjis.csv", bytes), Encoding.AUTO)) {
            assertEquals("windows-31j", src.charset().name().toLowerCase());
            assertEquals(List.of("氏名", "メモ"), src.header());
            assertEquals(List.of("髙﨑①Ⅲ㈱～", "構"), src.next().fields());
            CsvRow second = src.next();
            assertEquals(List.of("構", "表示"), second.fields());
            assertEquals(3, second.line());
        }
    }

    @Test
    void fixedWindows31jFromStream() {
        byte[] bytes = "a,b\n～,①\n".getBytes(SJIS);
        try (CsvSource src = CsvSource.open(new ByteArrayInputStream(bytes), "stdin", Encoding.WINDOWS_31J)) {
            assertEquals(List.of("～", "①"), src.next().fields());
        }
    }

    @Test
    void autoFromStreamUsesTemporaryCopy() {
        byte[] bytes = "a,b\n髙,﨑\n".getBytes(SJIS);
        try (CsvSource src = CsvSource.open(new ByteArrayInputStream(bytes), "stdin", Encoding.AUTO)) {
            assertEquals(Encoding.WINDOWS_31J_CHARSET, src.charset());
            assertEquals(List.of("髙", "﨑"), src.next().fields());
        }
    }

    @Test
    void neitherUtf8NorWindows31jIsRefusedWithLine() throws IOException {
        // 0xFF is invalid in both charsets; it sits on line 3
        byte[] bytes = concat("a,b\n1,2\n3,".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xFF},
                "\n".getBytes(StandardCharsets.US_ASCII));
        Path p = write("bad.csv", bytes);
        InputException e = assertThrows(InputException.class, () -> CsvSource.open(p, Encoding.AUTO));
        assertEquals(3, e.line());
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        assertTrue(e.getMessage().startsWith(p + ":3: "), e.getMessage());
        assertTrue(e.getMessage().contains("neither valid UTF-8 nor Windows-31J"), e.getMessage());
    }

    @Test
    void randomBytesAreRefused() throws IOException {
        byte[] bytes = new byte[4096];
        new Random(42).nextBytes(bytes);
        Path p = write("random.bin", bytes);
        InputException e = assertThrows(InputException.class, () -> CsvSource.open(p, Encoding.AUTO));
        assertTrue(e.line() >= 1);
        assertTrue(e.problem().contains("neither valid UTF-8 nor Windows-31J"));
    }

    @Test
    void mostlyUtf8FileNamesTheLineOfTheDamage() throws IOException {
        // Japanese UTF-8 text that Windows-31J cannot decode on line 1, one broken byte on line 4
        byte[] bytes = concat("氏名,メモ\nあ,い\nう,え\nお,".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xE3, 0x41}, "\n".getBytes(StandardCharsets.UTF_8));
        InputException e = assertThrows(InputException.class,
                () -> CsvSource.open(write("d.csv", bytes), Encoding.AUTO));
        assertEquals(4, e.line());
    }

    @Test
    void fixedEncodingReportsLineOfBadBytes() throws IOException {
        byte[] bytes = concat("a,b\n1,2\n3,4\n5,".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xFF},
                "\n".getBytes(StandardCharsets.US_ASCII));
        Path p = write("bad.csv", bytes);
        InputException e = assertThrows(InputException.class, () -> {
            try (CsvSource src = CsvSource.open(p, Encoding.UTF_8)) {
                readAll(src);
            }
        });
        assertEquals(4, e.line());
        assertTrue(e.problem().contains("UTF-8"));
    }

    @Test
    void quotedNewlinesAdvanceLineNumbers() throws IOException {
        String text = "a,b\n1,\"two\nlines\"\n2,\"three\r\nlines\rhere\"\n3,x\n";
        try (CsvSource src = CsvSource.open(utf8(text), Encoding.AUTO)) {
            List<CsvRow> rows = readAll(src);
            assertEquals(3, rows.size());
            assertEquals(2, rows.get(0).line());
            assertEquals("two\nlines", rows.get(0).fields().get(1));
            assertEquals(4, rows.get(1).line());
            assertEquals("three\r\nlines\rhere", rows.get(1).fields().get(1));
            assertEquals(7, rows.get(2).line());
            assertEquals(3, rows.get(2).number());
        }
    }

    @Test
    void mixedLineEndsAndEmptyLines() throws IOException {
        String text = "a,b\r\n1,2\n\n3,4\r5,6\r\n\r\n\n7,8";
        try (CsvSource src = CsvSource.open(utf8(text), Encoding.AUTO)) {
            List<CsvRow> rows = readAll(src);
            assertEquals(List.of(2L, 4L, 5L, 8L), rows.stream().map(CsvRow::line).toList());
            assertEquals(List.of("7", "8"), rows.get(3).fields());
            assertEquals(4, rows.get(3).number());
        }
    }

    @Test
    void quotingRules() throws IOException {
        String text = "a,b,c\n\"x,y\",\"say \"\"hi\"\"\",\"\"\n";
        try (CsvSource src = CsvSource.open(utf8(text), Encoding.AUTO)) {
            assertEquals(List.of("x,y", "say \"hi\"", ""), src.next().fields());
        }
    }

    @Test
    void trailingEmptyColumnsAreIgnoredAndAllEmptyRowsSkipped() throws IOException {
        String text = "a,b,,\n1,2,,,,\n,,,\n3,\"\",\"\"\n";
        try (CsvSource src = CsvSource.open(utf8(text), Encoding.AUTO)) {
            assertEquals(List.of("a", "b"), src.header());
            assertEquals(List.of("1", "2"), src.next().fields());
            CsvRow r = src.next();
            assertEquals(List.of("3", ""), r.fields());
            assertEquals(4, r.line());
            assertNull(src.next());
        }
    }

    @Test
    void nonEmptyExtraColumnIsAnError() throws IOException {
        InputException e = readFails(utf8("a,b\n1,2,,x\n"));
        assertEquals(2, e.line());
        assertEquals("#4", e.column());
    }

    @Test
    void nulIsAnErrorNamingLineAndColumn() throws IOException {
        InputException e = readFails(utf8("id,name\n1,ok\n2,bad\u0000\n"));
        assertEquals(3, e.line());
        assertEquals("name", e.column());
        assertTrue(e.getMessage().startsWith(dir.resolve("in.csv") + ":3: column name: "), e.getMessage());
        assertTrue(e.problem().contains("NUL"));
    }

    @Test
    void longFieldOfFiveThousandIsFine() throws IOException {
        String big = "漢".repeat(5_000);
        try (CsvSource src = CsvSource.open(utf8("a,b\n\"" + big + "\"," + big + "\n"), Encoding.AUTO)) {
            CsvRow r = src.next();
            assertEquals(big, r.fields().get(0));
            assertEquals(big, r.fields().get(1));
        }
    }

    @Test
    void fieldOverLimitIsRefused() throws IOException {
        String big = "x".repeat(CsvSource.MAX_FIELD_LENGTH + 1);
        InputException e = readFails(utf8("a,b\n1,2\n3," + big + "\n"));
        assertEquals(3, e.line());
        assertEquals("b", e.column());
        String exact = "x".repeat(CsvSource.MAX_FIELD_LENGTH);
        try (CsvSource src = CsvSource.open(utf8("a\n" + exact + "\n"), Encoding.AUTO)) {
            assertEquals(exact, src.next().fields().get(0));
        }
    }

    @Test
    void unterminatedQuoteNamesStartLine() throws IOException {
        InputException e = readFails(utf8("a,b\n1,2\n3,\"open\nmore\nand more\n"));
        assertEquals(3, e.line());
        assertEquals("b", e.column());
        assertTrue(e.problem().contains("line 3"));
    }

    @Test
    void strayQuoteIsRefused() throws IOException {
        InputException e = readFails(utf8("a,b\n1,ab\"c\n"));
        assertEquals(2, e.line());
        assertEquals("b", e.column());
        InputException after = readFails(utf8("a,b\n1,\"ab\"c\n"));
        assertEquals(2, after.line());
    }

    @Test
    void fewerFieldsNamesCounts() throws IOException {
        InputException e = readFails(utf8("a,b,c\n1,2,3\n4,5\n"));
        assertEquals(3, e.line());
        assertTrue(e.problem().contains("expected 3"), e.problem());
        assertTrue(e.problem().contains("found 2"), e.problem());
    }

    @Test
    void excelDamagedValuesPassThroughUnchanged() throws IOException {
        String text = "my_number,address_number,lot\n3.79474E+11,11011,6-Aug\n\" 012 \",０１２,=1+2\n";
        try (CsvSource src = CsvSource.open(utf8(text), Encoding.AUTO)) {
            assertEquals(List.of("3.79474E+11", "11011", "6-Aug"), src.next().fields());
            assertEquals(List.of(" 012 ", "０１２", "=1+2"), src.next().fields());
        }
    }

    @Test
    void emptyFileHasNoHeader() throws IOException {
        InputException e = assertThrows(InputException.class, () -> CsvSource.open(utf8(""), Encoding.AUTO));
        assertTrue(e.problem().contains("no header"));
        InputException blank = assertThrows(InputException.class,
                () -> CsvSource.open(utf8("\n\r\n"), Encoding.AUTO));
        assertTrue(blank.problem().contains("no header"));
    }

    @Test
    void headerAfterLeadingEmptyLines() throws IOException {
        try (CsvSource src = CsvSource.open(utf8("\n\na,b\n1,2\n"), Encoding.AUTO)) {
            assertEquals(3, src.headerLine());
            assertEquals(4, src.next().line());
        }
    }

    @Test
    void missingFileIsNotFound() {
        VrsException e = assertThrows(VrsException.class,
                () -> CsvSource.open(dir.resolve("nope.csv"), Encoding.AUTO));
        assertEquals(ExitCode.NOT_FOUND, e.exitCode());
    }

    @Test
    void lineEndsAtBufferBoundaries() throws IOException {
        // CRLF pairs and quotes straddle the 64 Ki char buffer at many offsets
        StringBuilder sb = new StringBuilder("a,b\r\n");
        int rows = 30_000;
        for (int i = 0; i < rows; i++) {
            sb.append(i).append(",\"q\"\"").append(i % 7 == 0 ? "\r\n" : "").append("\"\r\n");
        }
        try (CsvSource src = CsvSource.open(utf8(sb.toString()), Encoding.AUTO)) {
            long expectedLine = 2;
            for (int i = 0; i < rows; i++) {
                CsvRow r = src.next();
                assertEquals(expectedLine, r.line());
                assertEquals(String.valueOf(i), r.fields().get(0));
                assertEquals(i % 7 == 0 ? "q\"\r\n" : "q\"", r.fields().get(1));
                expectedLine += i % 7 == 0 ? 2 : 1;
            }
            assertNull(src.next());
        }
    }

    @Test
    void streamsLargeFileWithBoundedMemory() throws Exception {
        Path p = dir.resolve("big.csv");
        int rows = 200_000;
        try (var w = Files.newBufferedWriter(p, SJIS)) {
            w.write("宛名番号,氏名,氏名カナ\r\n");
            for (int i = 0; i < rows; i++) {
                w.write(String.format("%015d,髙橋 構%d,ﾀｶﾊｼ\r\n", i, i));
            }
        }
        assertTrue(Files.size(p) > 7_000_000);
        // a separate JVM with a 16 MB heap: loading the file's text whole would not fit
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process proc = new ProcessBuilder(java.toString(), "-Xmx16m", "-cp", System.getProperty("java.class.path"),
                StreamingCount.class.getName(), p.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, proc.waitFor(), output);
        assertEquals(rows + " windows-31j", output);
    }
}
