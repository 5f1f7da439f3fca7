package jp.vrsctl.service;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jp.vrsctl.ExitCode;
import jp.vrsctl.VrsException;
import jp.vrsctl.crypto.BlindIndex;
import jp.vrsctl.domain.AddressNumber;
import jp.vrsctl.domain.JapaneseDate;
import jp.vrsctl.domain.Kana;
import jp.vrsctl.domain.MyNumber;
import jp.vrsctl.domain.PersonName;
import jp.vrsctl.domain.PostalCode;
import jp.vrsctl.domain.Sex;
import jp.vrsctl.domain.TicketNumber;
import jp.vrsctl.io.ColumnSpec;
import jp.vrsctl.io.HeaderMap;
import jp.vrsctl.service.Blobs.ResidentOps;
import jp.vrsctl.service.Blobs.ResidentPii;
import jp.vrsctl.store.Records.ResidentRow;
import jp.vrsctl.store.Records.TicketRow;
import jp.vrsctl.store.UnitOfWork;

/** Residents: import, show, list, flag (issue 2 §4–5). */
public final class ResidentService {
    static final String TABLE = "resident";
    static final String COL_ADDRESS = "address_number";
    static final String COL_MY_NUMBER = "my_number";
    static final String COL_KANA = "name_kana";

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

    private final Clock clock;
    private final AuditLog audit;

    public ResidentService(Clock clock) {
        this.clock = clock;
        this.audit = new AuditLog(clock);
    }

    /** A decrypted resident as a service returns it. {@code myNumber} and address are null when not held. */
    public record Resident(String id, long version, String addressNumber, String myNumber, String name, String kana,
                           LocalDate birthDate, String sex, String postalCode, String address, boolean dvProtected,
                           LocalDate movedOutOn, LocalDate deceasedOn, String updatedAt, long auditSeq) {

        public String myNumberMasked() {
            return myNumber == null ? null : "*".repeat(8) + myNumber.substring(8);
        }

        public boolean eligibleOn(LocalDate date) {
            return (deceasedOn == null || date.isBefore(deceasedOn)) && (movedOutOn == null || date.isBefore(movedOutOn));
        }

        public boolean flaggedOut() {
            return deceasedOn != null || movedOutOn != null;
        }
    }

    // ------------------------------------------------------------------ import

    public ImportSummary importCsv(Session s, Path file, ImportOptions opts) {
        s.require(Action.RESIDENT_WRITE);
        LocalDate today = opts.asOf() != null ? opts.asOf() : Dates.today(clock);
        String now = Instant.now(clock).toString();
        return CsvImport.run(s, audit, file, opts, COLUMNS, "resident import",
                (uow, header, seq) -> new ImportHandler(s, uow, header, seq, today, now, opts));
    }

    /** A validated row with its blind indexes, sealed speculatively as a new resident (version 1). */
    private record Prepared(String address, String myNumber, String name, String kana, LocalDate birth, String sex,
                            String postal, String addr, Boolean dv, LocalDate movedOut, LocalDate deceased,
                            byte[] bAddress, byte[] bMyNumber, byte[] bKana, String newId, byte[] newOps,
                            byte[] newPii) {}

    private final class ImportHandler implements CsvImport.TwoPhaseHandler<Prepared> {
        private final Session s;
        private final UnitOfWork uow;
        private final HeaderMap header;
        private final long seq;
        private final LocalDate today;
        private final String now;
        private final ImportOptions opts;
        private final BlindIndex index;
        private final LongSet seenAddresses = new LongSet();
        /** Prefixes of the blind indexes already in the store: a row whose key is absent needs no lookup. */
        private final LongSet storedAddresses = new LongSet();
        private final LongSet storedMyNumbers = new LongSet();

        ImportHandler(Session s, UnitOfWork uow, HeaderMap header, long seq, LocalDate today, String now,
                      ImportOptions opts) {
            this.s = s;
            this.uow = uow;
            this.header = header;
            this.seq = seq;
            this.today = today;
            this.now = now;
            this.opts = opts;
            this.index = s.keys().index();
            s.keys().ops(); // created here, before worker threads use them
            s.keys().pii();
            uow.forEachResidentKey(s.municipality(), (a, m) -> {
                storedAddresses.add(BlindKeys.prefix(a));
                if (m != null) {
                    storedMyNumbers.add(BlindKeys.prefix(m));
                }
            });
        }

