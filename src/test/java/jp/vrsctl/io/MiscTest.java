package jp.vrsctl.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jp.vrsctl.ExitCode;
import jp.vrsctl.VrsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MiscTest {
    @TempDir
    Path dir;

    @Test
    void inputExceptionMessageOmitsUnknownParts() {
        assertEquals("f.csv:12: column lot: bad", new InputException("f.csv", 12, "lot", "bad").getMessage());
        assertEquals("f.csv:12: bad", new InputException("f.csv", 12, null, "bad").getMessage());
        assertEquals("f.csv: column lot: bad", new InputException("f.csv", 0, "lot", "bad").getMessage());
        assertEquals("bad", new InputException(null, 0, null, "bad").getMessage());
        InputException e = new InputException("f.csv", 3, "氏名", "empty");
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        assertEquals("f.csv", e.file());
        assertEquals(3, e.line());
        assertEquals("氏名", e.column());
        assertEquals("empty", e.problem());
    }

    @Test
    void encodingParse() {
        assertEquals(Encoding.AUTO, Encoding.parse("auto"));
        assertEquals(Encoding.UTF_8, Encoding.parse("UTF-8"));
        assertEquals(Encoding.UTF_8, Encoding.parse("utf8"));
        for (String s : new String[] {"windows-31j", "CP932", "sjis", "Shift_JIS"}) {
            assertEquals(Encoding.WINDOWS_31J, Encoding.parse(s), s);
        }
        assertEquals("windows-31j", Encoding.WINDOWS_31J.fixedCharset().orElseThrow().name());
        VrsException e = assertThrows(VrsException.class, () -> Encoding.parse("euc-jp"));
        assertEquals(ExitCode.USAGE, e.exitCode());
    }

    @Test
    void sha256OfFile() throws IOException {
        Path p = dir.resolve("a.txt");
        Files.writeString(p, "abc", StandardCharsets.US_ASCII);
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Digests.sha256Hex(p));
        assertEquals(Digests.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)), Digests.sha256Hex(p));
        VrsException e = assertThrows(VrsException.class, () -> Digests.sha256Hex(dir.resolve("none")));
        assertEquals(ExitCode.NOT_FOUND, e.exitCode());
    }
}
