package jp.vrsctl.store;

/**
 * Row shapes that cross the store boundary. Only ciphertext ({@code byte[]} sealed blobs), blind indexes
 * and non-identifying metadata appear here (design.md §2, §3): nothing a store operator could read back
 * into a person.
 */
public final class Records {
    private Records() {}

    /** A municipality (tenant). Its code and name are public data. */
    public record MunicipalityRow(String muni, String name, String createdAt, String settingsJson) {}

    /** Metadata of one version of one data key. The key bytes never appear in clear. */
    public record DataKeyRow(String muni, String name, int version, String createdAt, boolean primary, long encryptions) {}

    /**
     * A principal: a user, or the recovery identity (role "recovery"). {@code wrapped} holds the
     * principal's private keys, wrapped by Argon2id of the password (or recovery code).
     */
    public record PrincipalRow(String muni, String id, String name, String role, String status,
                               byte[] kemPublic, byte[] signingPublic, byte[] wrapped, boolean mustChangePassword,
                               int failedLogins, String lastFailureAt, String createdAt) {}

    /** A data key (or a blind-index column key) sealed to a principal's public KEM key. */
    public record GrantRow(String muni, String principalId, String keyName, int keyVersion, byte[] sealed) {}

    /** A resident: surrogate id, blind indexes, operational blob (K_ops) and PII blob (K_pii). */
    public record ResidentRow(String muni, String id, long version, byte[] bidxAddress, byte[] bidxMyNumber,
                              byte[] bidxKana, byte[] ops, byte[] pii, long auditSeq, String updatedAt) {}

    /** A ticket. {@code status} is "active" or "void"; the dose number is not identifying and is kept in clear. */
    public record TicketRow(String muni, String id, long version, String residentId, int doseNumber, String status,
                            byte[] bidxTicket, byte[] ops, long auditSeq, String updatedAt) {}

    /** A dose. {@code status} is "active" or "void". */
    public record DoseRow(String muni, String id, long version, String residentId, int doseNumber, String status,
                          boolean confirmed, byte[] ops, long auditSeq, String updatedAt) {}

    /** An audit entry (design.md §5). Subjects are surrogate ids; details are sealed. */
    public record AuditRow(String muni, long seq, String at, String principalId, String principalName, String role,
                           String kind, String command, String outcome, String countsJson, String subjects,
                           byte[] details, String publicKeys, byte[] prevHash, byte[] hash, byte[] signature) {}

    /** A checkpoint: the chain hash at {@code seq}, signed with the municipality's audit signing key. */
    public record CheckpointRow(String muni, long seq, byte[] chainHash, String at, String principalId,
                                byte[] signature) {}

    /** The sealed columns of one row (current or history) of a data table, for re-sealing under a new key. */
    public record SealedRow(String table, String id, long version, java.util.Map<String, byte[]> columns) {}
}
