package jp.vrsctl.domain;

import java.util.Locale;

/** Sex as held by the resident register; codes follow the register's 1 / 2 / 9. */
public enum Sex {
    MALE("1"), FEMALE("2"), UNKNOWN("9");

    private final String code;

    Sex(String code) {
        this.code = code;
    }

    /**
     * Parses {@code 1}/{@code 男}/{@code 男性}/{@code M}/{@code male}, {@code 2}/{@code 女}/{@code 女性}/{@code F}/{@code female},
     * {@code 9}/{@code 不明}/{@code unknown} after NFKC and trim, case-insensitive.
     */
    public static Sex parse(String raw) {
        String s = Text.nfkcStrip(raw).toUpperCase(Locale.ROOT);
        switch (s) {
            case "1": case "男": case "男性": case "M": case "MALE":
                return MALE;
            case "2": case "女": case "女性": case "F": case "FEMALE":
                return FEMALE;
            case "9": case "不明": case "UNKNOWN":
                return UNKNOWN;
            case "":
                throw Text.invalid("sex.empty");
            default:
                throw Text.invalid("sex.unknown");
        }
    }

    /** {@code "1"}, {@code "2"} or {@code "9"}. */
    public String code() {
        return code;
    }
}
