package jp.vrsctl.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jp.vrsctl.crypto.DataKey;
import jp.vrsctl.crypto.Sealer;
import jp.vrsctl.store.Records.GrantRow;
import jp.vrsctl.store.Records.PrincipalRow;
import jp.vrsctl.store.UnitOfWork;

/**
 * How keys are sealed to principals: which keys each role gets (design.md §4, second table), and the
 * binding of every sealed copy to municipality, principal, key name and version.
 */
final class KeyMaterial {
    static final byte[] GRANT_INFO = "vrsctl key grant v1".getBytes(StandardCharsets.US_ASCII);
    static final String RECOVERY_NAME = "#recovery";
    static final String TICKET_COLUMN = "ticket_number";

    private KeyMaterial() {}

    static byte[] grantAad(String muni, String principalId, String keyName, int version) {
        return (muni + "|" + principalId + "|" + keyName + "|" + version).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] principalAad(String muni, String principalId) {
        return ("vrsctl principal v1|" + muni + "|" + principalId).getBytes(StandardCharsets.UTF_8);
    }

    /** Seals to {@code principal} every key version {@code source} holds that {@code role} is entitled to. */
    static List<GrantRow> grantsFor(Role role, PrincipalRow principal, Keyring source) {
        List<GrantRow> out = new ArrayList<>();
        String muni = principal.muni();
        if (role.holdsOps()) {
            for (DataKey k : source.versions(Keyring.OPS)) {
                out.add(seal(principal, k.name(), k.version(), k.exportBytes()));
            }
        }
        if (role.holdsPii()) {
            for (DataKey k : source.versions(Keyring.PII)) {
                out.add(seal(principal, k.name(), k.version(), k.exportBytes()));
            }
        }
        if (role.holdsFullIndex()) {
            for (DataKey k : source.versions(Keyring.INDEX)) {
                out.add(seal(principal, k.name(), k.version(), k.exportBytes()));
            }
        } else if (role == Role.VENUE) {
            byte[] col = source.index().columnKey(TICKET_COLUMN);
            out.add(seal(principal, Keyring.INDEX_COLUMN_PREFIX + TICKET_COLUMN, 1, col));
        }
        if (role.holdsAudit()) {
            for (String name : List.of(Keyring.AUDIT_SEAL, Keyring.AUDIT_SIGN)) {
                byte[] secret = source.secret(name);
                if (secret != null) {
                    out.add(seal(principal, name, 1, secret));
                }
            }
        }
        assert muni != null;
        return out;
    }

    static GrantRow seal(PrincipalRow principal, String keyName, int version, byte[] secret) {
        byte[] sealed = Sealer.seal(principal.kemPublic(), secret, GRANT_INFO,
                grantAad(principal.muni(), principal.id(), keyName, version));
        return new GrantRow(principal.muni(), principal.id(), keyName, version, sealed);
    }

    static void insertAll(UnitOfWork uow, List<GrantRow> grants) {
        for (GrantRow g : grants) {
            uow.insertGrant(g);
        }
    }

    /** Serialises a principal's private keys (KEM, then signing) for wrapping under their password. */
    static byte[] bundle(byte[] kemPrivate, byte[] signingPrivate) {
        ByteBuffer b = ByteBuffer.allocate(8 + kemPrivate.length + signingPrivate.length);
        b.putInt(kemPrivate.length).put(kemPrivate).putInt(signingPrivate.length).put(signingPrivate);
        return b.array();
    }

    static byte[][] unbundle(byte[] bundle) {
        ByteBuffer b = ByteBuffer.wrap(bundle);
        byte[] kem = new byte[b.getInt()];
        b.get(kem);
        byte[] sig = new byte[b.getInt()];
        b.get(sig);
        return new byte[][] {kem, sig};
    }
}
