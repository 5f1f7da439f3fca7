package jp.vrsctl.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.vrsctl.ExitCode;
import jp.vrsctl.VrsException;
import jp.vrsctl.cli.Cli;
import jp.vrsctl.cli.UserFixture;
import jp.vrsctl.crypto.Aead;
import jp.vrsctl.crypto.AeadContext;
import jp.vrsctl.crypto.DataKey;
import jp.vrsctl.crypto.IntegrityException;
import jp.vrsctl.crypto.KemKeyPair;
import jp.vrsctl.crypto.Sealer;
import jp.vrsctl.crypto.WrappedSecret;
import jp.vrsctl.crypto.WrongSecretException;
import jp.vrsctl.store.Store;

/**
 * design.md §3–4 beneath the checks: with only a venue user's password and the raw store file, neither a My
 * Number nor an address can be decrypted, and no My Number blind index can be computed. Tested at the crypto
 * and store level (JDBC over the file), not through the CLI's permission checks.
 */
class VenueKeysTest {
    @TempDir
    Path dir;

    final Clock clock = Clock.fixed(Instant.parse("2024-06-01T03:00:00Z"), ZoneOffset.UTC);

    record ResidentBlob(String id, long version, byte[] ops, byte[] pii, byte[] bidxMyNumber) {}

    /** A store with residents, the standard users, and a rotation (so K_ops and K_pii have two versions). */
    private UserFixture store() {
        UserFixture fx = new UserFixture(dir).residents(3).standardUsers();
        Cli.Result r = fx.as(Cli.ADMIN).run("key", "rotate");
        assertEquals(0, r.code(), r::toString);
        fx.residents(2); // sealed under the new versions
        return fx;
    }

