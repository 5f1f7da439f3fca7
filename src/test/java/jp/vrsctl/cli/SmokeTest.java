package jp.vrsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeTest {
    @TempDir
    Path dir;

    @Test
    void initImportShow() {
        Cli cli = new Cli(dir).init();
        cli.write("r.csv", "宛名番号,個人番号,氏名,氏名カナ,生年月日,性別\n0001,123456789018,山田 太郎,ﾔﾏﾀﾞ ﾀﾛｳ,S50.1.2,1\n");
        Cli.Result r = cli.run("resident", "import", "r.csv");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.err().contains("added 1"), r::toString);
        r = cli.run("resident", "show", "0001", "-o", "json");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("ヤマダ タロウ"), r::toString);
        assertTrue(r.out().contains("\"1975-01-02\""), r::toString);
        assertTrue(!r.out().contains("123456789018"), "My Number must be masked by default");
    }

    @Test
    void wrongPasswordExits4() {
        Cli cli = new Cli(dir).init();
        cli.loginAs(Cli.MUNI, Cli.ADMIN, cli.passwordFile("bad", "not the right password"));
        Cli.Result r = cli.run("resident", "list");
        assertEquals(4, r.code(), r::toString);
        assertTrue(r.err().contains("Authentication failed"), r::toString);
    }
}
