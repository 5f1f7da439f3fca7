package jp.vrsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.vrsctl.crypto.RecoveryCode;

/**
 * Failure paths (wrong password, wrong role, bad files, unknown user, one-time password not yet changed,
 * wrong recovery code) print no password, one-time password, recovery code or My Number, on stdout or
 * stderr, also with --verbose stack traces. Secrets are named by a description only, never printed.
 */
class SecretLeakTest {
    @TempDir
    Path dir;

    /** description -> secret value. */
    final Map<String, String> secrets = new LinkedHashMap<>();
    /** description -> what the command printed. */
    final Map<String, Cli.Result> outputs = new LinkedHashMap<>();

    private void expect(String what, int code, Cli.Result r) {
        outputs.put(what, r);
        assertEquals(code, r.code(), () -> what + ": exit " + r.code()); // no output in the message: it is scanned
        assertFalse(r.err().isBlank(), () -> what + ": a failure says something on stderr");
    }

    private void scanAll() {
        assertTrue(outputs.size() >= 15, "failure paths exercised: " + outputs.size());
        for (Map.Entry<String, Cli.Result> o : outputs.entrySet()) {
            for (Map.Entry<String, String> s : secrets.entrySet()) {
                UserFixture.assertNoSecret(o.getValue().out(), s.getValue(), s.getKey() + " in stdout of " + o.getKey());
                UserFixture.assertNoSecret(o.getValue().err(), s.getValue(), s.getKey() + " in stderr of " + o.getKey());
            }
        }
    }

