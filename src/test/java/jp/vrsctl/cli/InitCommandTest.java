package jp.vrsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import jp.vrsctl.domain.MunicipalityCode;
import jp.vrsctl.domain.MunicipalityRegistry;

/** {@code vrsctl init} and {@code vrsctl catalog} through the CLI, against real store files. */
class InitCommandTest {
    @TempDir
    Path dir;

    Cli cli;
    Path db;
    Path pw;

    @BeforeEach
    void setUp() {
        cli = new Cli(dir);
        db = dir.resolve("vrs.db");
        pw = cli.passwordFile(Cli.ADMIN, Cli.PASSWORD);
    }

    Cli.Result init(String muni, Path recovery) {
        return cli.run("init", "--municipality", muni, "--admin", Cli.ADMIN, "--password-file", pw.toString(),
                "--recovery-file", recovery.toString());
    }

    @Nested
    class Success {
        @Test
        void createsStoreAndRecoveryFileWithMode0600() throws Exception {
            Path recovery = dir.resolve("recovery.txt");
            Cli.Result r = init(Cli.MUNI, recovery);
            assertEquals(0, r.code(), r::toString);
            assertTrue(Files.exists(db), "store file created");
            assertTrue(Files.exists(recovery), "recovery file created");
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(recovery);
            assertEquals(PosixFilePermissions.fromString("rw-------"), perms);
            String code = Files.readString(recovery).trim();
            assertTrue(code.matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){9}"), "recovery file holds a grouped code");
            // stderr names the municipality by code and name; the code never goes to stdout or stderr
            assertTrue(r.err().contains("112151"), r::toString);
            assertTrue(r.err().contains("狭山市"), r::toString);
            assertFalse(r.all().contains(code), "recovery code must not be printed");
            // and the admin can log in
            cli.loginAs(Cli.MUNI, Cli.ADMIN, pw);
            assertEquals(0, cli.run("resident", "list").code());
        }
    }

    @Nested
    class RefusedCodes {
        /** 131011: wrong check digit; 000000: wrong check digit; 11215: Sayama with its leading zero... lost. */
        @ParameterizedTest
        @ValueSource(strings = {"131011", "000000", "11215", "1121５", "abcdef"})
        void invalidCodeIsRefusedAndNothingCreated(String code) {
            Path recovery = dir.resolve("rec.txt");
            Cli.Result r = init(code, recovery);
            assertEquals(3, r.code(), r::toString);
            assertTrue(r.err().contains("municipality code"), r::toString);
            assertFalse(Files.exists(db), "no store file for a refused code");
            assertFalse(Files.exists(recovery), "no recovery file for a refused code");
        }

        @Test
        void fiveDigitCodeSaysLeadingZeroLost() {
            Cli.Result r = init("11215", dir.resolve("rec.txt"));
            assertEquals(3, r.code(), r::toString);
            assertTrue(r.err().contains("leading zero"), r::toString);
        }

        @Test
        void validCheckDigitButNoMunicipality() {
            String first5 = "99999";
            String code = first5 + MunicipalityCode.checkDigit(first5);
            assertTrue(MunicipalityCode.isValid(code), "precondition: check digit right");
            assertTrue(MunicipalityRegistry.bundled().find(MunicipalityCode.parse(code)).isEmpty(),
                    "precondition: not in the list");
            Path recovery = dir.resolve("rec.txt");
            Cli.Result r = init(code, recovery);
            assertEquals(3, r.code(), r::toString);
            assertTrue(r.err().contains("names no municipality"), r::toString);
            assertFalse(Files.exists(db));
            assertFalse(Files.exists(recovery));
        }

        @Test
        void designatedCityWardIsRefusedNamingTheCity() {
            assertTrue(MunicipalityCode.isValid("011011"), "precondition: 011011 has a valid check digit");
            Cli.Result r = init("011011", dir.resolve("rec.txt"));
            assertEquals(3, r.code(), r::toString);
            assertTrue(r.err().contains("011002"), "names the city code to use: " + r);
            assertFalse(Files.exists(db));
        }
    }

    @Test
    void shortPasswordExits3AndCreatesNothing() {
        Path shortPw = cli.passwordFile("short", "abc");
        Path recovery = dir.resolve("rec.txt");
        Cli.Result r = cli.run("init", "--municipality", Cli.MUNI, "--admin", Cli.ADMIN, "--password-file",
                shortPw.toString(), "--recovery-file", recovery.toString());
        assertEquals(3, r.code(), r::toString);
        assertFalse(Files.exists(db));
        assertFalse(Files.exists(recovery));
    }

    @Test
    void existingRecoveryFileIsNeverOverwritten() throws Exception {
        Path recovery = cli.write("rec.txt", "keep me\n");
        Cli.Result r = init(Cli.MUNI, recovery);
        assertNotEquals(0, r.code(), r::toString);
        assertTrue(r.err().contains("rec.txt"), r::toString);
        assertEquals("keep me\n", Files.readString(recovery));
        assertFalse(Files.exists(db), "nothing created when the recovery file exists");
    }

    @Test
    void noRecoveryFileAndNoTerminalIsUsageErrorAndCreatesNothing() {
        Cli.Result r = cli.run("init", "--municipality", Cli.MUNI, "--admin", Cli.ADMIN, "--password-file",
                pw.toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("--recovery-file"), r::toString);
        assertFalse(Files.exists(db), "no store file created");
    }

