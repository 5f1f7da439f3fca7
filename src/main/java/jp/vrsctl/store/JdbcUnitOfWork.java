package jp.vrsctl.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import jp.vrsctl.ExitCode;
import jp.vrsctl.VrsException;
import jp.vrsctl.store.Records.AuditRow;
import jp.vrsctl.store.Records.DataKeyRow;
import jp.vrsctl.store.Records.DoseRow;
import jp.vrsctl.store.Records.GrantRow;
import jp.vrsctl.store.Records.MunicipalityRow;
import jp.vrsctl.store.Records.PrincipalRow;
import jp.vrsctl.store.Records.ResidentRow;
import jp.vrsctl.store.Records.TicketRow;

/** A unit of work over one JDBC connection. Plain SQL that both SQLite and PostgreSQL accept. */
final class JdbcUnitOfWork implements UnitOfWork {
    private static final String RESIDENT_COLS =
            "muni, id, version, bidx_address, bidx_my_number, bidx_kana, ops, pii, audit_seq, updated_at";
    private static final String TICKET_COLS =
            "muni, id, version, resident_id, dose_number, status, bidx_ticket, ops, audit_seq, updated_at";
    private static final String DOSE_COLS =
            "muni, id, version, resident_id, dose_number, status, confirmed, ops, audit_seq, updated_at";
    private static final String PRINCIPAL_COLS = "muni, id, name, role, status, kem_public, signing_public, wrapped,"
            + " must_change, failed_logins, last_failure_at, created_at";
    private static final String AUDIT_COLS = "muni, seq, at, principal_id, principal_name, role, kind, command, outcome,"
            + " counts, subjects, details, public_keys, prev_hash, hash, signature";

    private final Connection c;
    private final String where;
    private final boolean readOnly;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private boolean done;

    /** Where a finished unit's connection goes: back to its store's pool, or closed. */
    interface Release {
        void release(Connection c, boolean reusable);
    }

    private Release release = (conn, reusable) -> {
        try {
            conn.close();
        } catch (SQLException ignored) {
            // nothing more to do
        }
    };

    JdbcUnitOfWork(Connection c, String where, boolean readOnly, Release release) {
        this(c, where, readOnly);
        this.release = release;
    }

