package jp.vrsctl.cli;

import static jp.vrsctl.cli.AuditSupport.count;
import static jp.vrsctl.cli.AuditSupport.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.vrsctl.service.AccessService;
import jp.vrsctl.service.AuditLog;
import jp.vrsctl.service.Session;
import jp.vrsctl.store.Store;
import jp.vrsctl.store.UnitOfWork;

/**
 * The checkpoints an admin's or auditor's command signs by itself every {@link AuditLog#CHECKPOINT_EVERY}
 * entries: each first verifies the entries since the previous one, and one over a chain that does not verify is
 * not signed, the command going on with a warning on stderr.
 */
class AuditAutoCheckpointTest {
    @TempDir
    Path dir;

    /** Appends {@code n} read entries as the admin, through the same AuditLog the commands use. */
    static void fill(Cli cli, long n) {
        try (Store store = Store.open("sqlite:" + cli.dir.resolve("vrs.db"), false);
             Session s = new AccessService(cli.clock).login(store, Cli.MUNI, Cli.ADMIN, Cli.PASSWORD.toCharArray());
             UnitOfWork uow = store.write()) {
            AuditLog log = new AuditLog(cli.clock);
            for (long i = 0; i < n; i++) {
                log.append(uow, s, new AuditLog.Entry(AuditLog.READ_DONE, "resident list", "ok", Map.of("records", 0L),
                        List.of(), Map.of()));
            }
            uow.commit();
        }
    }

    @Test
    void signedEveryThousandEntriesAndVerifyChecksOnlyTheTail() {
        Cli cli = new Cli(dir).init();
        fill(cli, AuditLog.CHECKPOINT_EVERY + 10);
        long cp = count(cli, "SELECT max(seq) FROM audit_checkpoint");
        assertTrue(cp >= AuditLog.CHECKPOINT_EVERY, "a checkpoint was signed: " + cp);
        Cli.Result r = cli.run("audit", "verify");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.err().contains("after checkpoint " + cp), r::toString);
        assertEquals(0, cli.run("audit", "verify", "--full").code());
    }

    @Test
    void notSignedOverABrokenChainAndTheCommandGoesOnWithAWarning() {
        Cli cli = new Cli(dir).init();
        long bad = count(cli, "SELECT max(seq) FROM audit");
        exec(cli, "UPDATE audit SET signature = zeroblob(64) WHERE seq = " + bad);
        fill(cli, AuditLog.CHECKPOINT_EVERY + 10);
        assertEquals(0, count(cli, "SELECT count(*) FROM audit_checkpoint"), "nothing signed over the bad entry");
        Cli.Result r = cli.run("user", "list");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.err().contains("no audit checkpoint was signed") && r.err().contains("entry " + bad), r::toString);
        assertEquals(0, count(cli, "SELECT count(*) FROM audit_checkpoint"));
        Cli.Result v = cli.run("audit", "verify");
        assertEquals(7, v.code(), v::toString);
        assertEquals(bad, AuditSupport.brokenAt(v), v::toString);
    }
}
