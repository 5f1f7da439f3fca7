package jp.vrsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands that use a terminal: masked prompts and output shown on the terminal only, never on stdout. */
class TerminalPromptTest {
    @TempDir
    Path dir;

    /** A scripted terminal: answers prompts in order and records what was shown on it. */
    static final class FakeTerminal implements Context.Terminal {
        final List<String> answers = new ArrayList<>();
        final List<String> shown = new ArrayList<>();
        final List<String> prompts = new ArrayList<>();

        @Override
        public char[] readPassword(String prompt) {
            prompts.add(prompt);
            return answers.remove(0).toCharArray();
        }

        @Override
        public String readLine(String prompt) {
            prompts.add(prompt);
            return answers.remove(0);
        }

        @Override
        public void show(String text) {
            shown.add(text);
        }
    }

    private static String myNumber() {
        String first11 = "99990000123";
        return first11 + jp.vrsctl.domain.MyNumber.checkDigit(first11);
    }

    @Test
    void residentShowAsksForTheMyNumberAtAMaskedPrompt() {
        Cli cli = new Cli(dir).init();
        String mn = myNumber();
        cli.write("r.csv", "宛名番号,個人番号,氏名,氏名カナ,生年月日,性別\n000777,"
                + mn + ",山田 太郎,ヤマダ タロウ,1975-01-02,1\n");
        assertEquals(0, cli.run("resident", "import", "r.csv").code());
        FakeTerminal t = new FakeTerminal();
        t.answers.add(mn);
        cli.terminal = t;
        Cli.Result r = cli.run("resident", "show", "--ask-my-number", "-o", "json");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("000777"), r::toString);
        assertFalse(r.all().contains(mn), "the My Number must not be echoed");
        assertEquals(1, t.prompts.size());
    }

    @Test
    void askMyNumberWithoutATerminalIsAUsageError() {
        Cli cli = new Cli(dir).init();
        Cli.Result r = cli.run("resident", "show", "--ask-my-number");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("--my-number-file"), r::toString);
    }

    @Test
    void initShowsTheRecoveryCodeOnTheTerminalOnlyAndPromptsTwiceForThePassword() {
        Cli cli = new Cli(dir);
        FakeTerminal t = new FakeTerminal();
        t.answers.add("a long new password");
        t.answers.add("a long new password");
        cli.terminal = t;
        Cli.Result r = cli.run("init", "--municipality", Cli.MUNI, "--admin", "alice");
        assertEquals(0, r.code(), r::toString);
        assertEquals(1, t.shown.size());
        String shown = t.shown.get(0);
        String code = shown.lines().map(String::trim).filter(l -> l.matches("[0-9A-Z]{4}(-[0-9A-Z]{4})+")).findFirst()
                .orElseThrow(() -> new AssertionError("no code shown"));
        assertFalse(r.all().contains(code), "the recovery code must not reach stdout or stderr");
    }

    @Test
    void bulkIssueConfirmedByTypingTheCode() {
        Cli cli = new Cli(dir).init();
        cli.write("r.csv", "宛名番号,氏名,氏名カナ,生年月日,性別\n000001,山田 太郎,ヤマダ タロウ,1975-01-02,1\n");
        assertEquals(0, cli.run("resident", "import", "r.csv").code());
        FakeTerminal t = new FakeTerminal();
        t.answers.add("999999");
        cli.terminal = t;
        Cli.Result wrong = cli.run("ticket", "issue", "--dose", "1", "--all-eligible", "--as-of", "2024-06-01");
        assertEquals(2, wrong.code(), wrong::toString);
        t.answers.add(Cli.MUNI);
        Cli.Result ok = cli.run("ticket", "issue", "--dose", "1", "--all-eligible", "--as-of", "2024-06-01");
        assertEquals(0, ok.code(), ok::toString);
        cli.terminal = null;
        Cli.Result list = cli.run("ticket", "list", "-o", "ndjson");
        assertEquals(1, Cli.lines(list.out()).size(), list::toString);
    }
}
