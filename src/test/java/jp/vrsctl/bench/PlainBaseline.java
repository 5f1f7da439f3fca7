package jp.vrsctl.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;

import jp.vrsctl.domain.AddressNumber;
import jp.vrsctl.domain.JapaneseDate;
import jp.vrsctl.domain.Kana;
import jp.vrsctl.domain.MyNumber;
import jp.vrsctl.domain.PersonName;
import jp.vrsctl.domain.PostalCode;
import jp.vrsctl.domain.Sex;
import jp.vrsctl.io.ColumnSpec;
import jp.vrsctl.io.CsvRow;
import jp.vrsctl.io.CsvSource;
import jp.vrsctl.io.Encoding;
import jp.vrsctl.io.HeaderMap;
import jp.vrsctl.service.Ids;

/**
 * The baseline of the resident import (issue 5): the same CSV read with the same reader, every row validated
 * with the same domain rules, then one plain {@code INSERT} per row into SQLite in file order (unsorted),
 * in one transaction, with the store's pragmas (WAL, {@code synchronous=FULL}, {@code secure_delete}, 64 MiB
 * cache) and the same uniqueness rules as UNIQUE indexes on (municipality, 宛名番号) and (municipality, My
 * Number), and a random surrogate id as the primary key like the store's. No encryption, no blind indexes, no
 * audit entry, no file digest.
 */
final class PlainBaseline {
    /** The resident import's columns (ResidentService.COLUMNS, which is package-private). */
    static final List<ColumnSpec> COLUMNS = List.of(
            new ColumnSpec("address_number", "address_number", "宛名番号", true),
            new ColumnSpec("my_number", "my_number", "個人番号", false),
            new ColumnSpec("name", "name", "氏名", true),
            new ColumnSpec("name_kana", "name_kana", "氏名カナ", true),
            new ColumnSpec("birth_date", "birth_date", "生年月日", true),
            new ColumnSpec("sex", "sex", "性別", true),
            new ColumnSpec("postal_code", "postal_code", "郵便番号", false),
            new ColumnSpec("address", "address", "住所", false),
            new ColumnSpec("dv_protected", "dv_protected", "DV支援措置", false),
            new ColumnSpec("moved_out_on", "moved_out_on", "転出日", false),
            new ColumnSpec("deceased_on", "deceased_on", "死亡日", false));

    private PlainBaseline() {}

    /** Creates the schema in a new file; not timed. */
    static Connection create(Path db) throws SQLException {
        Properties props = new Properties();
        props.setProperty("journal_mode", "WAL");
        props.setProperty("synchronous", "FULL");
        props.setProperty("busy_timeout", "60000");
        props.setProperty("transaction_mode", "IMMEDIATE");
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + db, props);
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA secure_delete=ON");
            st.execute("PRAGMA journal_mode=WAL");
            st.execute("PRAGMA synchronous=FULL");
            st.execute("PRAGMA busy_timeout=60000");
            st.execute("PRAGMA cache_size=-262144");
            st.execute("CREATE TABLE resident (muni TEXT NOT NULL, id TEXT NOT NULL, address_number TEXT NOT NULL,"
                    + " my_number TEXT, name TEXT NOT NULL, kana TEXT NOT NULL, birth_date TEXT NOT NULL, sex TEXT NOT NULL,"
                    + " postal_code TEXT, address TEXT, dv INTEGER NOT NULL, moved_out_on TEXT, deceased_on TEXT,"
                    + " PRIMARY KEY (muni, id))");
            st.execute("CREATE UNIQUE INDEX resident_address ON resident (muni, address_number)");
            st.execute("CREATE UNIQUE INDEX resident_my_number ON resident (muni, my_number)");
        }
        return c;
    }

    /**
     * Reads, validates and inserts every row of {@code csv}, committing once; returns the rows inserted.
     * With {@code insert == false} only reads and validates (the parse-and-validate share of both imports).
     */
    static long run(Connection c, Path csv, String muni, LocalDate today, boolean insert) throws SQLException {
        long rows = 0;
        if (c != null) {
            c.setAutoCommit(false);
        }
        try (CsvSource src = CsvSource.open(csv, Encoding.AUTO);
             PreparedStatement ps = c == null ? null : c.prepareStatement("INSERT INTO resident (muni, id, address_number,"
                     + " my_number, name, kana, birth_date, sex, postal_code, address, dv, moved_out_on, deceased_on)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            HeaderMap h = HeaderMap.resolve(src, COLUMNS, false);
            CsvRow row;
            while ((row = src.next()) != null) {
                String address = AddressNumber.parse(h.get(row, "address_number")).value();
                String my = opt(h, row, "my_number");
                String myNumber = my == null ? null : MyNumber.parse(my).digits();
                String name = PersonName.validate(h.get(row, "name"));
                String kana = Kana.normalize(h.get(row, "name_kana"));
                LocalDate birth = JapaneseDate.parse(h.get(row, "birth_date"));
                String sex = Sex.parse(h.get(row, "sex")).code();
                String p = opt(h, row, "postal_code");
                String postal = p == null ? null : PostalCode.parse(p).value();
                String addr = opt(h, row, "address");
                String dvText = opt(h, row, "dv_protected");
                boolean dv = dvText != null && (dvText.equals("1") || dvText.equalsIgnoreCase("true"));
                String mo = opt(h, row, "moved_out_on");
                LocalDate movedOut = mo == null ? null : JapaneseDate.parse(mo);
                String de = opt(h, row, "deceased_on");
                LocalDate deceased = de == null ? null : JapaneseDate.parse(de);
                if (birth.isAfter(today) || (movedOut != null && movedOut.isBefore(birth))
                        || (deceased != null && deceased.isBefore(birth))) {
                    throw new IllegalStateException("invalid row at line " + row.line());
                }
                rows++;
                if (ps == null) {
                    continue;
                }
                ps.setString(1, muni);
                ps.setString(2, Ids.newId('R'));
                ps.setString(3, address);
                setOrNull(ps, 4, myNumber);
                ps.setString(5, name);
                ps.setString(6, kana);
                ps.setString(7, birth.toString());
                ps.setString(8, sex);
                setOrNull(ps, 9, postal);
                setOrNull(ps, 10, addr);
                ps.setInt(11, dv ? 1 : 0);
                setOrNull(ps, 12, movedOut == null ? null : movedOut.toString());
                setOrNull(ps, 13, deceased == null ? null : deceased.toString());
                ps.executeUpdate();
            }
        }
        if (c != null) {
            c.commit();
        }
        return rows;
    }

    private static String opt(HeaderMap h, CsvRow row, String key) {
        if (!h.has(key)) {
            return null;
        }
        String v = h.get(row, key);
        return v == null || v.isEmpty() ? null : v;
    }

    private static void setOrNull(PreparedStatement ps, int i, String v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, v);
        }
    }
}
