package jp.vrsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * config.toml (design.md §8): flags > VRSCTL_* variables > the file > defaults, and every way the file can be
 * wrong refused with exit 2 naming the file (and line and column where there is one).
 */
class ConfigFileTest {
    @TempDir
    Path dir;

    Cli cli;
    Path pw;

    @BeforeEach
    void store() {
        cli = new Cli(dir).init();
        pw = cli.passwordFile(Cli.ADMIN, Cli.PASSWORD);
        // from here on, only the configuration file says where and who
        cli.env.remove("VRSCTL_STORE");
        cli.env.remove("VRSCTL_MUNICIPALITY");
        cli.env.remove("VRSCTL_USER");
        cli.env.remove("VRSCTL_PASSWORD_FILE");
    }

    Path config(String toml) throws IOException {
        Path home = dir.resolve("xdg");
        Path p = home.resolve("vrsctl").resolve("config.toml");
        Files.createDirectories(p.getParent());
        Files.writeString(p, toml);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        cli.env.put("XDG_CONFIG_HOME", home.toString());
        return p;
    }

    String full() {
        return "# vrsctl defaults\nstore = \"sqlite:" + dir.resolve("vrs.db") + "\"\nmunicipality = \"" + Cli.MUNI
                + "\"\nuser = \"" + Cli.ADMIN + "\"\npassword_file = \"" + pw + "\"\n";
    }

