package jp.vrsctl;

/** Exit codes of every vrsctl command (design.md §8). The numbers are a contract with scripts. */
public enum ExitCode {
    OK(0), FAILURE(1), USAGE(2), INVALID_INPUT(3), NOT_PERMITTED(4), NOT_FOUND(5), CONFLICT(6), INTEGRITY(7), PARTIAL(8);

    public final int code;

    ExitCode(int code) { this.code = code; }
}
