package jp.vrsctl.service;

import java.util.EnumSet;
import java.util.Set;

import static jp.vrsctl.service.Role.ADMIN;
import static jp.vrsctl.service.Role.AUDITOR;
import static jp.vrsctl.service.Role.OPERATOR;
import static jp.vrsctl.service.Role.VENUE;

/**
 * What a command does, and which roles may do it: the table of design.md §4, in one place. Every service
 * method checks its action before it reads or writes anything.
 */
public enum Action {
    ADMINISTER("admin", EnumSet.of(ADMIN)),
    OWN_PASSWORD("user passwd", EnumSet.of(ADMIN, OPERATOR, VENUE, AUDITOR)),
    RESIDENT_READ("resident read", EnumSet.of(ADMIN, OPERATOR)),
    RESIDENT_WRITE("resident write", EnumSet.of(ADMIN, OPERATOR)),
    TICKET_READ("ticket read", EnumSet.of(ADMIN, OPERATOR)),
    TICKET_WRITE("ticket write", EnumSet.of(ADMIN, OPERATOR)),
    DOSE_RECORD("dose record", EnumSet.of(ADMIN, OPERATOR, VENUE)),
    DOSE_READ("dose read", EnumSet.of(ADMIN, OPERATOR)),
    DOSE_WRITE("dose write", EnumSet.of(ADMIN, OPERATOR)),
    AUDIT_SUBJECT("audit subject", EnumSet.of(ADMIN)),
    AUDIT_READ("audit", EnumSet.of(ADMIN, AUDITOR)),
    PUBLIC("catalog", EnumSet.of(ADMIN, OPERATOR, VENUE, AUDITOR));

    private final String label;
    private final Set<Role> roles;

    Action(String label, Set<Role> roles) {
        this.label = label;
        this.roles = roles;
    }

    public boolean allows(Role role) {
        return roles.contains(role);
    }

    public String label() {
        return label;
    }
}
