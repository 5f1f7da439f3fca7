package jp.vrsctl.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MiscTest {
    @Test
    void fingerprintIsFirstHalfOfSha256InGroups() throws Exception {
        byte[] key = {1, 2, 3};
        String fp = Fingerprint.of(key);
        assertTrue(fp.matches("([0-9a-f]{4} ){7}[0-9a-f]{4}"), fp);
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(key);
        assertEquals(TestHex.hex(java.util.Arrays.copyOf(digest, 16)), fp.replace(" ", ""));
        assertNotEquals(fp, Fingerprint.of(new byte[] {1, 2, 4}));
    }

    @Test
    void secrets() {
        assertSame(Secrets.random(), Secrets.random());
        assertEquals(24, Secrets.randomBytes(24).length);
        byte[] b = {1, 2, 3};
        Secrets.wipe(b);
        assertEquals(0, b[0] | b[1] | b[2]);
        char[] c = {'p', 'w'};
        Secrets.wipe(c);
        assertEquals(0, c[0] | c[1]);
        Secrets.wipe((byte[]) null);
        Secrets.wipe((char[]) null);
    }
}
