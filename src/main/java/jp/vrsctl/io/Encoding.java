package jp.vrsctl.io;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import jp.vrsctl.ExitCode;
import jp.vrsctl.Messages;
import jp.vrsctl.VrsException;

/** The {@code --encoding} of an input file (formats.md, top section). */
public enum Encoding {
    /** Valid UTF-8 (with or without BOM) is UTF-8; otherwise Windows-31J if it decodes cleanly; otherwise refused. */
    AUTO,
    /** UTF-8, with or without BOM. */
    UTF_8,
    /** Windows-31J (Microsoft's CP932), which is what "Shift_JIS" files from Windows and Excel really are. */
    WINDOWS_31J;

    /** The Windows-31J charset ({@code MS932} in the JDK). */
    public static final Charset WINDOWS_31J_CHARSET = Charset.forName("windows-31j");

    /**
     * Parses an option value, case-insensitively: {@code auto}; {@code utf-8}, {@code utf8};
     * {@code windows-31j}, {@code cp932}, {@code ms932}, {@code sjis}, {@code shift_jis}, {@code shift-jis}.
     *
     * <p>{@code shift_jis} and {@code sjis} deliberately map to Windows-31J: files called "Shift_JIS" in Japanese
     * offices come from Windows or Excel and use CP932's extensions (NEC specials such as ①, ㈱, Ⅲ; IBM
     * extensions such as 髙, 﨑) and CP932's mapping of 0x8160 to U+FF5E (～). The JDK's strict "Shift_JIS"
     * (JIS X 0208) would reject those characters or map them differently (domain.md §5).
     *
     * @throws VrsException with {@link ExitCode#USAGE} for any other value
     */
    public static Encoding parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "auto":
                return AUTO;
            case "utf-8":
            case "utf8":
                return UTF_8;
            case "windows-31j":
            case "windows31j":
            case "cp932":
            case "ms932":
            case "sjis":
            case "shift_jis":
            case "shift-jis":
                return WINDOWS_31J;
            default:
                throw new VrsException(ExitCode.USAGE,
                        Messages.of(Encoding.class).get("encoding.unknown", String.valueOf(value)));
        }
    }

    /** The charset this encoding names, or empty for {@link #AUTO}. */
    public Optional<Charset> fixedCharset() {
        switch (this) {
            case UTF_8:
                return Optional.of(StandardCharsets.UTF_8);
            case WINDOWS_31J:
                return Optional.of(WINDOWS_31J_CHARSET);
            default:
                return Optional.empty();
        }
    }
}
