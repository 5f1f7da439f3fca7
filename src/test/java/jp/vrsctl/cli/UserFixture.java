package jp.vrsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.vrsctl.domain.MyNumber;

/**
 * A store for the user/role/key tests: admin {@link Cli#ADMIN}, one user of each other role (each has
 * replaced their one-time password), a few synthetic residents with tickets. Synthetic data only: My
 * Numbers carry valid check digits and are never printed by the tests.
 */
public final class UserFixture {
    public static final String OPERATOR = "op1";
    public static final String VENUE = "venue1";
    public static final String AUDITOR = "aud1";

    /** One synthetic resident. */
    public record Person(String addressNumber, String myNumber, String name, String kana, String birthDate,
                         String postalCode, String address, String ticket) {}

    public final Cli cli;
    /** User name -> current password (the tests never print these). */
    public final Map<String, String> passwords = new LinkedHashMap<>();
    public final List<Person> people = new ArrayList<>();
    private int seq;

    public UserFixture(Path dir) {
        this.cli = new Cli(dir).init();
        passwords.put(Cli.ADMIN, Cli.PASSWORD);
    }

    /** A synthetic My Number with a valid check digit, from a seed. */
    public static String myNumber(long seed) {
        String first11 = String.format("%011d", 98_000_000_000L + seed * 7_919L);
        return first11 + MyNumber.checkDigit(first11);
    }

    /** Residents 1..n (宛名番号 000N, ticket 900000000N for dose 1), imported by the admin. */
    public UserFixture residents(int n) {
        StringBuilder r = new StringBuilder("宛名番号,個人番号,氏名,氏名カナ,生年月日,性別,郵便番号,住所\n");
        StringBuilder t = new StringBuilder("address_number,ticket_number,dose_number,issued_on\n");
        int from = people.size() + 1;
        for (int i = from; i < from + n; i++) {
            Person p = new Person(String.format("%04d", i), myNumber(i), "試験 太郎" + i, "シケン タロウ",
                    String.format("1950-01-%02d", i), "350-13" + String.format("%02d", i),
                    "埼玉県狭山市入間川" + i + "丁目" + (10 + i) + "番", String.format("90000000%02d", i));
            people.add(p);
            r.append(p.addressNumber()).append(',').append(p.myNumber()).append(',').append(p.name()).append(',')
                    .append(p.kana()).append(',').append(p.birthDate()).append(",1,").append(p.postalCode()).append(',')
                    .append(p.address()).append('\n');
            t.append(p.addressNumber()).append(',').append(p.ticket()).append(",1,2024-04-01\n");
        }
        String who = cli.env.get("VRSCTL_USER");
        as(Cli.ADMIN);
        int k = ++seq;
        Cli.Result res = cli.run("resident", "import", cli.write("residents-" + k + ".csv", r.toString()).toString());
        assertEquals(0, res.code(), "resident import");
        res = cli.run("ticket", "import", cli.write("tickets-" + k + ".csv", t.toString()).toString());
        assertEquals(0, res.code(), "ticket import");
        if (who != null) {
            as(who);
        }
        return this;
    }

    /** The standard users: op1 (operator), venue1 (venue), aud1 (auditor), each with their own password. */
    public UserFixture standardUsers() {
        addUser(OPERATOR, "operator");
        addUser(VENUE, "venue");
        addUser(AUDITOR, "auditor");
        as(Cli.ADMIN);
        return this;
    }

    /** The admin adds {@code name}; the user then replaces the one-time password with their own. */
    public void addUser(String name, String role) {
        as(Cli.ADMIN);
        Path otp = cli.dir.resolve("otp-" + name + "-" + (++seq));
        Cli.Result r = cli.run("user", "add", name, "--role", role, "--password-out", otp.toString());
        assertEquals(0, r.code(), "user add " + name);
        String oneTime = read(otp);
        assertFalse(r.all().contains(oneTime), "one-time password must not be printed");
        assertOwnerOnly(otp);
        String own = "own passphrase of " + name + " #" + seq;
        cli.loginAs(Cli.MUNI, name, cli.passwordFile(name + "-otp", oneTime));
        r = cli.run("user", "passwd", "--new-password-file", cli.passwordFile(name + "-new", own).toString());
        assertEquals(0, r.code(), "user passwd " + name);
        passwords.put(name, own);
        as(name);
    }

    /** Logs in as {@code user} with their current password for the following commands. */
    public Cli as(String user) {
        cli.loginAs(Cli.MUNI, user, cli.passwordFile(user, passwords.get(user)));
        return cli;
    }

    /** Sets a user's password as known to the fixture (after a successful change). */
    public void passwordChanged(String user, String password) {
        passwords.put(user, password);
    }

    public Path storeFile() {
        return cli.dir.resolve("vrs.db");
    }

    public Connection jdbc() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + storeFile());
    }

    public static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file is readable and writable by its owner only (where the file system has POSIX modes). */
    public static void assertOwnerOnly(Path p) {
        try {
            if (Files.getFileStore(p).supportsFileAttributeView("posix")) {
                assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(p),
                        "mode 0600");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails (without printing the secret) if {@code text} contains {@code secret}. */
    public static void assertNoSecret(String text, String secret, String what) {
        assertTrue(secret.length() >= 4, "secret too short to scan for");
        assertFalse(text.contains(secret), () -> what + " appeared in output");
    }
}