    @Test
    void failurePathsPrintNoSecret() throws Exception {
        UserFixture fx = new UserFixture(dir).residents(3).standardUsers();
        Cli cli = fx.cli;
        cli.env.put("VRSCTL_VERBOSE", "1"); // stack traces too
        fx.passwords.forEach((u, p) -> secrets.put("password of " + u, p));
        for (UserFixture.Person p : fx.people) {
            secrets.put("My Number of " + p.addressNumber(), p.myNumber());
            secrets.put("address of " + p.addressNumber(), p.address());
        }
        secrets.put("recovery code", UserFixture.read(dir.resolve("recovery-" + Cli.MUNI + ".txt")));
        UserFixture.Person p1 = fx.people.get(0);
        Path mn1 = cli.write("mn1.txt", p1.myNumber() + "\n");

        // wrong password, for a lookup by My Number
        String wrongPw = "wrong passphrase for alice";
        secrets.put("wrong password", wrongPw);
        cli.loginAs(Cli.MUNI, Cli.ADMIN, cli.passwordFile("alice-wrong", wrongPw));
        expect("wrong password", 4, cli.run("resident", "show", "--my-number-file", mn1.toString()));
        Cli.Result wrongPassword = outputs.get("wrong password");

        // unknown user: the same answer as a wrong password (whether the user exists is not revealed)
        cli.loginAs(Cli.MUNI, "nobody", cli.passwordFile("nobody", Cli.PASSWORD));
        expect("unknown user", 4, cli.run("resident", "show", "--my-number-file", mn1.toString()));
        assertTrue(wrongPassword.err().equals(outputs.get("unknown user").err())
                && wrongPassword.out().equals(outputs.get("unknown user").out()), "unknown user looks like a wrong password");
        // a disabled user, too
        fx.addUser("leaver", "operator");
        secrets.put("password of leaver", fx.passwords.get("leaver"));
        assertEquals(0, fx.as(Cli.ADMIN).run("user", "disable", "leaver").code());
        expect("disabled user", 4, fx.as("leaver").run("resident", "list"));
        assertTrue(wrongPassword.err().equals(outputs.get("disabled user").err()), "disabled user looks like a wrong password");

        // wrong role, with a My Number in hand
        expect("venue looks up a My Number", 4,
                fx.as(UserFixture.VENUE).run("resident", "show", "--my-number-file", mn1.toString()));
        assertTrue(outputs.get("venue looks up a My Number").err().contains("Not permitted"));
        expect("auditor lists residents", 4, fx.as(UserFixture.AUDITOR).run("resident", "list"));
        expect("venue adds a user", 4, fx.as(UserFixture.VENUE).run("user", "add", "x1", "--role", "admin",
                "--password-out", dir.resolve("otp-x1").toString()));
        expect("operator resets a user", 4, fx.as(UserFixture.OPERATOR).run("user", "reset", Cli.ADMIN,
                "--password-out", dir.resolve("otp-x2").toString()));
        expect("venue imports residents", 4, fx.as(UserFixture.VENUE).run("resident", "import", "residents-1.csv"));

        // bad files
        Cli admin = fx.as(Cli.ADMIN);
        String badCheck = p1.myNumber().substring(0, 11) + ((p1.myNumber().charAt(11) - '0' + 1) % 10);
        secrets.put("My Number with a wrong check digit", badCheck);
        String fresh = UserFixture.myNumber(77);
        secrets.put("My Number of a new row", fresh);
        Path mnBad = cli.write("mn-bad.txt", badCheck + "\n");
        expect("My Number file with a wrong check digit", 3, admin.run("resident", "show", "--my-number-file",
                mnBad.toString()));
        Path mnUnknown = cli.write("mn-unknown.txt", fresh + "\n");
        expect("My Number of no resident", 5, admin.run("resident", "show", "--my-number-file", mnUnknown.toString()));
        String header = "宛名番号,個人番号,氏名,氏名カナ,生年月日,性別,郵便番号,住所\n";
        cli.write("bad-check.csv", header + "0101," + badCheck + ",山田 花子,ヤマダ ハナコ,1980-01-01,2,,\n");
        expect("import: wrong check digit", 3, admin.run("resident", "import", "bad-check.csv"));
        cli.write("dup.csv", header + "0102," + fresh + ",山田 花子,ヤマダ ハナコ,1980-01-01,2,,\n"
                + "0103," + fresh + ",山田 次郎,ヤマダ ジロウ,1981-01-01,1,,\n");
        expect("import: two rows share a My Number", 3, admin.run("resident", "import", "dup.csv"));
        cli.write("taken.csv", header + "0104," + p1.myNumber() + ",山田 花子,ヤマダ ハナコ,1980-01-01,2,,\n");
        expect("import: My Number of another resident", 3, admin.run("resident", "import", "taken.csv"));
        cli.write("changed.csv", header + p1.addressNumber() + "," + fresh + "," + p1.name() + "," + p1.kana() + ","
                + p1.birthDate() + ",1,,\n");
        expect("import: My Number changed", 3, admin.run("resident", "import", "changed.csv"));
        cli.write("shifted.csv", header + "0105,山田 花子," + fresh + ",ヤマダ ハナコ,1980-01-01,2,,\n");
        expect("import: columns shifted", 3, admin.run("resident", "import", "shifted.csv"));
        cli.write("excel.csv", header + "0106,9.80000012E+11,山田 花子,ヤマダ ハナコ,1980-01-01,2,,\n");
        expect("import: Excel exponent", 3, admin.run("resident", "import", "excel.csv"));
        expect("password file missing", 5, withPasswordFile(fx, Cli.ADMIN, dir.resolve("no-such-file"))
                .run("resident", "list"));
        expect("password file is a directory", 3, withPasswordFile(fx, Cli.ADMIN, dir).run("resident", "list"));

        // passwords refused by the rules: the rejected and the current one stay unprinted
        for (String bad : List.of("password1234", "short one")) {
            secrets.put("rejected new password " + bad.length(), bad);
            expect("passwd refused (" + bad.length() + " chars)", 3, fx.as(UserFixture.OPERATOR).run("user", "passwd",
                    "--new-password-file", cli.passwordFile("op1-bad", bad).toString()));
        }

        // one-time password not yet changed
        Path otp = dir.resolve("otp-newbie");
        Cli.Result added = fx.as(Cli.ADMIN).run("user", "add", "newbie", "--role", "operator", "--password-out",
                otp.toString());
        assertEquals(0, added.code());
        outputs.put("user add (success; the one-time password goes to the file only)", added);
        secrets.put("one-time password", UserFixture.read(otp));
        cli.loginAs(Cli.MUNI, "newbie", otp);
        expect("must change password", 4, cli.run("resident", "show", "--my-number-file", mn1.toString()));
        assertTrue(outputs.get("must change password").err().contains("user passwd"));
        expect("must change password: key status", 4, cli.run("key", "status"));

        // key recover with a wrong code
        String wrongCode = new String(RecoveryCode.generate());
        secrets.put("wrong recovery code", wrongCode);
        String recoveredPw = "never set recovered passphrase";
        secrets.put("new password offered to key recover", recoveredPw);
        cli.env.remove("VRSCTL_USER");
        cli.env.remove("VRSCTL_PASSWORD_FILE");
        expect("key recover, wrong code", 4, cli.run("key", "recover", "-u", Cli.ADMIN, "--recovery-file",
                cli.write("wrong-code.txt", wrongCode + "\n").toString(), "--new-password-file",
                cli.passwordFile("recovered", recoveredPw).toString()));
        expect("key recover, short new password", 3, cli.run("key", "recover", "-u", Cli.ADMIN, "--recovery-file",
                dir.resolve("recovery-" + Cli.MUNI + ".txt").toString(), "--new-password-file",
                cli.passwordFile("recovered-short", "too short").toString()));

        scanAll();
    }