    JdbcUnitOfWork(Connection c, String where, boolean readOnly) {
        this.c = c;
        this.where = where;
        this.readOnly = readOnly;
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    private interface Mapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private PreparedStatement ps(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = c.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    private <T> List<T> query(String sql, Binder binder, Mapper<T> mapper) {
        try {
            PreparedStatement ps = ps(sql);
            binder.bind(ps);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    private <T> void stream(String sql, Binder binder, Mapper<T> mapper, Consumer<T> action) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    action.accept(mapper.map(rs));
                }
            }
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    private <T> Optional<T> one(String sql, Binder binder, Mapper<T> mapper) {
        List<T> rows = query(sql, binder, mapper);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private int update(String sql, Binder binder) {
        if (readOnly) {
            throw new IllegalStateException("write in a read-only unit of work");
        }
        try {
            PreparedStatement ps = ps(sql);
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    private VrsException fail(SQLException e) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("CONSTRAINT_TRIGGER") || msg.contains("RAISE")) {
            // a trigger refused the write (e.g. an audit table that refuses inserts): a failure, not a conflict
            return new VrsException(ExitCode.FAILURE, StoreMessages.get("store.error", msg), e);
        }
        if (msg.contains("UNIQUE") || msg.contains("unique") || msg.contains("CONSTRAINT")) {
            // The driver's text names the index, never the value (values are blind indexes anyway).
            return new VrsException(ExitCode.CONFLICT, StoreMessages.get("store.conflict", msg), e);
        }
        return SqliteStore.translate(e, where);
    }

    private static long seqOrZero(long v) {
        return v;
    }

    // ------------------------------------------------------------------ store and municipalities

    @Override
    public int schemaVersion() {
        return one("SELECT value FROM schema_info WHERE key = 'schema_version'", ps -> { },
                rs -> Integer.parseInt(rs.getString(1))).orElse(0);
    }

    private static MunicipalityRow municipalityRow(ResultSet rs) throws SQLException {
        return new MunicipalityRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
    }

    @Override
    public Optional<MunicipalityRow> municipality(String muni) {
        return one("SELECT muni, name, created_at, settings FROM municipality WHERE muni = ?",
                ps -> ps.setString(1, muni), JdbcUnitOfWork::municipalityRow);
    }

    @Override
    public List<MunicipalityRow> municipalities() {
        return query("SELECT muni, name, created_at, settings FROM municipality ORDER BY muni", ps -> { },
                JdbcUnitOfWork::municipalityRow);
    }

    @Override
    public void insertMunicipality(MunicipalityRow row) {
        update("INSERT INTO municipality (muni, name, created_at, settings) VALUES (?, ?, ?, ?)", ps -> {
            ps.setString(1, row.muni());
            ps.setString(2, row.name());
            ps.setString(3, row.createdAt());
            ps.setString(4, row.settingsJson());
        });
    }

    // ------------------------------------------------------------------ keys

    @Override
    public List<DataKeyRow> dataKeys(String muni) {
        return query("SELECT muni, name, version, created_at, is_primary, encryptions FROM data_key WHERE muni = ?"
                        + " ORDER BY name, version", ps -> ps.setString(1, muni),
                rs -> new DataKeyRow(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getInt(5) != 0, rs.getLong(6)));
    }

    @Override
    public void insertDataKey(DataKeyRow row) {
        update("INSERT INTO data_key (muni, name, version, created_at, is_primary, encryptions) VALUES (?, ?, ?, ?, ?, ?)",
                ps -> {
                    ps.setString(1, row.muni());
                    ps.setString(2, row.name());
                    ps.setInt(3, row.version());
                    ps.setString(4, row.createdAt());
                    ps.setInt(5, row.primary() ? 1 : 0);
                    ps.setLong(6, row.encryptions());
                });
    }

    @Override
    public void setPrimaryDataKey(String muni, String name, int version) {
        update("UPDATE data_key SET is_primary = CASE WHEN version = ? THEN 1 ELSE 0 END WHERE muni = ? AND name = ?",
                ps -> {
                    ps.setInt(1, version);
                    ps.setString(2, muni);
                    ps.setString(3, name);
                });
    }

    @Override
    public void addEncryptions(String muni, String name, int version, long count) {
        if (count == 0) {
            return;
        }
        update("UPDATE data_key SET encryptions = encryptions + ? WHERE muni = ? AND name = ? AND version = ?", ps -> {
            ps.setLong(1, count);
            ps.setString(2, muni);
            ps.setString(3, name);
            ps.setInt(4, version);
        });
    }

    // ------------------------------------------------------------------ principals

    private static PrincipalRow principalRow(ResultSet rs) throws SQLException {
        return new PrincipalRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getBytes(6), rs.getBytes(7), rs.getBytes(8), rs.getInt(9) != 0, rs.getInt(10), rs.getString(11),
                rs.getString(12));
    }

    @Override
    public Optional<PrincipalRow> principalByName(String muni, String name) {
        return one("SELECT " + PRINCIPAL_COLS + " FROM principal WHERE muni = ? AND name = ?", ps -> {
            ps.setString(1, muni);
            ps.setString(2, name);
        }, JdbcUnitOfWork::principalRow);
    }

    @Override
    public Optional<PrincipalRow> principal(String muni, String id) {
        return one("SELECT " + PRINCIPAL_COLS + " FROM principal WHERE muni = ? AND id = ?", ps -> {
            ps.setString(1, muni);
            ps.setString(2, id);
        }, JdbcUnitOfWork::principalRow);
    }

    @Override
    public List<PrincipalRow> principals(String muni) {
        return query("SELECT " + PRINCIPAL_COLS + " FROM principal WHERE muni = ? ORDER BY name",
                ps -> ps.setString(1, muni), JdbcUnitOfWork::principalRow);
    }

    private static void bindPrincipal(PreparedStatement ps, PrincipalRow r) throws SQLException {
        ps.setString(1, r.muni());
        ps.setString(2, r.id());
        ps.setString(3, r.name());
        ps.setString(4, r.role());
        ps.setString(5, r.status());
        ps.setBytes(6, r.kemPublic());
        ps.setBytes(7, r.signingPublic());
        ps.setBytes(8, r.wrapped());
        ps.setInt(9, r.mustChangePassword() ? 1 : 0);
        ps.setInt(10, r.failedLogins());
        ps.setString(11, r.lastFailureAt());
        ps.setString(12, r.createdAt());
    }

    @Override
    public void insertPrincipal(PrincipalRow row) {
        update("INSERT INTO principal (" + PRINCIPAL_COLS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ps -> bindPrincipal(ps, row));
    }

    @Override
    public void updatePrincipal(PrincipalRow row) {
        int n = update("UPDATE principal SET muni = ?, id = ?, name = ?, role = ?, status = ?, kem_public = ?,"
                + " signing_public = ?, wrapped = ?, must_change = ?, failed_logins = ?, last_failure_at = ?,"
                + " created_at = ? WHERE muni = ? AND id = ?", ps -> {
                    bindPrincipal(ps, row);
                    ps.setString(13, row.muni());
                    ps.setString(14, row.id());
                });
        requireOne(n);
    }

    @Override
    public List<GrantRow> grants(String muni, String principalId) {
        return query("SELECT muni, principal_id, key_name, key_version, sealed FROM key_grant"
                        + " WHERE muni = ? AND principal_id = ? ORDER BY key_name, key_version", ps -> {
                    ps.setString(1, muni);
                    ps.setString(2, principalId);
                }, rs -> new GrantRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getBytes(5)));
    }

    @Override
    public void insertGrant(GrantRow row) {
        update("INSERT INTO key_grant (muni, principal_id, key_name, key_version, sealed) VALUES (?, ?, ?, ?, ?)", ps -> {
            ps.setString(1, row.muni());
            ps.setString(2, row.principalId());
            ps.setString(3, row.keyName());
            ps.setInt(4, row.keyVersion());
            ps.setBytes(5, row.sealed());
        });
    }

    @Override
    public void deleteGrants(String muni, String principalId) {
        update("DELETE FROM key_grant WHERE muni = ? AND principal_id = ?", ps -> {
            ps.setString(1, muni);
            ps.setString(2, principalId);
        });
    }

    // ------------------------------------------------------------------ residents

    private static ResidentRow residentRow(ResultSet rs) throws SQLException {
        return new ResidentRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBytes(4), rs.getBytes(5),
                rs.getBytes(6), rs.getBytes(7), rs.getBytes(8), rs.getLong(9), rs.getString(10));
    }

