package jp.vrsctl.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where a sealed value lives: it becomes the AES-GCM associated data, so a ciphertext copied to another
 * municipality, table, row, column or row version fails to open (design.md §3).
 *
 * @param municipality the tenant's municipality code
 * @param table        the table name
 * @param rowId        the row's random surrogate key
 * @param column       the column name
 * @param rowVersion   the row version the value is written with
 */
public record AeadContext(String municipality, String table, String rowId, String column, long rowVersion) {

    private static final byte LAYOUT = 1;

    public AeadContext {
        Objects.requireNonNull(municipality, "municipality");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(rowId, "rowId");
        Objects.requireNonNull(column, "column");
    }

    /**
     * The associated data for a value sealed under key {@code keyName} version {@code keyVersion}:
     * {@code [layout=1][len|municipality][len|table][len|rowId][len|column][rowVersion:8][len|keyName][keyVersion:4]},
     * lengths 4-byte big-endian, strings UTF-8. Length prefixes make the encoding injective: no two
     * different contexts give the same bytes.
     */
    public byte[] encode(String keyName, int keyVersion) {
        byte[] m = municipality.getBytes(StandardCharsets.UTF_8);
        byte[] t = table.getBytes(StandardCharsets.UTF_8);
        byte[] r = rowId.getBytes(StandardCharsets.UTF_8);
        byte[] c = column.getBytes(StandardCharsets.UTF_8);
        byte[] k = keyName.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[1 + 4 * 5 + m.length + t.length + r.length + c.length + 8 + k.length + 4];
        out[0] = LAYOUT;
        int off = 1;
        off = put(out, off, m);
        off = put(out, off, t);
        off = put(out, off, r);
        off = put(out, off, c);
        Bytes.putLong(out, off, rowVersion);
        off += 8;
        off = put(out, off, k);
        Bytes.putInt(out, off, keyVersion);
        return out;
    }

    private static int put(byte[] out, int off, byte[] part) {
        Bytes.putInt(out, off, part.length);
        System.arraycopy(part, 0, out, off + 4, part.length);
        return off + 4 + part.length;
    }
}
