package jp.vrsctl.crypto;

import jp.vrsctl.ExitCode;
import jp.vrsctl.VrsException;

/**
 * Something protected by cryptography failed its check: a sealed value that does not open in its context,
 * a tampered or truncated blob, an unknown key version, a bad signature. Exit code {@link ExitCode#INTEGRITY}.
 * The message names at most non-identifying metadata (table, column, surrogate row id), never content.
 */
public class IntegrityException extends VrsException {
    private static final long serialVersionUID = 1L;

    public IntegrityException(String message) {
        super(ExitCode.INTEGRITY, message);
    }

    public IntegrityException(String message, Throwable cause) {
        super(ExitCode.INTEGRITY, message, cause);
    }
}
