package jp.vrsctl.cli;

import static jp.vrsctl.cli.ResidentFixtures.importOk;
import static jp.vrsctl.cli.ResidentFixtures.myNumber;
import static jp.vrsctl.cli.ResidentFixtures.ndjson;
import static jp.vrsctl.cli.ResidentFixtures.ok;
import static jp.vrsctl.cli.ResidentFixtures.show;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * design.md §3 / issue 2 §10: nothing identifying is in clear in the store files, and a ciphertext moved to
 * another row (or back to an older version) fails to open with exit 7.
 */
class StoreEncryptionTest {
    static final int N = 50;

    @TempDir
    Path dir;

    Cli cli;
    final List<String> myNumbers = new ArrayList<>();
    final List<String> addressNumbers = new ArrayList<>();
    final List<String> names = new ArrayList<>();
    final List<String> kanas = new ArrayList<>();
    final List<LocalDate> births = new ArrayList<>();
    final List<String> addresses = new ArrayList<>();
    final List<String> postalCodes = new ArrayList<>();

    private static final String[] KANJI = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    private static final String[] KANA = {"アイ", "カキ", "サシ", "タチ", "ナニ", "ハヒ", "マミ", "ヤユ", "ラリ", "ワヲ"};

    @BeforeEach
    void setUp() {
        cli = new Cli(dir).init();
        StringBuilder content = new StringBuilder("宛名番号,個人番号,氏名,氏名カナ,生年月日,性別,郵便番号,住所\n");
        for (int i = 0; i < N; i++) {
            String an = String.format("000%06d", 123_456 + i * 7919);
            String mn = myNumber(58_000_000_000L + i * 1_234_567L);
            String name = "暗号" + KANJI[i / 10] + KANJI[i % 10] + " 検証太郎";
            String kana = "アンゴウ" + KANA[i / 10] + KANA[i % 10] + " ケンショウ";
            LocalDate birth = LocalDate.of(1975, 1, 2).plusDays(i * 97L);
            String address = "埼玉県狭山市暗号町" + (i + 1) + "丁目" + (100 + i) + "番地秘匿荘";
            String postal = String.format("35%05d", 71_000 + i * 13);
            addressNumbers.add(an);
            myNumbers.add(mn);
            names.add(name);
            kanas.add(kana);
            births.add(birth);
            addresses.add(address);
            postalCodes.add(postal);
            content.append(an).append(',').append(mn).append(',').append(name).append(',').append(kana).append(',')
                    .append(birth).append(',').append(i % 2 + 1).append(',').append(postal.substring(0, 3)).append('-')
                    .append(postal.substring(3)).append(',').append(address).append('\n');
        }
        importOk(cli, "residents.csv", content.toString());
    }

