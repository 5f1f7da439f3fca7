package jp.vrsctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.vrsctl.crypto.SigningKeyPair;
import jp.vrsctl.crypto.WrappedSecret;
import jp.vrsctl.store.Records.AuditRow;

/**
 * Plain-JDBC access to the audit tables of a test store (used only while no command runs), for tampering with
 * the chain behind the program's back and for reading what the commands wrote.
 */
final class AuditSupport {
    private AuditSupport() {}

    static final String COLS = "muni, seq, at, principal_id, principal_name, role, kind, command, outcome, counts,"
            + " subjects, details, public_keys, prev_hash, hash, signature";

    static Connection open(Path db) {
        try {
            return DriverManager.getConnection("jdbc:sqlite:" + db);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path db(Cli cli) {
        return cli.dir.resolve("vrs.db");
    }

    /** Runs SQL statements in one transaction. */
    static void exec(Cli cli, String... sql) {
        try (Connection c = open(db(cli))) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                for (String s : sql) {
                    st.executeUpdate(s);
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long count(Cli cli, String sql) {
        try (Connection c = open(db(cli)); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> strings(Cli cli, String sql) {
        List<String> out = new ArrayList<>();
        try (Connection c = open(db(cli)); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    static long maxSeq(Cli cli) {
        return count(cli, "SELECT coalesce(max(seq), 0) FROM audit");
    }

    static AuditRow row(ResultSet rs) throws SQLException {
        return new AuditRow(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                rs.getBytes(12), rs.getString(13), rs.getBytes(14), rs.getBytes(15), rs.getBytes(16));
    }

    /** Entries with {@code seq > after}, in sequence order. */
    static List<AuditRow> entriesAfter(Cli cli, long after) {
        List<AuditRow> out = new ArrayList<>();
        try (Connection c = open(db(cli));
             PreparedStatement ps = c.prepareStatement("SELECT " + COLS + " FROM audit WHERE seq > ? ORDER BY seq")) {
            ps.setLong(1, after);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    static List<AuditRow> entries(Cli cli) {
        return entriesAfter(cli, 0);
    }

    static AuditRow entry(Cli cli, long seq) {
        return entries(cli).stream().filter(r -> r.seq() == seq).findFirst()
                .orElseThrow(() -> new AssertionError("no entry " + seq));
    }

    /** Replaces the stored entry with the same seq (all columns). */
    static void update(Cli cli, AuditRow r) {
        try (Connection c = open(db(cli));
             PreparedStatement ps = c.prepareStatement("UPDATE audit SET at = ?, principal_id = ?, principal_name = ?,"
                     + " role = ?, kind = ?, command = ?, outcome = ?, counts = ?, subjects = ?, details = ?,"
                     + " public_keys = ?, prev_hash = ?, hash = ?, signature = ? WHERE muni = ? AND seq = ?")) {
            ps.setString(1, r.at());
            ps.setString(2, r.principalId());
            ps.setString(3, r.principalName());
            ps.setString(4, r.role());
            ps.setString(5, r.kind());
            ps.setString(6, r.command());
            ps.setString(7, r.outcome());
            ps.setString(8, r.countsJson());
            ps.setString(9, r.subjects());
            ps.setBytes(10, r.details());
            ps.setString(11, r.publicKeys());
            ps.setBytes(12, r.prevHash());
            ps.setBytes(13, r.hash());
            ps.setBytes(14, r.signature());
            ps.setString(15, r.muni());
            ps.setLong(16, r.seq());
            assertEquals(1, ps.executeUpdate(), "one row updated");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy of {@code r} with other content fields, its prev hash and hash (signature unchanged). */
    static AuditRow with(AuditRow r, String outcome, String counts, byte[] prev, byte[] hash, byte[] sig) {
        return new AuditRow(r.muni(), r.seq(), r.at(), r.principalId(), r.principalName(), r.role(), r.kind(),
                r.command(), outcome, counts, r.subjects(), r.details(), r.publicKeys(), prev, hash, sig);
    }

    /**
     * A user's own Ed25519 signing key, taken the way an insider with the user's password would: by unwrapping
     * their principal's {@code wrapped} blob (bundle = [int len][kem private][int len][signing private]).
     */
    static SigningKeyPair signingKey(Cli cli, String userName, String password) {
        try (Connection c = open(db(cli));
             PreparedStatement ps = c.prepareStatement(
                     "SELECT muni, id, signing_public, wrapped FROM principal WHERE name = ?")) {
            ps.setString(1, userName);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "principal " + userName);
                String muni = rs.getString(1);
                String id = rs.getString(2);
                byte[] aad = ("vrsctl principal v1|" + muni + "|" + id).getBytes(StandardCharsets.UTF_8);
                byte[] bundle = WrappedSecret.unwrap(password.toCharArray(), rs.getBytes(4), aad);
                ByteBuffer b = ByteBuffer.wrap(bundle);
                b.position(b.getInt() + 4);
                byte[] sig = new byte[b.getInt()];
                b.get(sig);
                return SigningKeyPair.of(rs.getBytes(3), sig);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Flips one bit of byte {@code index} of the checkpoint signature at {@code seq}. */
    static void flipCheckpointSignatureByte(Cli cli, long seq, int index) {
        try (Connection c = open(db(cli))) {
            byte[] sig;
            try (PreparedStatement ps = c.prepareStatement("SELECT signature FROM audit_checkpoint WHERE seq = ?")) {
                ps.setLong(1, seq);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next(), "checkpoint " + seq);
                    sig = rs.getBytes(1);
                }
            }
            sig[index] ^= 1;
            try (PreparedStatement ps = c.prepareStatement("UPDATE audit_checkpoint SET signature = ? WHERE seq = ?")) {
                ps.setBytes(1, sig);
                ps.setLong(2, seq);
                assertEquals(1, ps.executeUpdate());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String principalId(Cli cli, String userName) {
        return strings(cli, "SELECT id FROM principal WHERE name = '" + userName + "'").get(0);
    }

    private static final Pattern BROKEN = Pattern.compile("Audit chain broken at entry (\\d+): (.*)");

    /** The sequence number in "Audit chain broken at entry N: ..." on stderr; fails if absent. */
    static long brokenAt(Cli.Result r) {
        assertEquals(7, r.code(), r::toString);
        Matcher m = BROKEN.matcher(r.err());
        assertTrue(m.find(), r::toString);
        return Long.parseLong(m.group(1));
    }

    static String problem(Cli.Result r) {
        Matcher m = BROKEN.matcher(r.err());
        assertTrue(m.find(), r::toString);
        return m.group(2);
    }

    /** Whether {@code hay} contains the bytes of {@code needle} (UTF-8). */
    static boolean containsBytes(byte[] hay, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + n.length <= hay.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (hay[i + j] != n[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