        @Override
        public Prepared prepare(jp.vrsctl.io.CsvRow row, RowErrors e) {
            String address = e.required("address_number", v -> AddressNumber.parse(v).value());
            String myNumber = e.optional("my_number", v -> MyNumber.parse(v).digits());
            String name = e.required("name", PersonName::validate);
            String kana = e.required("name_kana", Kana::normalize);
            LocalDate birth = e.required("birth_date", JapaneseDate::parse);
            String sex = e.required("sex", v -> Sex.parse(v).code());
            String postal = e.optional("postal_code", v -> PostalCode.parse(v).value());
            String addr = header.has("address") ? emptyToNull(header.get(row, "address")) : null;
            Boolean dv = e.optional("dv_protected", ResidentService::parseFlag);
            LocalDate movedOut = e.optional("moved_out_on", JapaneseDate::parse);
            LocalDate deceased = e.optional("deceased_on", JapaneseDate::parse);
            if (birth != null && birth.isAfter(today)) {
                e.add("birth_date", ServiceMessages.get("date.future", today));
            }
            if (birth != null && movedOut != null && movedOut.isBefore(birth)) {
                e.add("moved_out_on", ServiceMessages.get("date.beforebirth"));
            }
            if (birth != null && deceased != null && deceased.isBefore(birth)) {
                e.add("deceased_on", ServiceMessages.get("date.beforebirth"));
            }
            if (!e.ok()) {
                return null;
            }
            byte[] bAddress = index.compute(COL_ADDRESS, address);
            byte[] bMyNumber = myNumber == null ? null : index.compute(COL_MY_NUMBER, myNumber);
            byte[] bKana = index.compute(COL_KANA, Kana.matchKey(kana));
            String id = Ids.newId('R');
            String muni = s.municipality();
            ResidentOps ops = new ResidentOps(name, kana, birth.toString(), sex, Boolean.TRUE.equals(dv),
                    str(movedOut), str(deceased));
            ResidentPii pii = new ResidentPii(address, myNumber, postal, addr);
            return new Prepared(address, myNumber, name, kana, birth, sex, postal, addr, dv, movedOut, deceased,
                    bAddress, bMyNumber, bKana, id, Blobs.seal(s.keys().ops(), muni, TABLE, id, "ops", 1, ops),
                    Blobs.seal(s.keys().pii(), muni, TABLE, id, "pii", 1, pii));
        }

        @Override
        public CsvImport.Outcome apply(jp.vrsctl.io.CsvRow row, Prepared p, RowErrors e, List<String> warnings) {
            long addressKey = BlindKeys.prefix(p.bAddress());
            if (!seenAddresses.add(addressKey)) {
                e.add("address_number", ServiceMessages.get("resident.duplicate.infile"));
                return null;
            }
            String muni = s.municipality();
            Optional<ResidentRow> existing = storedAddresses.contains(addressKey)
                    ? uow.residentByAddress(muni, p.bAddress()) : Optional.empty();
            if (existing.isEmpty()) {
                if (p.bMyNumber() != null && storedMyNumbers.contains(BlindKeys.prefix(p.bMyNumber()))
                        && uow.residentByMyNumber(muni, p.bMyNumber()).isPresent()) {
                    e.add("my_number", ServiceMessages.get("resident.mynumber.taken"));
                    return null;
                }
                uow.insertResident(new ResidentRow(muni, p.newId(), 1, p.bAddress(), p.bMyNumber(), p.bKana(),
                        p.newOps(), p.newPii(), seq, now));
                storedAddresses.add(addressKey);
                if (p.bMyNumber() != null) {
                    storedMyNumbers.add(BlindKeys.prefix(p.bMyNumber()));
                }
                return CsvImport.Outcome.ADDED;
            }
            ResidentRow cur = existing.get();
            ResidentOps oldOps = Blobs.open(s.keys().ops(), muni, TABLE, cur.id(), "ops", cur.version(), cur.ops(),
                    ResidentOps.class);
            ResidentPii oldPii = Blobs.open(s.keys().pii(), muni, TABLE, cur.id(), "pii", cur.version(), cur.pii(),
                    ResidentPii.class);
            String myNumber = p.myNumber();
            String newMyNumber = myNumber != null ? myNumber : oldPii.myNumber();
            if (oldPii.myNumber() != null && myNumber != null && !oldPii.myNumber().equals(myNumber)
                    && !opts.allowMyNumberChange()) {
                e.add("my_number", ServiceMessages.get("resident.mynumber.change"));
                return null;
            }
            if (myNumber != null && !myNumber.equals(oldPii.myNumber())) {
                Optional<ResidentRow> other = uow.residentByMyNumber(muni, p.bMyNumber());
                if (other.isPresent() && !other.get().id().equals(cur.id())) {
                    e.add("my_number", ServiceMessages.get("resident.mynumber.taken"));
                    return null;
                }
            }
            // An import never clears a flag: empty or missing means "no news" (formats.md).
            ResidentOps ops = new ResidentOps(p.name(), p.kana(), p.birth().toString(), p.sex(),
                    oldOps.dv() || Boolean.TRUE.equals(p.dv()),
                    p.movedOut() != null ? p.movedOut().toString() : oldOps.movedOutOn(),
                    p.deceased() != null ? p.deceased().toString() : oldOps.deceasedOn());
            ResidentPii pii = new ResidentPii(p.address(), newMyNumber,
                    p.postal() != null ? p.postal() : oldPii.postalCode(), p.addr() != null ? p.addr() : oldPii.address());
            if (ops.equals(oldOps) && pii.equals(oldPii)) {
                return CsvImport.Outcome.UNCHANGED;
            }
            byte[] bNewMy = newMyNumber == null ? null : index.compute(COL_MY_NUMBER, newMyNumber);
            uow.updateResident(seal(s, cur.id(), cur.version() + 1, p.bAddress(), bNewMy, p.bKana(), ops, pii, seq, now));
            if (bNewMy != null) {
                storedMyNumbers.add(BlindKeys.prefix(bNewMy));
            }
            return CsvImport.Outcome.UPDATED;
        }
    }