    private static void bindResident(PreparedStatement ps, ResidentRow r) throws SQLException {
        ps.setString(1, r.muni());
        ps.setString(2, r.id());
        ps.setLong(3, r.version());
        ps.setBytes(4, r.bidxAddress());
        ps.setBytes(5, r.bidxMyNumber());
        ps.setBytes(6, r.bidxKana());
        ps.setBytes(7, r.ops());
        ps.setBytes(8, r.pii());
        ps.setLong(9, seqOrZero(r.auditSeq()));
        ps.setString(10, r.updatedAt());
    }

    @Override
    public Optional<ResidentRow> resident(String muni, String id) {
        return one("SELECT " + RESIDENT_COLS + " FROM resident WHERE muni = ? AND id = ?", ps -> {
            ps.setString(1, muni);
            ps.setString(2, id);
        }, JdbcUnitOfWork::residentRow);
    }

    @Override
    public Optional<ResidentRow> residentByAddress(String muni, byte[] bidx) {
        return one("SELECT " + RESIDENT_COLS + " FROM resident WHERE muni = ? AND bidx_address = ?", ps -> {
            ps.setString(1, muni);
            ps.setBytes(2, bidx);
        }, JdbcUnitOfWork::residentRow);
    }

    @Override
    public Optional<ResidentRow> residentByMyNumber(String muni, byte[] bidx) {
        return one("SELECT " + RESIDENT_COLS + " FROM resident WHERE muni = ? AND bidx_my_number = ?", ps -> {
            ps.setString(1, muni);
            ps.setBytes(2, bidx);
        }, JdbcUnitOfWork::residentRow);
    }