    @Test
    void noIdentifyingValueAppearsInTheStoreFiles() throws Exception {
        // An idle connection held open keeps SQLite from removing the WAL when the CLI's connection closes,
        // so the -wal and -shm files are there to be scanned too.
        try (Connection idle = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("vrs.db"))) {
            idle.createStatement().execute("SELECT count(*) FROM schema_info");
            writeAndScan();
        }
    }

    private void writeAndScan() throws Exception {
        ok(cli, "ticket", "issue", "--dose", "1", "--all-eligible", "--as-of", "2024-05-01", "--confirm", Cli.MUNI);
        List<String> ticketNumbers = new ArrayList<>();
        for (JsonNode t : ndjson(ok(cli, "ticket", "list", "-o", "ndjson").out())) {
            ticketNumbers.add(t.get("ticket_number").asText());
        }
        assertEquals(N, ticketNumbers.size());
        // one dose, recorded at the venue by ticket + birth date
        int who = 7;
        String ticketOf7 = show(cli, addressNumbers.get(7)).get("tickets").get(0).get("ticket_number").asText();
        String lot = "ZQ9X7LOT";
        ok(cli, "dose", "record", "--ticket", ticketOf7, "--birth-date", births.get(who).toString(), "--date",
                "2024-05-20", "--product", "スパイクバックス", "--lot", lot, "--venue-name", "暗号会場");
        // and a flag, so that a history row exists
        ok(cli, "resident", "flag", addressNumbers.get(3), "--moved-out", "2024-05-30");

        Map<String, byte[]> files = storeFiles();
        assertTrue(files.containsKey("vrs.db"), "the store file exists");
        assertTrue(files.get("vrs.db").length > 10_000, "and holds the data");
        assertTrue(files.containsKey("vrs.db-wal") && files.get("vrs.db-wal").length > 0, "the WAL is scanned: "
                + files.keySet());

        Map<String, String> needles = new LinkedHashMap<>();
        for (int i = 0; i < N; i++) {
            needles.put("My Number #" + i, myNumbers.get(i));
            needles.put("宛名番号 #" + i, addressNumbers.get(i));
            needles.put("name #" + i, names.get(i));
            needles.put("kana #" + i, kanas.get(i));
            needles.put("birth date (ISO) #" + i, births.get(i).toString());
            needles.put("birth date (compact) #" + i, births.get(i).toString().replace("-", ""));
            needles.put("address #" + i, addresses.get(i));
            needles.put("postal code #" + i, postalCodes.get(i));
            needles.put("ticket number #" + i, ticketNumbers.get(i));
        }
        // distinctive parts too, in case a value were stored split or normalised
        needles.put("name part", "検証太郎");
        needles.put("kana part", "ケンショウ");
        needles.put("address part", "暗号町");
        needles.put("address part 2", "秘匿荘");
        needles.put("lot", lot);
        needles.put("venue name", "暗号会場");

        // a self-check of the scanner: the municipality code is stored in clear, so it must be found
        assertTrue(contains(files.get("vrs.db"), Cli.MUNI.getBytes(StandardCharsets.US_ASCII)),
                "scanner self-check failed");

        List<String> leaks = new ArrayList<>();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            for (Map.Entry<String, String> n : needles.entrySet()) {
                if (contains(f.getValue(), n.getValue().getBytes(StandardCharsets.UTF_8))) {
                    leaks.add(n.getKey() + " in " + f.getKey()); // the description, never the value
                }
            }
        }
        assertTrue(leaks.isEmpty(), () -> "identifying values in clear: " + leaks);
    }

    @Test
    void ciphertextCopiedToAnotherRowFailsWithExit7() throws Exception {
        String source = show(cli, addressNumbers.get(0)).get("id").asText();
        String victim = show(cli, addressNumbers.get(1)).get("id").asText();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("vrs.db"));
             PreparedStatement st = c.prepareStatement(
                     "UPDATE resident SET ops = (SELECT ops FROM resident WHERE id = ?) WHERE id = ?")) {
            st.setString(1, source);
            st.setString(2, victim);
            assertEquals(1, st.executeUpdate());
        }
        Cli.Result r = cli.run("resident", "show", victim);
        assertEquals(7, r.code(), r::toString);
        assertFalse(r.all().contains(names.get(0)), "the copied value is not shown");
        assertFalse(r.all().contains(names.get(1)));
        // the source row still opens
        assertEquals(names.get(0), show(cli, source).get("name").asText());
        // a listing that reaches the tampered row fails closed too
        Cli.Result list = cli.run("resident", "list", "-o", "ndjson");
        assertEquals(7, list.code(), list::toString);
    }

    @Test
    void piiCopiedToAnotherRowFailsWithExit7() throws Exception {
        String source = show(cli, addressNumbers.get(2)).get("id").asText();
        String victim = show(cli, addressNumbers.get(3)).get("id").asText();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("vrs.db"));
             PreparedStatement st = c.prepareStatement(
                     "UPDATE resident SET pii = (SELECT pii FROM resident WHERE id = ?) WHERE id = ?")) {
            st.setString(1, source);
            st.setString(2, victim);
            assertEquals(1, st.executeUpdate());
        }
        Cli.Result r = cli.run("resident", "show", victim, "--reveal-my-number");
        assertEquals(7, r.code(), r::toString);
        assertFalse(r.all().contains(myNumbers.get(2)));
    }

    @Test
    void olderVersionRolledBackIntoTheRowFailsWithExit7() throws Exception {
        String an = addressNumbers.get(4);
        ok(cli, "resident", "flag", an, "--deceased", "2024-05-01");
        String id = show(cli, an).get("id").asText();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("vrs.db"));
             PreparedStatement st = c.prepareStatement("UPDATE resident SET ops = (SELECT ops FROM resident_history"
                     + " WHERE id = ? AND version = 1) WHERE id = ?")) {
            st.setString(1, id);
            st.setString(2, id);
            assertEquals(1, st.executeUpdate());
        }
        Cli.Result r = cli.run("resident", "show", an);
        assertEquals(7, r.code(), "the deceased flag cannot be rolled back silently: " + r);
    }

    private Map<String, byte[]> storeFiles() throws Exception {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String name : List.of("vrs.db", "vrs.db-wal", "vrs.db-shm", "vrs.db-journal")) {
            Path p = dir.resolve(name);
            if (Files.exists(p)) {
                out.put(name, Files.readAllBytes(p));
            }
        }
        return out;
    }

    static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
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