    @Test
    void initTwiceForTheSameCodeIsAConflict() {
        assertEquals(0, init(Cli.MUNI, dir.resolve("rec1")).code());
        Path second = dir.resolve("rec2");
        Cli.Result r = init(Cli.MUNI, second);
        assertEquals(6, r.code(), r::toString);
        assertTrue(r.err().contains("already exists"), r::toString);
        assertFalse(Files.exists(second), "no recovery file for the refused second init");
        // the first admin still works
        cli.loginAs(Cli.MUNI, Cli.ADMIN, pw);
        assertEquals(0, cli.run("resident", "list").code());
    }

    @Test
    void twoMunicipalitiesInOneStoreAreIndependent() {
        Path pwB = cli.passwordFile("bob", "another long password");
        assertEquals(0, init(Cli.MUNI, dir.resolve("rec-a")).code());
        // A second municipality in the same file needs an explicit --add-municipality (one trust domain).
        Cli.Result refused = cli.run("init", "--municipality", Cli.OTHER_MUNI, "--admin", "bob", "--password-file",
                pwB.toString(), "--recovery-file", dir.resolve("rec-b0").toString());
        assertEquals(2, refused.code(), refused::toString);
        assertTrue(refused.err().contains("--add-municipality"), refused::toString);
        Cli.Result r = cli.run("init", "--municipality", Cli.OTHER_MUNI, "--admin", "bob", "--password-file",
                pwB.toString(), "--recovery-file", dir.resolve("rec-b").toString(), "--add-municipality");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.err().contains("千代田区"), r::toString);

        // each imports its own resident with the same 宛名番号
        String myA = ResidentFixtures.myNumber(100_000_001L);
        String myB = ResidentFixtures.myNumber(100_000_002L);
        cli.loginAs(Cli.MUNI, Cli.ADMIN, pw);
        ResidentFixtures.importOk(cli, "a.csv", ResidentFixtures.csv(ResidentFixtures.HEADER_JA,
                "000123456," + myA + ",狭山 一郎,サヤマ イチロウ,1970-01-01,1"));
        cli.loginAs(Cli.OTHER_MUNI, "bob", pwB);
        ResidentFixtures.importOk(cli, "b.csv", ResidentFixtures.csv(ResidentFixtures.HEADER_JA,
                "000123456," + myB + ",千代田 花子,チヨダ ハナコ,1980-02-02,2"));

        JsonNode b = ResidentFixtures.show(cli, "000123456");
        assertEquals("千代田 花子", b.get("name").asText());
        List<JsonNode> listB = ResidentFixtures.residents(cli);
        assertEquals(1, listB.size());

        cli.loginAs(Cli.MUNI, Cli.ADMIN, pw);
        JsonNode a = ResidentFixtures.show(cli, "000123456");
        assertEquals("狭山 一郎", a.get("name").asText());
        assertEquals(1, ResidentFixtures.residents(cli).size());

        // a user of one municipality cannot log in to the other, with either password
        cli.loginAs(Cli.OTHER_MUNI, Cli.ADMIN, pw);
        Cli.Result denied = cli.run("resident", "list");
        assertEquals(4, denied.code(), denied::toString);
        cli.loginAs(Cli.MUNI, "bob", pwB);
        denied = cli.run("resident", "list");
        assertEquals(4, denied.code(), denied::toString);
        // and the other's resident is not found by the first
        cli.loginAs(Cli.MUNI, Cli.ADMIN, pw);
        assertEquals(1, ResidentFixtures.residents(cli).size());
    }

    @Nested
    class Catalog {
        @Test
        void municipalitiesSearch() {
            Cli.Result r = cli.run("catalog", "municipalities", "--search", "狭山", "-o", "ndjson");
            assertEquals(0, r.code(), r::toString);
            List<JsonNode> rows = ResidentFixtures.ndjson(r.out());
            assertTrue(rows.stream().anyMatch(n -> n.get("code").asText().equals("112151")
                    && n.get("name").asText().endsWith("狭山市")), r::toString);
            assertTrue(rows.stream().allMatch(n -> n.get("name").asText().contains("狭山")
                    || n.get("code").asText().contains("狭山") || n.get("kana").asText().contains("狭山")), r::toString);
            assertFalse(r.out().contains("131016"), "unrelated municipalities are filtered out");
            // table output (default without a terminal) shows the same code and name
            Cli.Result t = cli.run("catalog", "municipalities", "--search", "狭山");
            assertEquals(0, t.code(), t::toString);
            assertTrue(t.out().contains("112151") && t.out().contains("狭山市"), t::toString);
        }

        @Test
        void productsListModernaWithSynonyms() {
            Cli.Result r = cli.run("catalog", "products", "-o", "json");
            assertEquals(0, r.code(), r::toString);
            JsonNode spikevax = null;
            for (JsonNode n : ResidentFixtures.json(r.out())) {
                if (n.get("id").asText().equals("spikevax")) {
                    spikevax = n;
                }
            }
            assertTrue(spikevax != null, r::toString);
            assertEquals("モデルナ", spikevax.get("maker").asText());
            assertEquals("207", spikevax.get("cvx").asText());
            String syn = spikevax.get("synonyms").asText();
            assertTrue(syn.contains("mRNA-1273") && syn.contains("COVID-19ワクチンモデルナ筋注"), syn);
            // the maker's synonyms, such as the old VRS preset 武田/モデルナ, are listed too
            String makerSyn = spikevax.get("maker_synonyms").asText();
            assertTrue(makerSyn.contains("武田/モデルナ"), makerSyn);
            Cli.Result table = cli.run("catalog", "products");
            assertEquals(0, table.code(), table::toString);
            assertTrue(table.out().contains("武田/モデルナ"), table::toString);
        }
    }
}