    @Override
    public List<ResidentRow> residentsByKana(String muni, byte[] bidx) {
        return query("SELECT " + RESIDENT_COLS + " FROM resident WHERE muni = ? AND bidx_kana = ? ORDER BY id", ps -> {
            ps.setString(1, muni);
            ps.setBytes(2, bidx);
        }, JdbcUnitOfWork::residentRow);
    }

    @Override
    public void forEachResident(String muni, Consumer<ResidentRow> action) {
        stream("SELECT " + RESIDENT_COLS + " FROM resident WHERE muni = ? ORDER BY id", ps -> ps.setString(1, muni),
                JdbcUnitOfWork::residentRow, action);
    }

    @Override
    public void forEachResidentKey(String muni, java.util.function.BiConsumer<byte[], byte[]> action) {
        stream("SELECT bidx_address, bidx_my_number FROM resident WHERE muni = ?", ps -> ps.setString(1, muni),
                rs -> new byte[][] {rs.getBytes(1), rs.getBytes(2)}, k -> action.accept(k[0], k[1]));
    }

    @Override
    public void forEachResidentWithDoses(String muni, Consumer<String> action) {
        stream("SELECT DISTINCT resident_id FROM dose WHERE muni = ?", ps -> ps.setString(1, muni), rs -> rs.getString(1),
                action);
    }

    @Override
    public long countResidents(String muni) {
        return one("SELECT count(*) FROM resident WHERE muni = ?", ps -> ps.setString(1, muni), rs -> rs.getLong(1))
                .orElse(0L);
    }

    @Override
    public void insertResident(ResidentRow row) {
        update("INSERT INTO resident (" + RESIDENT_COLS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ps -> bindResident(ps, row));
    }

    @Override
    public void updateResident(ResidentRow row) {
        moveToHistory("resident", RESIDENT_COLS, row.muni(), row.id(), row.version() - 1);
        update("UPDATE resident SET muni = ?, id = ?, version = ?, bidx_address = ?, bidx_my_number = ?, bidx_kana = ?,"
                + " ops = ?, pii = ?, audit_seq = ?, updated_at = ? WHERE muni = ? AND id = ?", ps -> {
                    bindResident(ps, row);
                    ps.setString(11, row.muni());
                    ps.setString(12, row.id());
                });
    }

    @Override
    public List<ResidentRow> residentHistory(String muni, String id) {
        return query("SELECT " + RESIDENT_COLS + " FROM resident_history WHERE muni = ? AND id = ? ORDER BY version",
                ps -> {
                    ps.setString(1, muni);
                    ps.setString(2, id);
                }, JdbcUnitOfWork::residentRow);
    }

    // ------------------------------------------------------------------ tickets

