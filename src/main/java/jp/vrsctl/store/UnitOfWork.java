package jp.vrsctl.store;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import jp.vrsctl.store.Records.AuditRow;
import jp.vrsctl.store.Records.DataKeyRow;
import jp.vrsctl.store.Records.DoseRow;
import jp.vrsctl.store.Records.GrantRow;
import jp.vrsctl.store.Records.MunicipalityRow;
import jp.vrsctl.store.Records.PrincipalRow;
import jp.vrsctl.store.Records.ResidentRow;
import jp.vrsctl.store.Records.TicketRow;

/**
 * One transaction. Every method is scoped by municipality code: nothing reads or writes across
 * municipalities (design.md §7). {@link #close()} rolls back unless {@link #commit()} was called, so
 * a command that fails half way leaves nothing behind.
 */
public interface UnitOfWork extends AutoCloseable {

    // --- store and municipalities
    int schemaVersion();

    Optional<MunicipalityRow> municipality(String muni);

    List<MunicipalityRow> municipalities();

    void insertMunicipality(MunicipalityRow row);

    // --- keys
    List<DataKeyRow> dataKeys(String muni);

    void insertDataKey(DataKeyRow row);

    void setPrimaryDataKey(String muni, String name, int version);

    void addEncryptions(String muni, String name, int version, long count);

    // --- principals and what is sealed to them
    Optional<PrincipalRow> principalByName(String muni, String name);

    Optional<PrincipalRow> principal(String muni, String id);

    List<PrincipalRow> principals(String muni);

    void insertPrincipal(PrincipalRow row);

    void updatePrincipal(PrincipalRow row);

    List<GrantRow> grants(String muni, String principalId);

    void insertGrant(GrantRow row);

    void deleteGrants(String muni, String principalId);

    // --- residents
    Optional<ResidentRow> resident(String muni, String id);

    Optional<ResidentRow> residentByAddress(String muni, byte[] bidx);

    Optional<ResidentRow> residentByMyNumber(String muni, byte[] bidx);

    List<ResidentRow> residentsByKana(String muni, byte[] bidx);

    void forEachResident(String muni, Consumer<ResidentRow> action);

    long countResidents(String muni);

    /** Streams the blind indexes (宛名番号, My Number or null) of every resident: for import pre-checks. */
    void forEachResidentKey(String muni, java.util.function.BiConsumer<byte[], byte[]> action);

    /** Every resident id that has at least one dose row (any status), once each. */
    void forEachResidentWithDoses(String muni, Consumer<String> action);

    void insertResident(ResidentRow row);

    /** Moves the current version to history and stores {@code row} (whose version must be one higher). */
    void updateResident(ResidentRow row);

    List<ResidentRow> residentHistory(String muni, String id);

    // --- tickets
    Optional<TicketRow> ticket(String muni, String id);

    Optional<TicketRow> ticketByNumber(String muni, byte[] bidx);

    List<TicketRow> ticketsOfResident(String muni, String residentId);

    void forEachTicket(String muni, Consumer<TicketRow> action);

    /** Streams the blind index of every ticket number (for picking fresh numbers without a lookup each). */
    void forEachTicketKey(String muni, Consumer<byte[]> action);

    void insertTicket(TicketRow row);

    void updateTicket(TicketRow row);

    // --- doses
    Optional<DoseRow> dose(String muni, String id);

    List<DoseRow> dosesOfResident(String muni, String residentId);

    void forEachDose(String muni, Consumer<DoseRow> action);

    void insertDose(DoseRow row);

    void updateDose(DoseRow row);

    List<DoseRow> doseHistory(String muni, String id);

    // --- re-sealing (key rotate --reseal)

    /** Tables holding sealed data, current and history, with their sealed columns. */
    java.util.Map<String, List<String>> SEALED_TABLES = java.util.Map.of(
            "resident", List.of("ops", "pii"), "resident_history", List.of("ops", "pii"),
            "ticket", List.of("ops"), "ticket_history", List.of("ops"),
            "dose", List.of("ops"), "dose_history", List.of("ops"));

    /** Up to {@code limit} rows of {@code table} after (afterId, afterVersion) in (id, version) order. */
    List<Records.SealedRow> sealedBatch(String muni, String table, String afterId, long afterVersion, int limit);

    /** Replaces one sealed column of one row version in place (same row version, new key version). */
    void updateSealed(String muni, String table, String id, long version, String column, byte[] sealed);

    // --- audit
    Optional<AuditRow> lastAudit(String muni);

    /** The entry with sequence number {@code seq}. */
    Optional<AuditRow> auditAt(String muni, long seq);

    void insertAudit(AuditRow row);

    void forEachAudit(String muni, long fromSeq, Consumer<AuditRow> action);

    void forEachAuditBetween(String muni, long fromSeq, long toSeq, Consumer<AuditRow> action);

    /** The entries before {@code beforeSeq} that introduce users' keys, in sequence order (a partial index finds them). */
    void forEachKeyIntroduction(String muni, long beforeSeq, Consumer<AuditRow> action);

    void insertCheckpoint(Records.CheckpointRow row);

    List<Records.CheckpointRow> checkpoints(String muni);

    /** The checkpoint with the highest sequence number (one indexed read, however many there are). */
    Optional<Records.CheckpointRow> lastCheckpoint(String muni);

    void commit();

    void rollback();

    @Override
    void close();
}
