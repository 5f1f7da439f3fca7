package jp.vrsctl.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import jp.vrsctl.ExitCode;
import jp.vrsctl.VrsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFileWriterTest {
    private static final Charset SJIS = Encoding.WINDOWS_31J_CHARSET;

    @TempDir
    Path dir;

    @Test
    void writesWindows31jWithCrlf() throws IOException {
        Path p = dir.resolve("print.csv");
        try (CsvFileWriter w = CsvFileWriter.create(p, SJIS, false, "\r\n", true)) {
            w.writeRow(List.of("宛名番号", "氏名"));
            w.writeRow(List.of("0001", "髙﨑 構①㈱～"));
            w.writeRow(List.of("0002", "=HYPERLINK(\"x\")"));
            assertEquals(3, w.rowsWritten());
        }
        byte[] bytes = Files.readAllBytes(p);
        String text = new String(bytes, SJIS);
        assertEquals("宛名番号,氏名\r\n0001,髙﨑 構①㈱～\r\n0002,\"'=HYPERLINK(\"\"x\"\")\"\r\n", text);
        try (CsvSource src = CsvSource.open(p, Encoding.AUTO)) {
            assertEquals(SJIS, src.charset());
            assertEquals(List.of("0001", "髙﨑 構①㈱～"), src.next().fields());
        }
    }

    @Test
    void utf8WithBom() throws IOException {
        Path p = dir.resolve("u.csv");
        try (CsvFileWriter w = CsvFileWriter.create(p, StandardCharsets.UTF_8, true, "\n", false)) {
            w.writeRow(List.of("a", "𠮷\uE000"));
        }
        byte[] bytes = Files.readAllBytes(p);
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, java.util.Arrays.copyOf(bytes, 3));
        assertEquals("\uFEFFa,𠮷\uE000\n", new String(bytes, StandardCharsets.UTF_8));
    }

    @Test
    void refusesGaijiInWindows31jAndListsOffsets() throws IOException {
        Path p = dir.resolve("print.csv");
        CsvFileWriter w = CsvFileWriter.create(p, SJIS, false, "\r\n", true);
        w.writeRow(List.of("0001", "山田"));
        InputException e = assertThrows(InputException.class,
                () -> w.writeRow(List.of("0002", "a\uE000b𠮷c")));
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        assertEquals("#2", e.column());
        assertTrue(e.problem().contains("1, 3"), e.problem());
        assertTrue(e.problem().contains("U+E000, U+20BB7"), e.problem());
        assertFalse(e.getMessage().contains("a\uE000b"));
        w.writeRow(List.of("0003", "田中"));
        w.close();
        // the refused row left nothing behind, not even "?"
        assertEquals("0001,山田\r\n0003,田中\r\n", new String(Files.readAllBytes(p), SJIS));
    }

    @Test
    void unencodableOffsets() {
        assertEquals(List.of(), CsvFileWriter.unencodable("髙﨑①Ⅲ㈱～構", SJIS));
        assertEquals(List.of(1, 3), CsvFileWriter.unencodable("a\uE000b𠮷c", SJIS));
        // one-way mappings count as unencodable: ¥ would come back as a backslash, ¢ as ￠
        assertEquals(List.of(0, 1), CsvFileWriter.unencodable("¥¢\\", SJIS));
        // a variation selector (葛󠄀) has no Windows-31J form
        assertEquals(List.of(1), CsvFileWriter.unencodable("葛\uDB40\uDD00", SJIS));
        assertEquals(List.of(), CsvFileWriter.unencodable("𠮷\uE000葛\uDB40\uDD00", StandardCharsets.UTF_8));
        assertEquals(List.of(1), CsvFileWriter.unencodable("a\uD800b", StandardCharsets.UTF_8));
    }

    @Test
    void createNewIsPrivateAndNeverOverwrites() throws IOException {
        Path p = dir.resolve("rejects.csv");
        try (CsvFileWriter w = CsvFileWriter.createNew(p, StandardCharsets.UTF_8, false, "\n", true)) {
            w.writeRow(List.of("line", "reason"));
        }
        if (p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
        }
        VrsException e = assertThrows(VrsException.class,
                () -> CsvFileWriter.createNew(p, StandardCharsets.UTF_8, false, "\n", true));
        assertEquals(ExitCode.CONFLICT, e.exitCode());
        assertEquals("line,reason\n", Files.readString(p));
    }

    @Test
    void abortDeletesTheFile() {
        Path p = dir.resolve("x.csv");
        CsvFileWriter w = CsvFileWriter.create(p, SJIS, false, "\n", false);
        w.writeRow(List.of("a"));
        w.abort();
        assertFalse(Files.exists(p));
    }

    @Test
    void rejectsBadArguments() {
        Path p = dir.resolve("y.csv");
        assertThrows(IllegalArgumentException.class, () -> CsvFileWriter.create(p, SJIS, true, "\n", false));
        assertThrows(IllegalArgumentException.class,
                () -> CsvFileWriter.create(p, StandardCharsets.UTF_8, false, ";", false));
    }
}
