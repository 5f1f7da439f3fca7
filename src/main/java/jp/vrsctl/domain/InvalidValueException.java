package jp.vrsctl.domain;

import jp.vrsctl.ExitCode;
import jp.vrsctl.VrsException;

/**
 * A value from the operator (a CSV cell, an option) that fails a domain rule. Exits with
 * {@link ExitCode#INVALID_INPUT}. The message says what is wrong and never repeats a sensitive value
 * (a My Number, a name, a birth date, an address).
 */
public class InvalidValueException extends VrsException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, in the operator's terms, without the sensitive value itself */
    public InvalidValueException(String message) {
        super(ExitCode.INVALID_INPUT, message);
    }
}
