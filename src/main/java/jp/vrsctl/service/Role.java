package jp.vrsctl.service;

import java.util.Locale;

import jp.vrsctl.ExitCode;
import jp.vrsctl.VrsException;

/** The roles of design.md §4. {@code RECOVERY} is the recovery identity, which never logs in as a user. */
public enum Role {
    ADMIN, OPERATOR, VENUE, AUDITOR, RECOVERY;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String raw) {
        for (Role r : values()) {
            if (r != RECOVERY && r.id().equalsIgnoreCase(raw == null ? "" : raw.trim())) {
                return r;
            }
        }
        throw new VrsException(ExitCode.USAGE, ServiceMessages.get("role.unknown", raw));
    }

    /** Whether this role is sealed K_pii (My Numbers, addresses). */
    public boolean holdsPii() {
        return this == ADMIN || this == OPERATOR || this == RECOVERY;
    }

    /** Whether this role is sealed K_ops (names, kana, birth dates, tickets, doses). */
    public boolean holdsOps() {
        return this != AUDITOR;
    }

    /** Whether this role holds the whole K_index (all blind-index columns); a venue user holds only the ticket column key. */
    public boolean holdsFullIndex() {
        return this == ADMIN || this == OPERATOR || this == RECOVERY;
    }

    /** Whether this role holds the audit private keys (reading details, signing checkpoints). */
    public boolean holdsAudit() {
        return this == ADMIN || this == AUDITOR || this == RECOVERY;
    }
}