    /** Reads the resident table (both key versions' rows) straight from the SQLite file. */
    private static List<ResidentBlob> residents(Path file) throws Exception {
        List<ResidentBlob> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             PreparedStatement st = c.prepareStatement(
                     "SELECT id, version, ops, pii, bidx_my_number FROM resident UNION ALL"
                             + " SELECT id, version, ops, pii, bidx_my_number FROM resident_history");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(new ResidentBlob(rs.getString(1), rs.getLong(2), rs.getBytes(3), rs.getBytes(4), rs.getBytes(5)));
            }
        }
        return out;
    }

    /** The key names sealed to {@code user} in key_grant, read from the file. */
    private static Set<String> grants(Path file, String user) throws Exception {
        Set<String> out = new TreeSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             PreparedStatement st = c.prepareStatement("SELECT g.key_name, g.key_version FROM key_grant g JOIN principal p"
                     + " ON p.muni = g.muni AND p.id = g.principal_id WHERE p.name = ?")) {
            st.setString(1, user);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + "#" + rs.getInt(2));
                }
            }
        }
        return out;
    }

    @Test
    void venuePasswordAndStoreFileOpenNoMyNumberOrAddress() throws Exception {
        UserFixture fx = store();
        Path file = fx.storeFile();
        char[] pw = fx.passwords.get(UserFixture.VENUE).toCharArray();
        List<ResidentBlob> rows = residents(file);
        assertEquals(5, rows.size());

        try (Store store = Store.open("sqlite:" + file, false);
             Session venue = new AccessService(clock).login(store, Cli.MUNI, UserFixture.VENUE, pw.clone());
             Session admin = new AccessService(clock).login(store, Cli.MUNI, Cli.ADMIN, Cli.PASSWORD.toCharArray())) {
            Keyring keys = venue.keys();
            assertFalse(keys.hasPii(), "a venue keyring holds no K_pii");
            assertFalse(keys.has(Keyring.INDEX), "a venue keyring holds no K_index");
            VrsException noPii = assertThrows(VrsException.class, keys::pii);
            assertEquals(ExitCode.NOT_PERMITTED, noPii.exitCode());
            assertEquals(Set.of(1, 2), keys.ops().versions(), "K_ops v1 and v2 sealed to the venue user");

            // every piece of key material the venue session holds, as raw 32-byte keys
            List<byte[]> material = new ArrayList<>();
            for (DataKey k : keys.versions(Keyring.OPS)) {
                material.add(k.exportBytes());
            }
            material.add(keys.index().columnKey(TicketService.COL_TICKET));
            assertEquals(3, material.size());

            for (ResidentBlob row : rows) {
                AeadContext piiCtx = new AeadContext(Cli.MUNI, "resident", row.id(), "pii", row.version());
                int piiVersion = Aead.keyVersionOf(row.pii());
                // control: the context is right, the admin opens it (so a failure below is the key's doing)
                Blobs.ResidentPii clear = Blobs.open(admin.keys().pii(), Cli.MUNI, "resident", row.id(), "pii",
                        row.version(), row.pii(), Blobs.ResidentPii.class);
                assertTrue(clear.myNumber() != null && clear.address() != null);
                // control: the venue opens the same row's operational data
                Blobs.ResidentOps ops = Blobs.open(keys.ops(), Cli.MUNI, "resident", row.id(), "ops", row.version(),
                        row.ops(), Blobs.ResidentOps.class);
                assertTrue(ops.name().startsWith("試験 太郎"));

                assertThrows(IntegrityException.class, () -> keys.ops().open(row.pii(), piiCtx),
                        "K_ops does not open the pii column");
                for (byte[] k : material) {
                    // any key the venue holds, tried as K_pii of the blob's version (AAD names "pii")
                    Aead asPii = Aead.of(List.of(DataKey.of(Keyring.PII, piiVersion, k)), piiVersion);
                    assertThrows(IntegrityException.class, () -> asPii.open(row.pii(), piiCtx));
                    Aead asOps = Aead.of(List.of(DataKey.of(Keyring.OPS, piiVersion, k)), piiVersion);
                    assertThrows(IntegrityException.class, () -> asOps.open(row.pii(), piiCtx));
                }

                // no My Number blind index either: the venue holds the ticket column key only
                assertThrows(IllegalStateException.class,
                        () -> keys.index().compute(ResidentService.COL_MY_NUMBER, clear.myNumber()));
                assertThrows(IllegalStateException.class,
                        () -> keys.index().compute(ResidentService.COL_ADDRESS, clear.addressNumber()));
                assertArrayEquals(row.bidxMyNumber(),
                        admin.keys().index().compute(ResidentService.COL_MY_NUMBER, clear.myNumber()),
                        "control: the admin computes the stored My Number index");
            }
            assertFalse(keys.index().canCompute(ResidentService.COL_MY_NUMBER));
            assertTrue(keys.index().canCompute(TicketService.COL_TICKET));
            // the ticket column key the venue holds is the real one (control for the material above)
            assertArrayEquals(admin.keys().index().compute(TicketService.COL_TICKET, fx.people.get(0).ticket()),
                    keys.index().compute(TicketService.COL_TICKET, fx.people.get(0).ticket()));
        }

        // the key_grant rows sealed to the venue user: K_ops (every version) and the ticket column key only
        assertEquals(Set.of("ops#1", "ops#2", "index:ticket_number#1"), grants(file, UserFixture.VENUE));
        for (String g : grants(file, UserFixture.VENUE)) {
            assertFalse(g.startsWith("pii#") || g.startsWith("index#"), g);
        }
    }

    /**
     * Below the Keyring: the venue password unwraps only the venue user's own private keys, and those open no
     * K_pii or K_index grant of anyone (they are sealed to other users' public keys) nor the recovery identity.
     */
    @Test
    void venuePrivateKeyOpensNoOtherGrant() throws Exception {
        UserFixture fx = store();
        Path file = fx.storeFile();
        char[] pw = fx.passwords.get(UserFixture.VENUE).toCharArray();
        int piiOrIndexGrants = 0;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            byte[] venueKem;
            byte[] venueBundle;
            String venueId;
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT id, kem_public, wrapped FROM principal WHERE muni = ? AND name = ?")) {
                st.setString(1, Cli.MUNI);
                st.setString(2, UserFixture.VENUE);
                try (ResultSet rs = st.executeQuery()) {
                    assertTrue(rs.next());
                    venueId = rs.getString(1);
                    venueKem = rs.getBytes(2);
                    venueBundle = WrappedSecret.unwrap(pw, rs.getBytes(3), KeyMaterial.principalAad(Cli.MUNI, venueId));
                }
            }
            KemKeyPair kem = KemKeyPair.of(venueKem, KeyMaterial.unbundle(venueBundle)[0]);
            // the recovery identity's wrapped keys do not open with the venue password
            try (PreparedStatement st = c.prepareStatement("SELECT id, wrapped FROM principal WHERE role = 'recovery'");
                 ResultSet rs = st.executeQuery()) {
                assertTrue(rs.next());
                String recId = rs.getString(1);
                byte[] wrapped = rs.getBytes(2);
                assertThrows(WrongSecretException.class,
                        () -> WrappedSecret.unwrap(pw, wrapped, KeyMaterial.principalAad(Cli.MUNI, recId)));
            }
            try (PreparedStatement st = c.prepareStatement("SELECT principal_id, key_name, key_version, sealed FROM key_grant");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String principal = rs.getString(1);
                    String name = rs.getString(2);
                    int version = rs.getInt(3);
                    byte[] sealed = rs.getBytes(4);
                    if (principal.equals(venueId)) {
                        // control: the venue's own grants open with its key
                        Sealer.open(kem, sealed, KeyMaterial.GRANT_INFO,
                                KeyMaterial.grantAad(Cli.MUNI, principal, name, version));
                        continue;
                    }
                    if (!name.equals(Keyring.PII) && !name.equals(Keyring.INDEX)) {
                        continue;
                    }
                    piiOrIndexGrants++;
                    for (String claimed : List.of(principal, venueId)) {
                        assertThrows(IntegrityException.class, () -> Sealer.open(kem, sealed, KeyMaterial.GRANT_INFO,
                                KeyMaterial.grantAad(Cli.MUNI, claimed, name, version)),
                                "a " + name + " grant opened with the venue key");
                    }
                }
            }
            kem.destroy();
        }
        // admin, operator, recovery: K_pii v1+v2 and K_index each (the test saw them all)
        assertTrue(piiOrIndexGrants >= 9, "pii/index grants checked: " + piiOrIndexGrants);
    }

    @Test
    void auditorHoldsNoDataKey() throws Exception {
        UserFixture fx = store();
        Path file = fx.storeFile();
        try (Store store = Store.open("sqlite:" + file, false);
             Session aud = new AccessService(clock).login(store, Cli.MUNI, UserFixture.AUDITOR,
                     fx.passwords.get(UserFixture.AUDITOR).toCharArray())) {
            Keyring keys = aud.keys();
            assertFalse(keys.hasPii());
            assertFalse(keys.has(Keyring.OPS));
            assertFalse(keys.has(Keyring.INDEX));
            assertEquals(ExitCode.NOT_PERMITTED, assertThrows(VrsException.class, keys::ops).exitCode());
            assertEquals(ExitCode.NOT_PERMITTED, assertThrows(VrsException.class, keys::pii).exitCode());
            assertEquals(ExitCode.NOT_PERMITTED, assertThrows(VrsException.class, keys::index).exitCode());
            assertTrue(keys.secret(Keyring.AUDIT_SEAL) != null && keys.secret(Keyring.AUDIT_SIGN) != null,
                    "the auditor holds the audit keys");
            ResidentBlob row = residents(file).get(0);
            // the audit secrets are no data key either
            for (String name : List.of(Keyring.AUDIT_SEAL, Keyring.AUDIT_SIGN)) {
                byte[] secret = keys.secret(name);
                byte[] k = java.util.Arrays.copyOf(secret, DataKey.LENGTH);
                for (String col : List.of("ops", "pii")) {
                    byte[] blob = col.equals("ops") ? row.ops() : row.pii();
                    int v = Aead.keyVersionOf(blob);
                    Aead a = Aead.of(List.of(DataKey.of(col, v, k)), v);
                    assertThrows(IntegrityException.class,
                            () -> a.open(blob, new AeadContext(Cli.MUNI, "resident", row.id(), col, row.version())));
                }
            }
        }
        Set<String> g = grants(file, UserFixture.AUDITOR);
        assertEquals(Set.of("audit-seal#1", "audit-sign#1"), g);
        for (String name : g) {
            assertFalse(name.startsWith("ops#") || name.startsWith("pii#") || name.startsWith("index"), name);
        }
    }

    @Test
    void roleChangeToVenueDropsPiiGrants() throws Exception {
        UserFixture fx = store();
        Path file = fx.storeFile();
        assertTrue(grants(file, UserFixture.OPERATOR).containsAll(Set.of("pii#1", "pii#2", "index#1")));
        Cli.Result r = fx.as(Cli.ADMIN).run("user", "role", UserFixture.OPERATOR, "venue");
        assertEquals(0, r.code(), r::toString);
        assertEquals(Set.of("ops#1", "ops#2", "index:ticket_number#1"), grants(file, UserFixture.OPERATOR));
        try (Store store = Store.open("sqlite:" + file, false);
             Session s = new AccessService(clock).login(store, Cli.MUNI, UserFixture.OPERATOR,
                     fx.passwords.get(UserFixture.OPERATOR).toCharArray())) {
            assertEquals(Role.VENUE, s.role());
            assertFalse(s.keys().hasPii());
            assertFalse(s.keys().index().canCompute(ResidentService.COL_MY_NUMBER));
        }
        assertTrue(Files.size(file) > 0);
    }
}
