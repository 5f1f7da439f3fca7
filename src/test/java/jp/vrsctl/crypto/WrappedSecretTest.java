package jp.vrsctl.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import jp.vrsctl.ExitCode;
import org.junit.jupiter.api.Test;

class WrappedSecretTest {
    private static final byte[] AAD = "131016/user/u-42".getBytes(StandardCharsets.UTF_8);

    @Test
    void rightPasswordUnwrapsWrongOneFails() {
        byte[] secret = Secrets.randomBytes(64);
        long start = System.nanoTime();
        byte[] blob = WrappedSecret.wrap("correct horse".toCharArray(), Argon2Params.FLOOR, secret, AAD);
        assertArrayEquals(secret, WrappedSecret.unwrap("correct horse".toCharArray(), blob, AAD));
        // two Argon2id runs at FLOOR: well under a few seconds even on a slow CI machine
        assertTrue(System.nanoTime() - start < 10_000_000_000L);
        assertEquals(Argon2Params.FLOOR, WrappedSecret.paramsOf(blob));

        WrongSecretException e = assertThrows(WrongSecretException.class,
                () -> WrappedSecret.unwrap("correct horsE".toCharArray(), blob, AAD));
        assertEquals("authentication failed", e.getMessage());
        assertEquals(ExitCode.NOT_PERMITTED, e.exitCode());
        assertThrows(WrongSecretException.class, () -> WrappedSecret.unwrap("correct horse".toCharArray(), blob, null));
    }

    @Test
    void paramsTravelWithTheBlobAndAreAuthenticated() {
        Argon2Params p = new Argon2Params(20480, 3, 1);
        byte[] blob = WrappedSecret.wrap("pw".toCharArray(), p, new byte[] {1, 2, 3}, null);
        assertEquals(p, WrappedSecret.paramsOf(blob));
        assertArrayEquals(new byte[] {1, 2, 3}, WrappedSecret.unwrap("pw".toCharArray(), blob, null));
        byte[] lowered = blob.clone();
        lowered[8] = 2; // t=3 -> t=2, still >= FLOOR, so only the tag check catches it
        assertThrows(WrongSecretException.class, () -> WrappedSecret.unwrap("pw".toCharArray(), lowered, null));
        byte[] belowFloor = blob.clone();
        belowFloor[8] = 1;
        assertThrows(IntegrityException.class, () -> WrappedSecret.unwrap("pw".toCharArray(), belowFloor, null));
        byte[] wrongFormat = blob.clone();
        wrongFormat[0] = 9;
        assertThrows(IntegrityException.class, () -> WrappedSecret.paramsOf(wrongFormat));
        assertThrows(IntegrityException.class, () -> WrappedSecret.unwrap("pw".toCharArray(), new byte[20], null));
    }

    @Test
    void recoveryCodeAsSecret() {
        char[] code = RecoveryCode.generate();
        byte[] blob = WrappedSecret.wrap(RecoveryCode.normalize(code), Argon2Params.FLOOR, new byte[] {7}, null);
        char[] typed = new String(code).toLowerCase().replace('-', ' ').toCharArray();
        assertTrue(RecoveryCode.looksValid(typed));
        assertArrayEquals(new byte[] {7}, WrappedSecret.unwrap(RecoveryCode.normalize(typed), blob, null));
    }
}
