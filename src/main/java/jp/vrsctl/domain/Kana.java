package jp.vrsctl.domain;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Name readings (氏名カナ). Input arrives half-width ({@code ﾔﾏﾀﾞ ﾀﾛｳ}), full-width, in hiragana, with
 * ideographic spaces; {@link #normalize(String)} brings all of them to one full-width katakana form so
 * that a reading can be matched (blind index over {@link #matchKey(String)}).
 */
public final class Kana {
    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");
    private static final int MAX_CODE_POINTS = 100;

    private Kana() {
    }

    /**
     * NFKC (widens half-width katakana, composing voiced marks: {@code ﾀﾞ} → {@code ダ}), hiragana to
     * katakana, every run of spaces (incl. U+3000) to one ASCII space, trim; then only katakana
     * (U+30A1–U+30FA), {@code ー}, {@code ・}, {@code ヽヾ} and single spaces may remain.
     *
     * @throws InvalidValueException naming the position and Unicode block of the first bad character
     *                               (never the reading itself)
     */
    public static String normalize(String raw) {
        String s = raw == null ? "" : Normalizer.normalize(raw, Normalizer.Form.NFKC);
        s = SPACES.matcher(toKatakana(s)).replaceAll(" ").strip();
        if (s.isEmpty()) {
            throw Text.invalid("kana.empty");
        }
        if (s.codePointCount(0, s.length()) > MAX_CODE_POINTS) {
            throw Text.invalid("kana.too_long", String.valueOf(MAX_CODE_POINTS));
        }
        int position = 1;
        for (int i = 0; i < s.length(); position++) {
            int cp = s.codePointAt(i);
            if (!isAllowed(cp)) {
                Character.UnicodeBlock block = Character.UnicodeBlock.of(cp);
                throw Text.invalid("kana.not_katakana", String.valueOf(position), block == null ? "unassigned" : block.toString());
            }
            i += Character.charCount(cp);
        }
        return s;
    }

    /** True if {@link #normalize(String)} would accept {@code raw}. */
    public static boolean isValid(String raw) {
        try {
            normalize(raw);
            return true;
        } catch (InvalidValueException e) {
            return false;
        }
    }

    /** The key for exact matching: the normalized reading without spaces ({@code ヤマダ タロウ} → {@code ヤマダタロウ}). */
    public static String matchKey(String normalized) {
        return normalized.replace(" ", "");
    }

    private static boolean isAllowed(int cp) {
        return (cp >= 0x30A1 && cp <= 0x30FA) || cp == 0x30FB || cp == 0x30FC || cp == 0x30FD || cp == 0x30FE || cp == ' ';
    }

    /** Hiragana ぁ–ゖ and ゝゞ to the katakana at +0x60. Everything else unchanged. */
    private static String toKatakana(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append((c >= '\u3041' && c <= '\u3096') || c == '\u309D' || c == '\u309E' ? (char) (c + 0x60) : c);
        }
        return b.toString();
    }
}