    @Test
    void theFileSuppliesStoreMunicipalityUserAndPasswordFile() throws IOException {
        config(full());
        Cli.Result r = cli.run("user", "list");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains(Cli.ADMIN), r::toString);
    }

    @Test
    void variablesWinOverTheFileAndFlagsOverVariables() throws IOException {
        config(full().replace("user = \"" + Cli.ADMIN + "\"", "user = \"nobody-such\""));
        assertEquals(4, cli.run("user", "list").code(), "the file's user is used and does not exist");
        cli.env.put("VRSCTL_USER", Cli.ADMIN);
        assertEquals(0, cli.run("user", "list").code(), "the variable wins over the file");
        cli.env.put("VRSCTL_USER", "nobody-such");
        assertEquals(0, cli.run("user", "list", "--user", Cli.ADMIN).code(), "the flag wins over the variable");
    }

    @Test
    void vrsctlConfigNamesTheFile() throws IOException {
        Path p = dir.resolve("elsewhere.toml");
        Files.writeString(p, full());
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        cli.env.put("VRSCTL_CONFIG", p.toString());
        assertEquals(0, cli.run("user", "list").code());
        cli.env.put("VRSCTL_CONFIG", dir.resolve("missing.toml").toString());
        Cli.Result r = cli.run("user", "list");
        assertEquals(5, r.code(), r::toString);
        assertTrue(r.err().contains("missing.toml"), r::toString);
    }

    @Test
    void invalidTomlNamesFileLineAndColumn() throws IOException {
        Path p = config(full() + "store = = \"x\"\n");
        Cli.Result r = cli.run("user", "list");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains(p + ":6:"), r::toString);
    }

    @Test
    void unknownKeyIsRefusedWithItsLine() throws IOException {
        Path p = config(full() + "stor = \"sqlite:/tmp/x.db\"\n");
        Cli.Result r = cli.run("user", "list");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains(p + ":6:") && r.err().contains("unknown key 'stor'"), r::toString);
        assertTrue(r.err().contains("password_file"), "lists the known keys: " + r);
    }

    @Test
    void aValueMustBeAString() throws IOException {
        Path p = config(full().replace("municipality = \"" + Cli.MUNI + "\"", "municipality = 112151"));
        Cli.Result r = cli.run("user", "list");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains(p + ":3:") && r.err().contains("'municipality'"), r::toString);
    }

    @Test
    void relativePathsAreRefused() throws IOException {
        Path p = config(full().replace("password_file = \"" + pw + "\"", "password_file = \"pw.txt\""));
        Cli.Result r = cli.run("user", "list");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains(p.toString()) && r.err().contains("absolute"), r::toString);
        config(full().replace("sqlite:" + dir.resolve("vrs.db"), "sqlite:vrs.db"));
        assertEquals(2, cli.run("user", "list").code());
    }

    @Test
    void aFileOthersCanWriteIsRefused() throws IOException {
        Path p = config(full());
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-rw-r--"));
        Cli.Result r = cli.run("user", "list");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("chmod go-w " + p), r::toString);
    }

    @Test
    void noFileNoVariablesMeansTheUsualMessage() {
        Cli.Result r = cli.run("user", "list");
        assertTrue(r.code() == 2, r::toString);
    }

    @Test
    void aBomIsAcceptedAndVerboseFalseMeansOff() throws IOException {
        config("\uFEFF" + full() + "verbose = false\n");
        assertEquals(0, cli.run("user", "list").code());
        assertEquals(false, Main.isTrue("false"));
        assertEquals(false, Main.isTrue("0"));
        assertEquals(true, Main.isTrue("1"));
        assertEquals(true, Main.isTrue("true"));
    }

    @Test
    void tablesAndDottedKeysAreUnknownKeysWithTheirLine() throws IOException {
        Path p = config(full() + "\n[x]\ny = \"1\"\n");
        Cli.Result r = cli.run("user", "list");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains(p + ":7:1") && r.err().contains("unknown key 'x'"), r::toString);
        p = config(full().replace("user = \"" + Cli.ADMIN + "\"", "user.name = \"" + Cli.ADMIN + "\""));
        r = cli.run("user", "list");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains(p + ":4:1") && r.err().contains("'user'"), r::toString);
    }

    @Test
    void aDuplicateKeyIsReportedAtItsSecondLine() throws IOException {
        Path p = config(full() + "user = \"other\"\n");
        Cli.Result r = cli.run("user", "list");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains(p + ":6:1"), r::toString);
    }

    @Test
    void aFolderOthersCanWriteAndANonFileAreRefused() throws IOException {
        Path p = config(full());
        Files.setPosixFilePermissions(p.getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
        Cli.Result r = cli.run("user", "list");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("chmod go-w " + p.getParent()), r::toString);
        Files.setPosixFilePermissions(p.getParent(), PosixFilePermissions.fromString("rwx------"));
        cli.env.put("VRSCTL_CONFIG", dir.toString());
        r = cli.run("user", "list");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("not a regular file"), r::toString);
    }

    @Test
    void aMissingPasswordFileIsNotFound() throws IOException {
        config(full().replace(pw.toString(), dir.resolve("no-such-password").toString()));
        Cli.Result r = cli.run("user", "list");
        assertEquals(5, r.code(), r::toString);
        assertTrue(r.err().contains("no-such-password"), r::toString);
    }

    @Test
    void verboseMustBeTrueOrFalse() throws IOException {
        Path p = config(full() + "verbose = \"banana\"\n");
        Cli.Result r = cli.run("user", "list");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains(p + ":6:") && r.err().contains("true or false"), r::toString);
        config(full() + "verbose = 0\n");
        assertEquals(2, cli.run("user", "list").code());
        config(full() + "verbose = true\n");
        assertEquals(0, cli.run("user", "list").code());
    }

    @Test
    void aFolderAboveOthersCanWriteIsRefused() throws IOException {
        Path p = config(full());
        Path xdg = p.getParent().getParent();
        Files.setPosixFilePermissions(xdg, PosixFilePermissions.fromString("rwxrwxrwx"));
        try {
            Cli.Result r = cli.run("user", "list");
            assertEquals(2, r.code(), r::toString);
            assertTrue(r.err().contains("chmod go-w " + xdg), r::toString);
        } finally {
            Files.setPosixFilePermissions(xdg, PosixFilePermissions.fromString("rwx------"));
        }
        assertEquals(0, cli.run("user", "list").code());
    }

    @Test
    void aPasswordFileThatIsAFolderIsNamedAsSuch() throws IOException {
        config(full().replace(pw.toString(), dir.toString()));
        Cli.Result r = cli.run("user", "list");
        assertEquals(3, r.code(), r::toString);
        assertTrue(r.err().contains("is a folder") && !r.err().contains("mode 0600"), r::toString);
    }

    /** A password typed into the file by mistake, however malformed, is never echoed back. */
    @Test
    void aPasswordWrittenIntoTheFileIsNeverEchoed() throws IOException {
        String secret = "hunter2-Synthetic-Secret";
        for (String line : java.util.List.of("password = \"" + secret + "\"", "password = " + secret,
                "password_file = " + secret, "user = \"a\" " + secret, secret, "x = \"" + secret)) {
            config(full().replace("user = \"" + Cli.ADMIN + "\"\n", "") + line + "\n");
            Cli.Result r = cli.run("user", "list");
            assertEquals(2, r.code(), line + ": " + r);
            assertTrue(!r.out().contains(secret) && !r.err().contains(secret) && !r.err().contains("hunter2"),
                    line + ": " + r);
        }
    }
}
