package jp.vrsctl.io;

import jp.vrsctl.ExitCode;
import jp.vrsctl.Messages;
import jp.vrsctl.VrsException;

/**
 * A problem in a file the operator gave us (formats.md, "Errors on input"). Exit code
 * {@link ExitCode#INVALID_INPUT}. The message has the form {@code FILE:LINE: column NAME: problem}; parts that
 * are not known (file {@code null}, line {@code 0}, column {@code null}) are left out.
 *
 * <p>The problem text must never contain a value from the file that may be personal (a My Number, a name,
 * a birth date, an address); callers mask such values before building the exception.
 */
public class InputException extends VrsException {
    private static final long serialVersionUID = 1L;
    private static final Messages MSG = Messages.of(InputException.class);

    private final String file;
    private final long line;
    private final String column;
    private final String problem;

    /**
     * @param file    the file's display name, or {@code null}
     * @param line    1-based physical line where the offending record starts, or 0 if not applicable
     * @param column  the column's header name (as in the file), or {@code null}
     * @param problem what is wrong, for the operator (English, no personal data)
     */
    public InputException(String file, long line, String column, String problem) {
        super(ExitCode.INVALID_INPUT, format(file, line, column, problem));
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    /** Builds the {@code FILE:LINE: column NAME: problem} text. */
    static String format(String file, long line, String column, String problem) {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file);
        }
        if (line > 0) {
            if (sb.length() > 0) {
                sb.append(':');
            }
            sb.append(line);
        }
        if (sb.length() > 0) {
            sb.append(": ");
        }
        if (column != null) {
            sb.append(MSG.get("input.column", column)).append(": ");
        }
        sb.append(problem == null ? "" : problem);
        return sb.toString();
    }

    /** The file's display name, or {@code null}. */
    public String file() { return file; }

    /** The 1-based physical line where the record starts, or 0. */
    public long line() { return line; }

    /** The column's header name, or {@code null}. */
    public String column() { return column; }

    /** What is wrong, without the location. */
    public String problem() { return problem; }
}
