package jp.vrsctl.crypto;

import jp.vrsctl.ExitCode;
import jp.vrsctl.Messages;
import jp.vrsctl.VrsException;

/**
 * A password or recovery code did not unlock what it was meant to unlock. Exit code
 * {@link ExitCode#NOT_PERMITTED}. The message is always just "authentication failed": it must not tell an
 * attacker whether the user exists, the blob was altered, or how close the guess was.
 */
public class WrongSecretException extends VrsException {
    private static final long serialVersionUID = 1L;

    public WrongSecretException() {
        super(ExitCode.NOT_PERMITTED, Messages.of(WrongSecretException.class).get("crypto.auth.failed"));
    }
}
