package jp.vrsctl.service;

import jp.vrsctl.ExitCode;
import jp.vrsctl.VrsException;
import jp.vrsctl.crypto.SigningKeyPair;
import jp.vrsctl.store.Store;

/**
 * An authenticated principal: who they are, their role, and the keys their role was sealed. Passed to
 * every service method; the service checks {@link #require(Action)} before doing anything.
 */
public final class Session implements AutoCloseable {
    private final Store store;
    private final String muni;
    private final String principalId;
    private final String userName;
    private final Role role;
    private final Keyring keyring;
    private final SigningKeyPair signing;
    private final boolean mustChangePassword;

    public Session(Store store, String muni, String principalId, String userName, Role role, Keyring keyring,
                   SigningKeyPair signing) {
        this(store, muni, principalId, userName, role, keyring, signing, false);
    }

    public Session(Store store, String muni, String principalId, String userName, Role role, Keyring keyring,
                   SigningKeyPair signing, boolean mustChangePassword) {
        this.store = store;
        this.muni = muni;
        this.principalId = principalId;
        this.userName = userName;
        this.role = role;
        this.keyring = keyring;
        this.signing = signing;
        this.mustChangePassword = mustChangePassword;
    }

    /** A read whose intent entry is committed; its completion entry is written after the output. */
    public record PendingRead(String command, long count, java.util.List<String> subjects) {}

    private final java.util.List<PendingRead> pendingReads = new java.util.ArrayList<>();

    /** Called by a service after it committed a read's intent entry. */
    void noteRead(String command, long count, java.util.List<String> subjects) {
        pendingReads.add(new PendingRead(command, count, subjects));
    }

    /** Reads whose output has been printed and whose completion entries are still to be written. */
    public java.util.List<PendingRead> takePendingReads() {
        java.util.List<PendingRead> out = java.util.List.copyOf(pendingReads);
        pendingReads.clear();
        return out;
    }

    /** True while the user still has a one-time password: only {@code user passwd} is allowed. */
    private final java.util.List<String> notices = new java.util.ArrayList<>();

    /** A message for the user that does not stop the command (printed on stderr after it). */
    void notice(String message) {
        notices.add(message);
    }

    public java.util.List<String> takeNotices() {
        java.util.List<String> out = java.util.List.copyOf(notices);
        notices.clear();
        return out;
    }

    public boolean mustChangePassword() { return mustChangePassword; }

    public Store store() { return store; }

    public String municipality() { return muni; }

    public String principalId() { return principalId; }

    public String userName() { return userName; }

    public Role role() { return role; }

    public Keyring keys() { return keyring; }

    public SigningKeyPair signing() { return signing; }

    /** Refuses (exit 4) unless this session's role may perform {@code action}. */
    public void require(Action action) {
        if (mustChangePassword && action != Action.OWN_PASSWORD) {
            throw new VrsException(ExitCode.NOT_PERMITTED, ServiceMessages.get("auth.mustchange"));
        }
        if (!action.allows(role)) {
            throw new VrsException(ExitCode.NOT_PERMITTED,
                    ServiceMessages.get("permission.denied", role.id(), action.label()));
        }
    }

    @Override
    public void close() {
        keyring.close();
        if (signing != null) {
            signing.destroy();
        }
    }
}
