package jp.vrsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jp.vrsctl.domain.MyNumber;

/** Synthetic data and small assertions shared by the resident and ticket CLI tests. */
final class ResidentFixtures {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String HEADER_JA = "宛名番号,個人番号,氏名,氏名カナ,生年月日,性別";
    static final String HEADER_EN = "address_number,my_number,name,name_kana,birth_date,sex";

    private ResidentFixtures() {}

    /** A synthetic My Number with a valid check digit, derived from {@code n}. */
    static String myNumber(long n) {
        String first = String.format("%011d", n);
        return first + MyNumber.checkDigit(first);
    }

    /** A synthetic My Number whose check digit is wrong. */
    static String badMyNumber(long n) {
        String good = myNumber(n);
        int wrong = (good.charAt(11) - '0' + 1) % 10;
        return good.substring(0, 11) + wrong;
    }

    /** The lines joined with LF, ending with LF. */
    static String csv(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> ndjson(String s) {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Cli.lines(s)) {
            out.add(json(l));
        }
        return out;
    }

    /** Runs a command that must succeed (exit 0). */
    static Cli.Result ok(Cli cli, String... args) {
        Cli.Result r = cli.run(args);
        assertEquals(0, r.code(), r::toString);
        return r;
    }

    /** {@code resident import FILE} of the given content, which must succeed. */
    static Cli.Result importOk(Cli cli, String name, String content, String... extra) {
        cli.write(name, content);
        List<String> args = new ArrayList<>(List.of("resident", "import", name));
        args.addAll(List.of(extra));
        return ok(cli, args.toArray(String[]::new));
    }

    /** Every resident, by {@code resident list -o ndjson}. */
    static List<JsonNode> residents(Cli cli) {
        return ndjson(ok(cli, "resident", "list", "-o", "ndjson").out());
    }

    static JsonNode show(Cli cli, String... who) {
        List<String> args = new ArrayList<>(List.of("resident", "show"));
        args.addAll(List.of(who));
        args.addAll(List.of("-o", "json"));
        return json(ok(cli, args.toArray(String[]::new)).out());
    }

    static void assertNoResidents(Cli cli) {
        List<JsonNode> all = residents(cli);
        assertTrue(all.isEmpty(), () -> "expected no residents, found " + all.size());
    }

    static int[] codePoints(String s) {
        return s.codePoints().toArray();
    }
}
