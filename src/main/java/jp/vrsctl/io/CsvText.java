package jp.vrsctl.io;

/** RFC 4180 quoting and the formula-injection guard, shared by the CSV writers. */
final class CsvText {
    private CsvText() {
    }

    /**
     * Whether a spreadsheet would take a text cell for a formula: it starts with {@code =}, {@code +},
     * {@code -}, {@code @}, TAB or CR (the OWASP "CSV injection" list).
     */
    static boolean looksLikeFormula(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char c = text.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    /** Prefixes a formula-looking text with {@code '} so spreadsheets show it as text. */
    static String guard(String text) {
        return looksLikeFormula(text) ? "'" + text : text;
    }

    /** Appends {@code field}, quoted if it holds a comma, a double quote, CR or LF. */
    static void appendField(StringBuilder sb, String field) {
        boolean quote = false;
        for (int i = 0; i < field.length() && !quote; i++) {
            char c = field.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        if (!quote) {
            sb.append(field);
            return;
        }
        sb.append('"');
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '"') {
                sb.append('"');
            }
            sb.append(c);
        }
        sb.append('"');
    }
}
