package jp.vrsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** Conventions every command keeps (design.md §8): help, version, usage errors, login failures, store errors. */
class CliConventionsTest {
    static final String WRONG_PASSWORD = "not the right password 42";

    @TempDir
    Path dir;

    final List<Cli.Result> failures = new ArrayList<>();

    /** No failure path may print a synthetic My Number or a password. */
    @AfterEach
    void noSecretsInFailureOutput() {
        for (Cli.Result r : failures) {
            DoseFixture.assertNoSecrets(r);
            assertFalse(r.all().contains(WRONG_PASSWORD), "a password appeared in the output");
        }
    }

    private Cli.Result fail(Cli cli, int code, String... args) {
        Cli.Result r = cli.run(args);
        failures.add(r);
        assertEquals(code, r.code(), r::toString);
        return r;
    }

    /** Every command path below {@code cl} (each as the list of names after "vrsctl"). */
    private static void walk(CommandLine cl, List<String> prefix, List<List<String>> out) {
        out.add(prefix);
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            // Skip aliases: only the command's own name.
            if (!e.getKey().equals(e.getValue().getCommandName())) {
                continue;
            }
            List<String> p = new ArrayList<>(prefix);
            p.add(e.getKey());
            walk(e.getValue(), p, out);
        }
    }

    private List<List<String>> allCommands() {
        Context ctx = new Context(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                new ByteArrayInputStream(new byte[0]), Map.of(), java.time.Clock.systemUTC(), dir, null);
        List<List<String>> out = new ArrayList<>();
        walk(Main.commandLine(ctx), List.of(), out);
        return out;
    }

    @Test
    void helpOnEveryCommandAndSubcommand() {
        Cli cli = new Cli(dir);
        List<List<String>> commands = allCommands();
        List<String> names = commands.stream().map(p -> String.join(" ", p)).toList();
        for (String expected : List.of("", "init", "resident import", "ticket import", "ticket reissue", "dose record",
                "dose import", "dose list", "dose show", "dose correct", "dose void", "dose confirm")) {
            assertTrue(names.contains(expected), "command tree lacks '" + expected + "': " + names);
        }
        for (List<String> path : commands) {
            for (String flag : List.of("--help", "-h")) {
                List<String> args = new ArrayList<>(path);
                args.add(flag);
                Cli.Result r = cli.run(args.toArray(String[]::new));
                String qualified = String.join(" ", "vrsctl", String.join(" ", path)).trim();
                assertEquals(0, r.code(), () -> qualified + " " + flag + ": " + r);
                assertTrue(r.out().contains("Usage: " + qualified), () -> qualified + " " + flag + ": " + r);
                assertEquals("", r.err(), () -> qualified + " " + flag + ": " + r);
            }
        }
        assertFalse(Files.exists(dir.resolve("vrs.db")), "asking for help creates no store");
        // 'help COMMAND' works too.
        Cli.Result h = cli.run("help", "dose");
        assertEquals(0, h.code(), h::toString);
        assertTrue(h.out().contains("Usage: vrsctl dose"), h::toString);
    }

    @Test
    void versionNamesTheTool() {
        Cli cli = new Cli(dir);
        for (String flag : List.of("--version", "-V")) {
            Cli.Result r = cli.run(flag);
            assertEquals(0, r.code(), r::toString);
            assertTrue(r.out().startsWith("vrsctl"), r::toString);
        }
    }

    @Test
    void unknownSubcommandSuggestsTheRightOne() {
        Cli cli = new Cli(dir);
        Cli.Result r = fail(cli, 2, "resident", "imprt");
        assertTrue(r.err().contains("Did you mean") && r.err().contains("import"), r::toString);
        Cli.Result top = fail(cli, 2, "dosee");
        assertTrue(top.err().contains("dose"), top::toString);
    }

    @Test
    void unknownOptionIsAUsageError() {
        Cli cli = new Cli(dir).init();
        Cli.Result r = fail(cli, 2, "dose", "list", "--bogus");
        assertTrue(r.err().contains("--bogus") && r.err().contains("--help"), r::toString);
        fail(cli, 2, "--bogus");
        fail(cli, 2, "resident", "list", "--resident-bogus=1");
    }

    @Test
    void noPasswordSourceAndNoTerminal() {
        Cli cli = new Cli(dir).init();
        cli.env.remove("VRSCTL_PASSWORD_FILE");
        cli.terminal = null;
        Cli.Result r = fail(cli, 4, "dose", "list");
        assertTrue(r.err().contains("--password-file"), r::toString);
        assertEquals("", r.out());
    }

    @Test
    void unknownUserAndWrongPasswordLookTheSame() {
        DoseFixture f = new DoseFixture(dir);
        Cli cli = f.cli;
        Path right = cli.passwordFile("right", Cli.PASSWORD);
        Path wrong = cli.passwordFile("wrong", WRONG_PASSWORD);

        cli.loginAs(Cli.MUNI, "mallory", right);
        Cli.Result noUser = fail(cli, 4, "resident", "list");
        cli.loginAs(Cli.MUNI, Cli.ADMIN, wrong);
        Cli.Result badPassword = fail(cli, 4, "resident", "list");
        cli.loginAs(Cli.OTHER_MUNI, Cli.ADMIN, right);
        Cli.Result noMuni = fail(cli, 4, "resident", "list");

        assertEquals(noUser.err(), badPassword.err(), "unknown user and wrong password must give the same message");
        assertEquals(noUser.err(), noMuni.err(), "an unknown municipality must give the same message");
        assertEquals("", noUser.out());
        assertEquals("", badPassword.out());
        assertFalse(noUser.err().contains("mallory"), noUser::toString);

        // The right password still works afterwards.
        cli.loginAs(Cli.MUNI, Cli.ADMIN, right);
        assertEquals(0, cli.run("resident", "list").code());
    }

    @Test
    void storeThatDoesNotExistIsNotFound() {
        Cli cli = new Cli(dir).init();
        cli.env.put("VRSCTL_STORE", "sqlite:" + dir.resolve("missing.db"));
        Cli.Result r = fail(cli, 5, "dose", "list");
        assertTrue(r.err().contains("missing.db"), r::toString);
        assertFalse(Files.exists(dir.resolve("missing.db")), "a read command never creates a store");
        // --store beats the environment.
        Cli.Result flag = cli.run("dose", "list", "--store", "sqlite:" + dir.resolve("vrs.db"));
        assertEquals(0, flag.code(), flag::toString);
    }

    @Test
    void fileThatIsNotAStoreGivesAClearError() throws Exception {
        Cli cli = new Cli(dir).init();
        Path text = cli.write("notes.db", "this is not a database\n");
        cli.env.put("VRSCTL_STORE", "sqlite:" + text);
        Cli.Result r = fail(cli, 1, "dose", "list");
        assertTrue(r.err().contains("not a vrsctl store"), r::toString);
        assertFalse(r.err().contains("internal error"), r::toString);
        assertEquals("this is not a database\n", Files.readString(text, StandardCharsets.UTF_8), "left untouched");

        Path other = dir.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other); Statement st = c.createStatement()) {
            st.execute("create table customers(id integer, name text)");
        }
        cli.env.put("VRSCTL_STORE", "sqlite:" + other);
        Cli.Result o = fail(cli, 1, "resident", "list");
        assertTrue(o.err().contains("not a vrsctl store"), o::toString);

        // init refuses to take over a foreign SQLite file.
        Cli.Result init = cli.run("init", "--municipality", Cli.OTHER_MUNI, "--admin", "bob", "--password-file",
                cli.passwordFile("bob", Cli.PASSWORD).toString(), "--recovery-file", dir.resolve("rec-b.txt").toString(),
                "--store", "sqlite:" + other);
        failures.add(init);
        assertNotEquals(0, init.code(), init::toString);
        assertTrue(init.err().contains("not a vrsctl store"), init::toString);
    }

    @Test
    void unknownOutputFormatIsAUsageError() {
        Cli cli = new Cli(dir).init();
        Cli.Result r = fail(cli, 2, "dose", "list", "-o", "xml");
        assertTrue(r.err().contains("xml"), r::toString);
        assertEquals("", r.out());
        fail(cli, 2, "resident", "list", "-o", "xml");
    }

    @Test
    void rejectedResidentRowsNeverEchoMyNumbers() {
        Cli cli = new Cli(dir).init();
        String bad = DoseFixture.MN1.substring(0, 11) + ((DoseFixture.MN1.charAt(11) - '0' + 1) % 10);
        cli.write("r.csv", "宛名番号,個人番号,氏名,氏名カナ,生年月日,性別\n"
                + "0001," + DoseFixture.MN1 + ",山田 太郎,ヤマダ タロウ,1975-01-02,1\n"
                + "0002," + DoseFixture.MN1 + ",山田 花子,ヤマダ ハナコ,1976-01-02,2\n"
                + "0003," + bad + ",山田 次郎,ヤマダ ジロウ,1977-01-02,1\n");
        Cli.Result r = fail(cli, 3, "resident", "import", "r.csv");
        assertTrue(r.err().contains("r.csv:3:") && r.err().contains("r.csv:4:"), r::toString);
        assertFalse(r.all().contains(bad), "an invalid My Number must not be echoed either");
        Cli.Result list = cli.run("resident", "list");
        assertEquals(0, list.code(), list::toString);
        assertFalse(list.out().contains("山田"), "all-or-nothing");
    }
}
