package jp.vrsctl.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema. Every table's primary key begins with the municipality code (design.md §7), so the same
 * schema can be distributed by municipality. Identifying values are only ever sealed blobs or blind
 * indexes. The SQLite and PostgreSQL dialects differ only in column types.
 */
final class SqlSchema {
    private SqlSchema() {}

    static Integer readVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type='table' AND name='schema_info'")) {
            if (!rs.next()) {
                return null;
            }
        }
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT value FROM schema_info WHERE key='schema_version'")) {
            return rs.next() ? Integer.valueOf(rs.getString(1)) : null;
        }
    }

    static boolean isEmpty(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master")) {
            return rs.next() && rs.getInt(1) == 0;
        }
    }

    static List<String> sqliteDdl() {
        return List.of(
            "CREATE TABLE schema_info (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            "CREATE TABLE municipality (muni TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL,"
                + " settings TEXT)",
            "CREATE TABLE data_key (muni TEXT NOT NULL, name TEXT NOT NULL, version INTEGER NOT NULL,"
                + " created_at TEXT NOT NULL, is_primary INTEGER NOT NULL, encryptions INTEGER NOT NULL DEFAULT 0,"
                + " PRIMARY KEY (muni, name, version))",
            "CREATE TABLE principal (muni TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL,"
                + " status TEXT NOT NULL, kem_public BLOB NOT NULL, signing_public BLOB NOT NULL, wrapped BLOB NOT NULL,"
                + " must_change INTEGER NOT NULL, failed_logins INTEGER NOT NULL DEFAULT 0, last_failure_at TEXT,"
                + " created_at TEXT NOT NULL, PRIMARY KEY (muni, id))",
            "CREATE UNIQUE INDEX principal_name ON principal (muni, name)",
            "CREATE TABLE key_grant (muni TEXT NOT NULL, principal_id TEXT NOT NULL, key_name TEXT NOT NULL,"
                + " key_version INTEGER NOT NULL, sealed BLOB NOT NULL,"
                + " PRIMARY KEY (muni, principal_id, key_name, key_version))",
            "CREATE TABLE resident (muni TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL,"
                + " bidx_address BLOB NOT NULL, bidx_my_number BLOB, bidx_kana BLOB, ops BLOB NOT NULL, pii BLOB NOT NULL,"
                + " audit_seq INTEGER NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (muni, id))",
            "CREATE UNIQUE INDEX resident_address ON resident (muni, bidx_address)",
            "CREATE UNIQUE INDEX resident_my_number ON resident (muni, bidx_my_number)",
            "CREATE INDEX resident_kana ON resident (muni, bidx_kana)",
            "CREATE TABLE resident_history (muni TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL,"
                + " bidx_address BLOB NOT NULL, bidx_my_number BLOB, bidx_kana BLOB, ops BLOB NOT NULL, pii BLOB NOT NULL,"
                + " audit_seq INTEGER NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (muni, id, version))",
            "CREATE TABLE ticket (muni TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL,"
                + " resident_id TEXT NOT NULL, dose_number INTEGER NOT NULL, status TEXT NOT NULL,"
                + " bidx_ticket BLOB NOT NULL, ops BLOB NOT NULL, audit_seq INTEGER NOT NULL, updated_at TEXT NOT NULL,"
                + " PRIMARY KEY (muni, id), FOREIGN KEY (muni, resident_id) REFERENCES resident (muni, id))",
            "CREATE UNIQUE INDEX ticket_number ON ticket (muni, bidx_ticket)",
            "CREATE INDEX ticket_resident ON ticket (muni, resident_id)",
            "CREATE TABLE ticket_history (muni TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL,"
                + " resident_id TEXT NOT NULL, dose_number INTEGER NOT NULL, status TEXT NOT NULL,"
                + " bidx_ticket BLOB NOT NULL, ops BLOB NOT NULL, audit_seq INTEGER NOT NULL, updated_at TEXT NOT NULL,"
                + " PRIMARY KEY (muni, id, version))",
            "CREATE TABLE dose (muni TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL,"
                + " resident_id TEXT NOT NULL, dose_number INTEGER NOT NULL, status TEXT NOT NULL,"
                + " confirmed INTEGER NOT NULL, ops BLOB NOT NULL, audit_seq INTEGER NOT NULL, updated_at TEXT NOT NULL,"
                + " PRIMARY KEY (muni, id), FOREIGN KEY (muni, resident_id) REFERENCES resident (muni, id))",
            "CREATE UNIQUE INDEX dose_person_number ON dose (muni, resident_id, dose_number) WHERE status = 'active'",
            // the partial index above cannot serve "all doses of a person" (no status in the query)
            "CREATE INDEX dose_resident ON dose (muni, resident_id)",
            "CREATE TABLE dose_history (muni TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL,"
                + " resident_id TEXT NOT NULL, dose_number INTEGER NOT NULL, status TEXT NOT NULL,"
                + " confirmed INTEGER NOT NULL, ops BLOB NOT NULL, audit_seq INTEGER NOT NULL, updated_at TEXT NOT NULL,"
                + " PRIMARY KEY (muni, id, version))",
            "CREATE TABLE audit (muni TEXT NOT NULL, seq INTEGER NOT NULL, at TEXT NOT NULL, principal_id TEXT,"
                + " principal_name TEXT, role TEXT, kind TEXT NOT NULL, command TEXT NOT NULL, outcome TEXT NOT NULL,"
                + " counts TEXT, subjects TEXT, details BLOB, public_keys TEXT, prev_hash BLOB NOT NULL,"
                + " hash BLOB NOT NULL, signature BLOB, PRIMARY KEY (muni, seq))",
            // the few entries that introduce users' keys, read before verifying a segment of the chain
            "CREATE INDEX audit_keys ON audit (muni, seq) WHERE public_keys IS NOT NULL",
            "CREATE TABLE audit_checkpoint (muni TEXT NOT NULL, seq INTEGER NOT NULL, chain_hash BLOB NOT NULL,"
                + " at TEXT NOT NULL, principal_id TEXT NOT NULL, signature BLOB NOT NULL, PRIMARY KEY (muni, seq))"
        );
    }
}