    private static Cli withPasswordFile(UserFixture fx, String user, Path file) {
        fx.cli.loginAs(Cli.MUNI, user, file);
        return fx.cli;
    }

    /** Issue 3 §3: a venue's dose record shows name, kana and birth date for confirmation; never a My Number or address. */
    @Test
    void venueDoseRecordShowsNameKanaAndBirthDateOnly() throws Exception {
        UserFixture fx = new UserFixture(dir).residents(2).standardUsers();
        UserFixture.Person p = fx.people.get(1);
        for (String format : List.of("json", "table")) {
            Cli.Result r = fx.as(UserFixture.VENUE).run("dose", "record", "--ticket", p.ticket(), "--birth-date",
                    p.birthDate(), "--date", "2024-05-2" + (format.equals("json") ? "0" : "1"), "--product", "コミナティ",
                    "--lot", "AB1", "-o", format);
            if (format.equals("table")) {
                assertEquals(6, r.code(), "the same dose again is a conflict");
                continue;
            }
            assertEquals(0, r.code(), r::toString);
            assertTrue(r.out().contains(p.name()) && r.out().contains("シケン タロウ") && r.out().contains(p.birthDate()),
                    r::toString);
            UserFixture.assertNoSecret(r.all(), p.myNumber(), "the My Number");
            UserFixture.assertNoSecret(r.all(), p.myNumber().substring(8), "the last digits of the My Number");
            UserFixture.assertNoSecret(r.all(), p.address(), "the address");
            UserFixture.assertNoSecret(r.all(), p.postalCode().replace("-", ""), "the postal code");
            UserFixture.assertNoSecret(r.all(), p.postalCode(), "the postal code");
        }
        // a wrong birth date (a misread ticket) is refused and shows nothing of the holder
        Cli.Result r = fx.as(UserFixture.VENUE).run("dose", "record", "--ticket", fx.people.get(0).ticket(),
                "--birth-date", "1960-02-02", "--date", "2024-05-20", "--product", "コミナティ", "--lot", "AB1");
        assertNotEquals(0, r.code());
        assertNotEquals(4, r.code(), "a misread ticket is not an authorisation failure");
        assertFalse(r.all().contains(fx.people.get(0).name()), "no name for a wrong birth date");
        assertFalse(r.all().contains(fx.people.get(0).birthDate()), "no birth date for a wrong birth date");
    }

    /** Nothing identifying or secret is in clear in the store's bytes (design.md §3). */
    @Test
    void storeFileHoldsNoSecretInClear() throws Exception {
        UserFixture fx = new UserFixture(dir).residents(3).standardUsers();
        assertEquals(0, fx.as(Cli.ADMIN).run("key", "rotate", "--reseal").code());
        List<String> clear = new ArrayList<>();
        for (UserFixture.Person p : fx.people) {
            clear.add(p.myNumber());
            clear.add(p.address());
            clear.add(p.name());
            clear.add(p.ticket());
        }
        clear.addAll(fx.passwords.values());
        clear.add(UserFixture.read(dir.resolve("recovery-" + Cli.MUNI + ".txt")));
        byte[] bytes = Files.readAllBytes(fx.storeFile());
        Path wal = dir.resolve("vrs.db-wal");
        byte[] walBytes = Files.exists(wal) ? Files.readAllBytes(wal) : new byte[0];
        for (String s : clear) {
            for (java.nio.charset.Charset cs : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE,
                    StandardCharsets.UTF_16BE)) {
                byte[] needle = s.getBytes(cs);
                assertFalse(contains(bytes, needle) || contains(walBytes, needle), "a secret value is in clear");
            }
        }
    }

    static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