    private static TicketRow ticketRow(ResultSet rs) throws SQLException {
        return new TicketRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getInt(5),
                rs.getString(6), rs.getBytes(7), rs.getBytes(8), rs.getLong(9), rs.getString(10));
    }

    private static void bindTicket(PreparedStatement ps, TicketRow r) throws SQLException {
        ps.setString(1, r.muni());
        ps.setString(2, r.id());
        ps.setLong(3, r.version());
        ps.setString(4, r.residentId());
        ps.setInt(5, r.doseNumber());
        ps.setString(6, r.status());
        ps.setBytes(7, r.bidxTicket());
        ps.setBytes(8, r.ops());
        ps.setLong(9, r.auditSeq());
        ps.setString(10, r.updatedAt());
    }

    @Override
    public Optional<TicketRow> ticket(String muni, String id) {
        return one("SELECT " + TICKET_COLS + " FROM ticket WHERE muni = ? AND id = ?", ps -> {
            ps.setString(1, muni);
            ps.setString(2, id);
        }, JdbcUnitOfWork::ticketRow);
    }

    @Override
    public Optional<TicketRow> ticketByNumber(String muni, byte[] bidx) {
        return one("SELECT " + TICKET_COLS + " FROM ticket WHERE muni = ? AND bidx_ticket = ?", ps -> {
            ps.setString(1, muni);
            ps.setBytes(2, bidx);
        }, JdbcUnitOfWork::ticketRow);
    }

    @Override
    public List<TicketRow> ticketsOfResident(String muni, String residentId) {
        return query("SELECT " + TICKET_COLS + " FROM ticket WHERE muni = ? AND resident_id = ? ORDER BY dose_number, id",
                ps -> {
                    ps.setString(1, muni);
                    ps.setString(2, residentId);
                }, JdbcUnitOfWork::ticketRow);
    }

    @Override
    public void forEachTicket(String muni, Consumer<TicketRow> action) {
        stream("SELECT " + TICKET_COLS + " FROM ticket WHERE muni = ? ORDER BY resident_id, dose_number, id",
                ps -> ps.setString(1, muni), JdbcUnitOfWork::ticketRow, action);
    }

    @Override
    public void forEachTicketKey(String muni, Consumer<byte[]> action) {
        stream("SELECT bidx_ticket FROM ticket WHERE muni = ?", ps -> ps.setString(1, muni), rs -> rs.getBytes(1),
                action);
    }

    @Override
    public void insertTicket(TicketRow row) {
        update("INSERT INTO ticket (" + TICKET_COLS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> bindTicket(ps, row));
    }

    @Override
    public void updateTicket(TicketRow row) {
        moveToHistory("ticket", TICKET_COLS, row.muni(), row.id(), row.version() - 1);
        update("UPDATE ticket SET muni = ?, id = ?, version = ?, resident_id = ?, dose_number = ?, status = ?,"
                + " bidx_ticket = ?, ops = ?, audit_seq = ?, updated_at = ? WHERE muni = ? AND id = ?", ps -> {
                    bindTicket(ps, row);
                    ps.setString(11, row.muni());
                    ps.setString(12, row.id());
                });
    }

    // ------------------------------------------------------------------ doses

    private static DoseRow doseRow(ResultSet rs) throws SQLException {
        return new DoseRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getInt(5),
                rs.getString(6), rs.getInt(7) != 0, rs.getBytes(8), rs.getLong(9), rs.getString(10));
    }

    private static void bindDose(PreparedStatement ps, DoseRow r) throws SQLException {
        ps.setString(1, r.muni());
        ps.setString(2, r.id());
        ps.setLong(3, r.version());
        ps.setString(4, r.residentId());
        ps.setInt(5, r.doseNumber());
        ps.setString(6, r.status());
        ps.setInt(7, r.confirmed() ? 1 : 0);
        ps.setBytes(8, r.ops());
        ps.setLong(9, r.auditSeq());
        ps.setString(10, r.updatedAt());
    }

    @Override
    public Optional<DoseRow> dose(String muni, String id) {
        return one("SELECT " + DOSE_COLS + " FROM dose WHERE muni = ? AND id = ?", ps -> {
            ps.setString(1, muni);
            ps.setString(2, id);
        }, JdbcUnitOfWork::doseRow);
    }

    @Override
    public List<DoseRow> dosesOfResident(String muni, String residentId) {
        return query("SELECT " + DOSE_COLS + " FROM dose WHERE muni = ? AND resident_id = ? ORDER BY dose_number, id",
                ps -> {
                    ps.setString(1, muni);
                    ps.setString(2, residentId);
                }, JdbcUnitOfWork::doseRow);
    }

    @Override
    public void forEachDose(String muni, Consumer<DoseRow> action) {
        stream("SELECT " + DOSE_COLS + " FROM dose WHERE muni = ? ORDER BY resident_id, dose_number, id",
                ps -> ps.setString(1, muni), JdbcUnitOfWork::doseRow, action);
    }

    @Override
    public void insertDose(DoseRow row) {
        update("INSERT INTO dose (" + DOSE_COLS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> bindDose(ps, row));
    }

    @Override
    public void updateDose(DoseRow row) {
        moveToHistory("dose", DOSE_COLS, row.muni(), row.id(), row.version() - 1);
        update("UPDATE dose SET muni = ?, id = ?, version = ?, resident_id = ?, dose_number = ?, status = ?,"
                + " confirmed = ?, ops = ?, audit_seq = ?, updated_at = ? WHERE muni = ? AND id = ?", ps -> {
                    bindDose(ps, row);
                    ps.setString(11, row.muni());
                    ps.setString(12, row.id());
                });
    }

    @Override
    public List<DoseRow> doseHistory(String muni, String id) {
        return query("SELECT " + DOSE_COLS + " FROM dose_history WHERE muni = ? AND id = ? ORDER BY version", ps -> {
            ps.setString(1, muni);
            ps.setString(2, id);
        }, JdbcUnitOfWork::doseRow);
    }

    // ------------------------------------------------------------------ re-sealing

    @Override
    public List<Records.SealedRow> sealedBatch(String muni, String table, String afterId, long afterVersion, int limit) {
        List<String> cols = SEALED_TABLES.get(table);
        if (cols == null) {
            throw new IllegalArgumentException(table);
        }
        String sql = "SELECT id, version, " + String.join(", ", cols) + " FROM " + table
                + " WHERE muni = ? AND (id > ? OR (id = ? AND version > ?)) ORDER BY id, version LIMIT ?";
        return query(sql, ps -> {
            ps.setString(1, muni);
            ps.setString(2, afterId);
            ps.setString(3, afterId);
            ps.setLong(4, afterVersion);
            ps.setInt(5, limit);
        }, rs -> {
            java.util.Map<String, byte[]> m = new java.util.LinkedHashMap<>();
            for (int i = 0; i < cols.size(); i++) {
                m.put(cols.get(i), rs.getBytes(3 + i));
            }
            return new Records.SealedRow(table, rs.getString(1), rs.getLong(2), m);
        });
    }

    @Override
    public void updateSealed(String muni, String table, String id, long version, String column, byte[] sealed) {
        if (!SEALED_TABLES.containsKey(table) || !SEALED_TABLES.get(table).contains(column)) {
            throw new IllegalArgumentException(table + "." + column);
        }
        requireOne(update("UPDATE " + table + " SET " + column + " = ? WHERE muni = ? AND id = ? AND version = ?", ps -> {
            ps.setBytes(1, sealed);
            ps.setString(2, muni);
            ps.setString(3, id);
            ps.setLong(4, version);
        }));
    }

    // ------------------------------------------------------------------ audit

    private static AuditRow auditRow(ResultSet rs) throws SQLException {
        return new AuditRow(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                rs.getBytes(12), rs.getString(13), rs.getBytes(14), rs.getBytes(15), rs.getBytes(16));
    }

    @Override
    public Optional<AuditRow> lastAudit(String muni) {
        return one("SELECT " + AUDIT_COLS + " FROM audit WHERE muni = ? ORDER BY seq DESC LIMIT 1",
                ps -> ps.setString(1, muni), JdbcUnitOfWork::auditRow);
    }

    @Override
    public void insertAudit(AuditRow r) {
        update("INSERT INTO audit (" + AUDIT_COLS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
            ps.setString(1, r.muni());
            ps.setLong(2, r.seq());
            ps.setString(3, r.at());
            ps.setString(4, r.principalId());
            ps.setString(5, r.principalName());
            ps.setString(6, r.role());
            ps.setString(7, r.kind());
            ps.setString(8, r.command());
            ps.setString(9, r.outcome());
            ps.setString(10, r.countsJson());
            ps.setString(11, r.subjects());
            ps.setBytes(12, r.details());
            ps.setString(13, r.publicKeys());
            ps.setBytes(14, r.prevHash());
            ps.setBytes(15, r.hash());
            ps.setBytes(16, r.signature());
        });
    }

    @Override
    public Optional<AuditRow> auditAt(String muni, long seq) {
        return one("SELECT " + AUDIT_COLS + " FROM audit WHERE muni = ? AND seq = ?", ps -> {
            ps.setString(1, muni);
            ps.setLong(2, seq);
        }, JdbcUnitOfWork::auditRow);
    }

    @Override
    public void forEachAudit(String muni, long fromSeq, Consumer<AuditRow> action) {
        stream("SELECT " + AUDIT_COLS + " FROM audit WHERE muni = ? AND seq >= ? ORDER BY seq", ps -> {
            ps.setString(1, muni);
            ps.setLong(2, fromSeq);
        }, JdbcUnitOfWork::auditRow, action);
    }

    @Override
    public void forEachAuditBetween(String muni, long fromSeq, long toSeq, Consumer<AuditRow> action) {
        stream("SELECT " + AUDIT_COLS + " FROM audit WHERE muni = ? AND seq >= ? AND seq <= ? ORDER BY seq", ps -> {
            ps.setString(1, muni);
            ps.setLong(2, fromSeq);
            ps.setLong(3, toSeq);
        }, JdbcUnitOfWork::auditRow, action);
    }

    @Override
    public void forEachKeyIntroduction(String muni, long beforeSeq, Consumer<AuditRow> action) {
        stream("SELECT " + AUDIT_COLS + " FROM audit WHERE muni = ? AND seq < ? AND public_keys IS NOT NULL ORDER BY seq",
                ps -> {
                    ps.setString(1, muni);
                    ps.setLong(2, beforeSeq);
                }, JdbcUnitOfWork::auditRow, action);
    }

    private static Records.CheckpointRow checkpointRow(ResultSet rs) throws SQLException {
        return new Records.CheckpointRow(rs.getString(1), rs.getLong(2), rs.getBytes(3), rs.getString(4),
                rs.getString(5), rs.getBytes(6));
    }

    @Override
    public void insertCheckpoint(Records.CheckpointRow r) {
        update("INSERT INTO audit_checkpoint (muni, seq, chain_hash, at, principal_id, signature) VALUES (?, ?, ?, ?, ?, ?)",
                ps -> {
                    ps.setString(1, r.muni());
                    ps.setLong(2, r.seq());
                    ps.setBytes(3, r.chainHash());
                    ps.setString(4, r.at());
                    ps.setString(5, r.principalId());
                    ps.setBytes(6, r.signature());
                });
    }

    @Override
    public Optional<Records.CheckpointRow> lastCheckpoint(String muni) {
        return one("SELECT muni, seq, chain_hash, at, principal_id, signature FROM audit_checkpoint WHERE muni = ?"
                + " ORDER BY seq DESC LIMIT 1", ps -> ps.setString(1, muni), JdbcUnitOfWork::checkpointRow);
    }

    @Override
    public List<Records.CheckpointRow> checkpoints(String muni) {
        return query("SELECT muni, seq, chain_hash, at, principal_id, signature FROM audit_checkpoint WHERE muni = ?"
                + " ORDER BY seq", ps -> ps.setString(1, muni), JdbcUnitOfWork::checkpointRow);
    }

    /**
     * Copies the current version of a row into its history table before it is replaced; the version check
     * makes a concurrent change (or a stale caller) fail with a conflict instead of losing a version.
     */
    private void moveToHistory(String table, String cols, String muni, String id, long currentVersion) {
        requireOne(update("INSERT INTO " + table + "_history (" + cols + ") SELECT " + cols + " FROM " + table
                + " WHERE muni = ? AND id = ? AND version = ?", ps -> {
                    ps.setString(1, muni);
                    ps.setString(2, id);
                    ps.setLong(3, currentVersion);
                }));
    }

    // ------------------------------------------------------------------ transaction

    private static void requireOne(int n) {
        if (n != 1) {
            throw new VrsException(ExitCode.CONFLICT, StoreMessages.get("store.conflict", "row changed concurrently"));
        }
    }

    @Override
    public void commit() {
        try {
            c.commit();
            done = true;
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void rollback() {
        try {
            if (!done) {
                c.rollback();
            }
            done = true;
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        boolean clean = true;
        try {
            if (!done) {
                c.rollback();
                done = true;
            }
        } catch (SQLException e) {
            clean = false;
        } finally {
            for (PreparedStatement ps : statements.values()) {
                try {
                    ps.close();
                } catch (SQLException ignored) {
                    clean = false;
                }
            }
            release.release(c, clean);
        }
    }

    private boolean closed;
}
