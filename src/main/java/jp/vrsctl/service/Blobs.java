package jp.vrsctl.service;

import com.fasterxml.jackson.annotation.JsonFormat;

import jp.vrsctl.crypto.Aead;
import jp.vrsctl.crypto.AeadContext;

/**
 * The sealed JSON blobs of each table, and their binding to municipality, table, row, column and row
 * version: a blob copied to another row, version or municipality fails to open (design.md §3).
 *
 * <p>Each blob is a JSON array in the record's component order ({@code ["山田 太郎","ヤマダ タロウ",...]}),
 * not an object: the field names would be a third of every row, and the rows' size is what bounds the bulk
 * imports (docs/performance.md). Components may only be appended, never reordered or removed.
 */
final class Blobs {
    private Blobs() {}

    /** Operational data of a resident (K_ops): what a venue may see. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    record ResidentOps(String name, String kana, String birthDate, String sex, boolean dv, String movedOutOn,
                       String deceasedOn) {}

    /** Identifying data of a resident (K_pii): never sealed to a venue user. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    record ResidentPii(String addressNumber, String myNumber, String postalCode, String address) {}

    /** A ticket (K_ops). */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    record TicketOps(String ticketNumber, int kind, String issuedOn, String voidedOn, String reason, String replacedBy) {}

    /** A dose (K_ops). */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    record DoseOps(String date, String product, String lot, String venueCode, String venueName, String doctor,
                   String administeredIn, String ticketId, String source, String reason, String confirmedAt) {}

    static byte[] seal(Aead aead, String muni, String table, String id, String column, long version, Object value) {
        return aead.seal(Json.bytes(value), new AeadContext(muni, table, id, column, version));
    }

    static <T> T open(Aead aead, String muni, String table, String id, String column, long version, byte[] sealed,
                      Class<T> type) {
        return Json.read(aead.open(sealed, new AeadContext(muni, table, id, column, version)), type);
    }
}