    static ResidentRow seal(Session s, String id, long version, byte[] bAddress, byte[] bMyNumber, byte[] bKana,
                            ResidentOps ops, ResidentPii pii, long seq, String now) {
        String muni = s.municipality();
        return new ResidentRow(muni, id, version, bAddress, bMyNumber, bKana,
                Blobs.seal(s.keys().ops(), muni, TABLE, id, "ops", version, ops),
                Blobs.seal(s.keys().pii(), muni, TABLE, id, "pii", version, pii), seq, now);
    }

    static Boolean parseFlag(String raw) {
        String v = java.text.Normalizer.normalize(raw, java.text.Normalizer.Form.NFKC).trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "1", "true", "yes", "有", "あり", "○" -> {
                return Boolean.TRUE;
            }
            case "0", "false", "no", "無", "なし" -> {
                return Boolean.FALSE;
            }
            default -> throw new VrsException(ExitCode.INVALID_INPUT, ServiceMessages.get("flag.invalid"));
        }
    }

    private static String str(LocalDate d) {
        return d == null ? null : d.toString();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    // ------------------------------------------------------------------ reading

    /** How an operator names a resident on the command line. Exactly one field is set. */
    public record Selector(String id, String addressNumber, char[] myNumber, String ticketNumber) {
        public static Selector byId(String id) {
            return new Selector(id, null, null, null);
        }

        public static Selector byAddressNumber(String v) {
            return new Selector(null, v, null, null);
        }

        public static Selector byMyNumber(char[] v) {
            return new Selector(null, null, v, null);
        }

        public static Selector byTicket(String v) {
            return new Selector(null, null, null, v);
        }

        /** A positional argument: a surrogate id ({@code R...}) or a 宛名番号. */
        public static Selector parse(String arg) {
            return Ids.looksLike(arg, 'R') ? byId(arg) : byAddressNumber(arg);
        }
    }

    /** Finds the resident's row, or exits 5. Needs the blind-index key for the chosen column. */
    static ResidentRow find(Session s, UnitOfWork uow, Selector sel) {
        String muni = s.municipality();
        BlindIndex index = s.keys().index();
        Optional<ResidentRow> row;
        if (sel.id() != null) {
            row = uow.resident(muni, sel.id());
        } else if (sel.addressNumber() != null) {
            row = uow.residentByAddress(muni, index.compute(COL_ADDRESS, AddressNumber.parse(sel.addressNumber()).value()));
        } else if (sel.myNumber() != null) {
            MyNumber mn = MyNumber.parse(new String(sel.myNumber()));
            row = uow.residentByMyNumber(muni, index.compute(COL_MY_NUMBER, mn.digits()));
        } else if (sel.ticketNumber() != null) {
            TicketNumber t = TicketNumber.parse(sel.ticketNumber());
            Optional<TicketRow> ticket = uow.ticketByNumber(muni, index.compute(TicketService.COL_TICKET, t.value()));
            row = ticket.flatMap(tr -> uow.resident(muni, tr.residentId()));
        } else {
            throw new VrsException(ExitCode.USAGE, ServiceMessages.get("resident.selector"));
        }
        return row.orElseThrow(() -> new VrsException(ExitCode.NOT_FOUND, ServiceMessages.get("resident.notfound")));
    }

    static Resident decrypt(Session s, ResidentRow r) {
        String muni = s.municipality();
        ResidentOps ops = Blobs.open(s.keys().ops(), muni, TABLE, r.id(), "ops", r.version(), r.ops(), ResidentOps.class);
        ResidentPii pii = s.keys().hasPii()
                ? Blobs.open(s.keys().pii(), muni, TABLE, r.id(), "pii", r.version(), r.pii(), ResidentPii.class)
                : new ResidentPii(null, null, null, null);
        return new Resident(r.id(), r.version(), pii.addressNumber(), pii.myNumber(), ops.name(), ops.kana(),
                LocalDate.parse(ops.birthDate()), ops.sex(), pii.postalCode(), ops.dv() ? null : pii.address(), ops.dv(),
                date(ops.movedOutOn()), date(ops.deceasedOn()), r.updatedAt(), r.auditSeq());
    }

    /** The flags of a resident, from the operational blob only (bulk runs need no PII). */
    record Flags(LocalDate movedOutOn, LocalDate deceasedOn) {}

    static Flags flags(Session s, ResidentRow r) {
        ResidentOps ops = Blobs.open(s.keys().ops(), s.municipality(), TABLE, r.id(), "ops", r.version(), r.ops(),
                ResidentOps.class);
        return new Flags(date(ops.movedOutOn()), date(ops.deceasedOn()));
    }

    static LocalDate date(String s) {
        return s == null ? null : LocalDate.parse(s);
    }

    /** What {@code resident show} prints: the resident, their tickets and doses, and their history. */
    public record ResidentDetail(Resident resident, List<TicketService.Ticket> tickets, List<DoseService.Dose> doses,
                                 List<Resident> history) {}

    public ResidentDetail show(Session s, Selector sel) {
        return show(s, sel, false);
    }

    /** As {@link #show(Session, Selector)}; {@code revealMyNumber} is recorded in the intent entry. */
    public ResidentDetail show(Session s, Selector sel, boolean revealMyNumber) {
        s.require(Action.RESIDENT_READ);
        try (UnitOfWork uow = s.store().write()) {
            ResidentRow row = find(s, uow, sel);
            // intent entry first, committed with the read, before any output (design.md §5)
            audit.append(uow, s, new AuditLog.Entry(AuditLog.READ_INTENT, "resident show", "ok", Map.of("residents", 1L),
                    List.of(row.id()), Map.of("by", selectorKind(sel), "revealMyNumber", revealMyNumber)));
            Resident r = decrypt(s, row);
            List<TicketService.Ticket> tickets = new ArrayList<>();
            for (TicketRow t : uow.ticketsOfResident(s.municipality(), row.id())) {
                tickets.add(TicketService.decrypt(s, t));
            }
            List<DoseService.Dose> doses = DoseService.dosesOf(s, uow, row.id());
            List<Resident> history = new ArrayList<>();
            for (ResidentRow h : uow.residentHistory(s.municipality(), row.id())) {
                history.add(decrypt(s, h));
            }
            uow.commit();
            s.noteRead("resident show", 1, List.of(row.id()));
            return new ResidentDetail(r, tickets, doses, history);
        }
    }

    private static String selectorKind(Selector sel) {
        if (sel.id() != null) {
            return "id";
        }
        if (sel.addressNumber() != null) {
            return "address_number";
        }
        return sel.myNumber() != null ? "my_number" : "ticket";
    }

    /** Filters for {@code resident list}; null means "any". */
    public record Filter(String kana, LocalDate bornFrom, LocalDate bornTo, Boolean flagged, Boolean dvProtected,
                         Integer limit) {}

    public List<Resident> list(Session s, Filter f) {
        s.require(Action.RESIDENT_READ);
        List<Resident> out = new ArrayList<>();
        try (UnitOfWork uow = s.store().write()) {
            audit.append(uow, s, new AuditLog.Entry(AuditLog.READ_INTENT, "resident list", "ok", Map.of(), List.of(),
                    filterDetails(f)));
            uow.commit();
        }
        try (UnitOfWork uow = s.store().read()) {
            String muni = s.municipality();
            if (f.kana() != null) {
                byte[] b = s.keys().index().compute(COL_KANA, Kana.matchKey(Kana.normalize(f.kana())));
                for (ResidentRow r : uow.residentsByKana(muni, b)) {
                    addIfMatches(out, decrypt(s, r), f);
                }
            } else {
                uow.forEachResident(muni, r -> addIfMatches(out, decrypt(s, r), f));
            }
        }
        // Surrogate ids are random, so order by 宛名番号 (decrypted), as operators expect.
        out.sort(java.util.Comparator.comparing(Resident::addressNumber,
                java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
        s.noteRead("resident list", out.size(), List.of());
        return out;
    }

    private static Map<String, Object> filterDetails(Filter f) {
        Map<String, Object> d = new java.util.LinkedHashMap<>();
        d.put("kana", f.kana() != null);
        d.put("bornFrom", Objects.toString(f.bornFrom(), null));
        d.put("bornTo", Objects.toString(f.bornTo(), null));
        d.put("flagged", f.flagged());
        d.put("limit", f.limit());
        d.values().removeIf(Objects::isNull);
        return d;
    }

    private static void addIfMatches(List<Resident> out, Resident r, Filter f) {
        if (f.limit() != null && out.size() >= f.limit()) {
            return;
        }
        if (f.bornFrom() != null && r.birthDate().isBefore(f.bornFrom())) {
            return;
        }
        if (f.bornTo() != null && r.birthDate().isAfter(f.bornTo())) {
            return;
        }
        if (f.flagged() != null && f.flagged() != r.flaggedOut()) {
            return;
        }
        if (f.dvProtected() != null && f.dvProtected() != r.dvProtected()) {
            return;
        }
        out.add(r);
    }

    /** A flag change: exactly one of movedOut, deceased, or clear. */
    public record FlagChange(LocalDate movedOutOn, LocalDate deceasedOn, boolean clear, String reason) {}

    public Resident flag(Session s, Selector sel, FlagChange change) {
        s.require(Action.RESIDENT_WRITE);
        String now = Instant.now(clock).toString();
        try (UnitOfWork uow = s.store().write()) {
            ResidentRow row = find(s, uow, sel);
            String muni = s.municipality();
            ResidentOps ops = Blobs.open(s.keys().ops(), muni, TABLE, row.id(), "ops", row.version(), row.ops(),
                    ResidentOps.class);
            ResidentPii pii = Blobs.open(s.keys().pii(), muni, TABLE, row.id(), "pii", row.version(), row.pii(),
                    ResidentPii.class);
            LocalDate birth = LocalDate.parse(ops.birthDate());
            for (LocalDate d : new LocalDate[] {change.movedOutOn(), change.deceasedOn()}) {
                if (d != null && d.isBefore(birth)) {
                    throw new VrsException(ExitCode.INVALID_INPUT, ServiceMessages.get("date.beforebirth"));
                }
            }
            ResidentOps updated;
            if (change.clear()) {
                updated = new ResidentOps(ops.name(), ops.kana(), ops.birthDate(), ops.sex(), ops.dv(), null, null);
            } else {
                updated = new ResidentOps(ops.name(), ops.kana(), ops.birthDate(), ops.sex(), ops.dv(),
                        change.movedOutOn() != null ? change.movedOutOn().toString() : ops.movedOutOn(),
                        change.deceasedOn() != null ? change.deceasedOn().toString() : ops.deceasedOn());
            }
            if (updated.equals(ops)) {
                uow.rollback();
                return decrypt(s, row);
            }
            long seq = audit.nextSeq(uow, muni);
            ResidentRow next = seal(s, row.id(), row.version() + 1, row.bidxAddress(), row.bidxMyNumber(), row.bidxKana(),
                    updated, pii, seq, now);
            uow.updateResident(next);
            Map<String, Object> details = new java.util.LinkedHashMap<>();
            details.put("change", change.clear() ? "clear" : change.deceasedOn() != null ? "deceased" : "moved-out");
            if (change.reason() != null) {
                details.put("reason", change.reason());
            }
            audit.append(uow, s, seq, new AuditLog.Entry(AuditLog.CHANGE, "resident flag", "ok", Map.of("residents", 1L),
                    List.of(row.id()), details));
            uow.commit();
            return decrypt(s, next);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
