package jp.vrsctl.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.vrsctl.cli.Cli;
import jp.vrsctl.cli.UserFixture;
import jp.vrsctl.crypto.SigningKeyPair;
import jp.vrsctl.store.Records.AuditRow;
import jp.vrsctl.store.Store;
import jp.vrsctl.store.UnitOfWork;

/**
 * The documented limit of the default {@code audit verify} (docs/security.md, "Audit trail"): it trusts the
 * holders of the audit signing key. An admin who can write the store rewrites an operator's entry before a
 * checkpoint, re-links the chain (without anyone else's key) and signs new checkpoints with the audit key: the
 * default check passes, {@code --full} finds the entry. Without the audit key (the file alone) the same rewrite
 * is found by the default check.
 */
class AuditTrustLimitTest {
    @TempDir
    Path dir;

    @Test
    void anAuditKeyHolderCanHideARewriteFromTheDefaultCheckButNotFromFull() throws Exception {
        UserFixture fx = new UserFixture(dir).standardUsers().residents(2);
        Cli cli = fx.as(UserFixture.OPERATOR);
        assertEquals(0, cli.run("resident", "list").code());
        fx.as(UserFixture.AUDITOR);
        assertEquals(0, cli.run("audit", "checkpoint").code());
        long target = rewriteOperatorEntry(fx);

        // the file alone (no audit key): the old checkpoint no longer matches
        fx.as(UserFixture.AUDITOR);
        Cli.Result r = cli.run("audit", "verify");
        assertEquals(7, r.code(), r::toString);

        // with the audit key: new checkpoints over the rewritten chain
        resignCheckpoints(fx);
        r = cli.run("audit", "verify");
        assertEquals(0, r.code(), "the documented limit: " + r);
        r = cli.run("audit", "verify", "--full");
        assertEquals(7, r.code(), r::toString);
        assertTrue(r.err().contains("entry " + target + ":") && r.err().contains("signature"), r::toString);
    }

    /** Changes the operator's read entry's outcome and re-links every later entry, keeping their signatures. */
    private static long rewriteOperatorEntry(UserFixture fx) throws Exception {
        List<AuditRow> rows = new ArrayList<>();
        try (Store store = Store.open("sqlite:" + fx.storeFile(), false); UnitOfWork uow = store.read()) {
            uow.forEachAudit(Cli.MUNI, 1, rows::add);
        }
        long target = rows.stream().filter(a -> UserFixture.OPERATOR.equals(a.principalName())
                && a.command().equals("resident list")).mapToLong(AuditRow::seq).min().orElseThrow();
        byte[] prev = null;
        try (Connection c = fx.jdbc();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE audit SET outcome = ?, prev_hash = ?, hash = ? WHERE muni = ? AND seq = ?")) {
            for (AuditRow a : rows) {
                if (a.seq() < target) {
                    continue;
                }
                String outcome = a.seq() == target ? "denied" : a.outcome();
                byte[] p = a.seq() == target ? a.prevHash() : prev;
                AuditRow changed = new AuditRow(a.muni(), a.seq(), a.at(), a.principalId(), a.principalName(), a.role(),
                        a.kind(), a.command(), outcome, a.countsJson(), a.subjects(), a.details(), a.publicKeys(), p,
                        null, null);
                byte[] h = AuditLog.hash(changed);
                ps.setString(1, outcome);
                ps.setBytes(2, p);
                ps.setBytes(3, h);
                ps.setString(4, a.muni());
                ps.setLong(5, a.seq());
                ps.executeUpdate();
                prev = AuditLog.link(h, a.signature());
            }
        }
        return target;
    }

    /** Deletes the checkpoints and signs one over the rewritten chain with the audit key, as its holder can. */
    private static void resignCheckpoints(UserFixture fx) throws Exception {
        AuditRow last;
        SigningKeyPair key;
        try (Store store = Store.open("sqlite:" + fx.storeFile(), false);
             Session s = new AccessService(fx.cli.clock).login(store, Cli.MUNI, Cli.ADMIN, Cli.PASSWORD.toCharArray());
             UnitOfWork uow = store.read()) {
            last = uow.lastAudit(Cli.MUNI).orElseThrow();
            byte[][] parts = KeyMaterial.unbundle(s.keys().secret(Keyring.AUDIT_SIGN));
            key = SigningKeyPair.of(parts[0], parts[1]);
        }
        byte[] chain = AuditLog.link(last);
        String at = "2024-06-01T03:00:00.000Z";
        byte[] sig = key.sign(AuditLog.checkpointMessage(Cli.MUNI, last.seq(), chain, at));
        key.destroy();
        try (Connection c = fx.jdbc(); Statement st = c.createStatement();
             PreparedStatement ps = c.prepareStatement("INSERT INTO audit_checkpoint (muni, seq, chain_hash, at,"
                     + " principal_id, signature) VALUES (?, ?, ?, ?, ?, ?)")) {
            st.executeUpdate("DELETE FROM audit_checkpoint");
            ps.setString(1, Cli.MUNI);
            ps.setLong(2, last.seq());
            ps.setBytes(3, chain);
            ps.setString(4, at);
            ps.setString(5, last.principalId());
            ps.setBytes(6, sig);
            ps.executeUpdate();
        }
    }
}
