package jp.vrsctl;

/**
 * Base of every exception whose message is meant for the operator. The message must never contain a
 * password, a key, a My Number, a name, a birth date or an address in clear.
 */
public class VrsException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ExitCode exitCode;

    public VrsException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public VrsException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() { return exitCode; }
}
