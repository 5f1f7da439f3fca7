package jp.vrsctl.service;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import jp.vrsctl.ExitCode;
import jp.vrsctl.VrsException;
import jp.vrsctl.crypto.BlindIndex;
import jp.vrsctl.crypto.Secrets;
import jp.vrsctl.domain.AddressNumber;
import jp.vrsctl.domain.Catalog;
import jp.vrsctl.domain.DoseNumber;
import jp.vrsctl.domain.JapaneseDate;
import jp.vrsctl.domain.MunicipalityCode;
import jp.vrsctl.domain.OcrLine;
import jp.vrsctl.domain.Product;
import jp.vrsctl.domain.TicketNumber;
import jp.vrsctl.io.ColumnSpec;
import jp.vrsctl.service.Blobs.TicketOps;
import jp.vrsctl.store.Records.ResidentRow;
import jp.vrsctl.store.Records.TicketRow;
import jp.vrsctl.store.UnitOfWork;

/** Tickets (接種券): issue one or in bulk, import, void, reissue, list, export (issue 2 §6). */
public final class TicketService {
    static final String TABLE = "ticket";
    static final String COL_TICKET = "ticket_number";
    static final String ACTIVE = "active";
    static final String VOID = "void";
    /** 券種 printed as the first OCR digit: 1 = vaccination ticket. */
    static final int KIND_TICKET = 1;

    static final List<ColumnSpec> COLUMNS = List.of(
            new ColumnSpec("address_number", "address_number", "宛名番号", true),
            new ColumnSpec("ticket_number", "ticket_number", "券番号", true),
            new ColumnSpec("dose_number", "dose_number", "接種回", true),
            new ColumnSpec("issued_on", "issued_on", "発行日", false));

    private final Clock clock;
    private final AuditLog audit;

    public TicketService(Clock clock) {
        this.clock = clock;
        this.audit = new AuditLog(clock);
    }

    /** A decrypted ticket. */
    public record Ticket(String id, String residentId, String ticketNumber, int doseNumber, int kind, String ocrLine,
                         LocalDate issuedOn, String status, LocalDate voidedOn, String reason, String replacedBy,
                         long version) {}

    static Ticket decrypt(Session s, TicketRow r) {
        TicketOps ops = Blobs.open(s.keys().ops(), s.municipality(), TABLE, r.id(), "ops", r.version(), r.ops(),
                TicketOps.class);
        String ocr = OcrLine.of(ops.kind(), r.doseNumber(), MunicipalityCode.parse(s.municipality()),
                TicketNumber.parse(ops.ticketNumber())).digits();
        return new Ticket(r.id(), r.residentId(), ops.ticketNumber(), r.doseNumber(), ops.kind(), ocr,
                ResidentService.date(ops.issuedOn()), r.status(), ResidentService.date(ops.voidedOn()), ops.reason(),
                ops.replacedBy(), r.version());
    }

    static TicketRow seal(Session s, String id, long version, String residentId, int dose, String status, byte[] bidx,
                          TicketOps ops, long seq, String now) {
        return new TicketRow(s.municipality(), id, version, residentId, dose, status, bidx,
                Blobs.seal(s.keys().ops(), s.municipality(), TABLE, id, "ops", version, ops), seq, now);
    }

    /** A fresh random ticket number not yet used in this municipality (voided numbers are never reused). */
    private static TicketNumber freshNumber(UnitOfWork uow, String muni, BlindIndex index) {
        return freshNumber(uow, muni, index, null);
    }

    /**
     * As above; {@code stored} (the blind-index prefixes of every ticket number in the store, kept up to date
     * by the caller) spares the lookup for the numbers it does not contain, which is nearly all of them.
     */
    private static TicketNumber freshNumber(UnitOfWork uow, String muni, BlindIndex index, LongSet stored) {
        for (int i = 0; i < 100; i++) {
            TicketNumber t = TicketNumber.random(Secrets.random());
            byte[] b = index.compute(COL_TICKET, t.value());
            if (stored != null && !stored.contains(BlindKeys.prefix(b))) {
                stored.add(BlindKeys.prefix(b));
                return t;
            }
            if (uow.ticketByNumber(muni, b).isEmpty()) {
                if (stored != null) {
                    stored.add(BlindKeys.prefix(b));
                }
                return t;
            }
        }
        throw new VrsException(ExitCode.FAILURE, ServiceMessages.get("ticket.exhausted"));
    }

    // ------------------------------------------------------------------ issue one

    public Ticket issue(Session s, ResidentService.Selector who, int doseNumber, LocalDate issuedOn) {
        s.require(Action.TICKET_WRITE);
        String now = Instant.now(clock).toString();
        LocalDate on = issuedOn != null ? issuedOn : Dates.today(clock);
        try (UnitOfWork uow = s.store().write()) {
            ResidentRow row = ResidentService.find(s, uow, who);
            ResidentService.Resident r = ResidentService.decrypt(s, row);
            if (!r.eligibleOn(on)) {
                throw new VrsException(ExitCode.CONFLICT, ServiceMessages.get(
                        r.deceasedOn() != null ? "ticket.deceased" : "ticket.movedout"));
            }
            for (TicketRow t : uow.ticketsOfResident(s.municipality(), row.id())) {
                if (t.doseNumber() == doseNumber && ACTIVE.equals(t.status())) {
                    throw new VrsException(ExitCode.CONFLICT, ServiceMessages.get("ticket.exists", doseNumber));
                }
            }
            long seq = audit.nextSeq(uow, s.municipality());
            Ticket t = insertNew(s, uow, row.id(), doseNumber, on, seq, now, null);
            audit.append(uow, s, seq, new AuditLog.Entry(AuditLog.CHANGE, "ticket issue", "ok", Map.of("tickets", 1L),
                    List.of(row.id()), Map.of("dose", doseNumber, "issuedOn", on.toString())));
            uow.commit();
            return t;
        }
    }

    private static Ticket insertNew(Session s, UnitOfWork uow, String residentId, int dose, LocalDate on, long seq,
                                    String now, String reason) {
        return insertNew(s, uow, residentId, dose, on, seq, now, reason, null);
    }

    private static Ticket insertNew(Session s, UnitOfWork uow, String residentId, int dose, LocalDate on, long seq,
                                    String now, String reason, LongSet stored) {
        BlindIndex index = s.keys().index();
        TicketNumber number = freshNumber(uow, s.municipality(), index, stored);
        String id = Ids.newId('T');
        TicketOps ops = new TicketOps(number.value(), KIND_TICKET, on.toString(), null, reason, null);
        TicketRow row = seal(s, id, 1, residentId, dose, ACTIVE, index.compute(COL_TICKET, number.value()), ops, seq, now);
        uow.insertTicket(row);
        return decrypt(s, row);
    }

    // ------------------------------------------------------------------ bulk issue

    /** Why a resident does or does not get a ticket in a bulk run. */
    public enum Reason {
        ISSUED, DECEASED, MOVED_OUT, INTERVAL_NOT_PASSED, ALREADY_HAS_TICKET, ALREADY_HAS_DOSE,
        EARLIER_DOSES_UNKNOWN
    }

    /** The echo shown before committing: the as-of date in 西暦 (and 和暦) and counts by reason. */
    public record BulkPlan(int doseNumber, LocalDate asOf, String asOfWareki, Map<Reason, Long> counts,
                           List<String> unknownHistory) {
        public long toIssue() {
            return counts.getOrDefault(Reason.ISSUED, 0L);
        }
    }

    public record BulkRequest(int doseNumber, LocalDate asOf, boolean includeUnknownHistory) {}

    /** Computes what a bulk run would do, writing nothing (but the read is audited). */
    public BulkPlan plan(Session s, BulkRequest req) {
        s.require(Action.TICKET_WRITE);
        try (UnitOfWork uow = s.store().read()) {
            return compute(s, uow, req, null);
        }
    }

    /**
     * Issues tickets for dose {@code req.doseNumber()} to every eligible resident. Flags and doses are
     * re-checked now, in the write transaction (incident 8), so the result may differ from an earlier plan.
     */
    public BulkPlan issueBulk(Session s, BulkRequest req) {
        s.require(Action.TICKET_WRITE);
        String now = Instant.now(clock).toString();
        try (UnitOfWork uow = s.store().write()) {
            long seq = audit.nextSeq(uow, s.municipality());
            List<String> toIssue = new ArrayList<>();
            BulkPlan plan = compute(s, uow, req, toIssue);
            LongSet stored = new LongSet();
            uow.forEachTicketKey(s.municipality(), b -> stored.add(BlindKeys.prefix(b)));
            for (String residentId : toIssue) {
                insertNew(s, uow, residentId, req.doseNumber(), req.asOf(), seq, now, null, stored);
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            plan.counts().forEach((k, v) -> counts.put(k.name().toLowerCase(java.util.Locale.ROOT), v));
            audit.append(uow, s, seq, new AuditLog.Entry(AuditLog.CHANGE, "ticket issue --all-eligible", "ok", counts,
                    List.of(), Map.of("dose", req.doseNumber(), "asOf", req.asOf().toString())));
            uow.commit();
            return plan;
        }
    }

    private BulkPlan compute(Session s, UnitOfWork uow, BulkRequest req, List<String> toIssue) {
        String muni = s.municipality();
        int n = req.doseNumber();
        Catalog catalog = Catalog.bundled();
        Map<Reason, Long> counts = new LinkedHashMap<>();
        for (Reason r : Reason.values()) {
            counts.put(r, 0L);
        }
        List<String> unknown = new ArrayList<>();
        // One pass over tickets and doses, keeping per resident only what the decision needs: whether an
        // active dose-n ticket exists, the highest dose number held, whether dose n-1 is held, and the sealed
        // row of the latest dose below n (decrypted only if the interval must be checked).
        java.util.Set<String> hasTicket = new java.util.HashSet<>();
        uow.forEachTicket(muni, t -> {
            if (ACTIVE.equals(t.status()) && t.doseNumber() == n) {
                hasTicket.add(t.residentId());
            }
        });
        record DoseFacts(int highest, boolean hasPrevious, jp.vrsctl.store.Records.DoseRow latestBelow) {}
        Map<String, DoseFacts> facts = new java.util.HashMap<>();
        uow.forEachDose(muni, d -> {
            if (!DoseService.ACTIVE.equals(d.status())) {
                return;
            }
            DoseFacts f = facts.get(d.residentId());
            int highest = Math.max(f == null ? 0 : f.highest(), d.doseNumber());
            boolean prev = (f != null && f.hasPrevious()) || d.doseNumber() == n - 1;
            jp.vrsctl.store.Records.DoseRow below = f == null ? null : f.latestBelow();
            if (d.doseNumber() < n && (below == null || d.doseNumber() > below.doseNumber())) {
                below = d;
            }
            facts.put(d.residentId(), new DoseFacts(highest, prev, below));
        });
        uow.forEachResident(muni, row -> {
            ResidentService.Flags r = ResidentService.flags(s, row);
            Reason reason;
            DoseFacts f = facts.get(row.id());
            if (r.deceasedOn() != null && !req.asOf().isBefore(r.deceasedOn())) {
                reason = Reason.DECEASED;
            } else if (r.movedOutOn() != null && !req.asOf().isBefore(r.movedOutOn())) {
                reason = Reason.MOVED_OUT;
            } else if (f != null && f.highest() >= n) {
                reason = Reason.ALREADY_HAS_DOSE;
            } else if (hasTicket.contains(row.id())) {
                reason = Reason.ALREADY_HAS_TICKET;
            } else if (n > 1 && (f == null || !f.hasPrevious()) && !req.includeUnknownHistory()) {
                reason = Reason.EARLIER_DOSES_UNKNOWN;
                if (unknown.size() < 1000) {
                    unknown.add(row.id());
                }
            } else if (n > 1 && f != null && f.latestBelow() != null
                    && !intervalPassed(catalog, List.of(DoseService.decrypt(s, f.latestBelow())), n, req.asOf())) {
                reason = Reason.INTERVAL_NOT_PASSED;
            } else {
                reason = Reason.ISSUED;
                if (toIssue != null) {
                    toIssue.add(row.id());
                }
            }
            counts.merge(reason, 1L, Long::sum);
        });
        return new BulkPlan(n, req.asOf(), JapaneseDate.toWareki(req.asOf()), counts, unknown);
    }

    /**
     * Whether the minimum interval after the latest dose below {@code n} has passed by {@code asOf}. The
     * next product is not known when a ticket is issued, so the previous dose's product is assumed.
     */
    private static boolean intervalPassed(Catalog catalog, List<DoseService.Dose> doses, int n, LocalDate asOf) {
        Optional<DoseService.Dose> prev = doses.stream().filter(d -> d.doseNumber() < n)
                .max(java.util.Comparator.comparingInt(DoseService.Dose::doseNumber));
        if (prev.isEmpty()) {
            return true;
        }
        DoseService.Dose p = prev.get();
        Optional<Product> product = catalog.findProduct(p.product());
        if (product.isEmpty()) {
            return true;
        }
        LocalDate earliest = catalog.earliestNextDate(product.get(), p.doseNumber(), p.date(), product.get(), n);
        return !asOf.isBefore(earliest);
    }

    // ------------------------------------------------------------------ import

    public ImportSummary importCsv(Session s, Path file, ImportOptions opts) {
        s.require(Action.TICKET_WRITE);
        LocalDate today = opts.asOf() != null ? opts.asOf() : Dates.today(clock);
        String now = Instant.now(clock).toString();
        return CsvImport.run(s, audit, file, opts, COLUMNS, "ticket import", (uow, header, seq) -> {
            BlindIndex index = s.keys().index();
            LongSet seen = new LongSet();
            return (row, e, warnings) -> {
                String address = e.required("address_number", v -> AddressNumber.parse(v).value());
                String number = e.required("ticket_number", v -> TicketNumber.parse(v).value());
                Integer dose = e.required("dose_number", DoseNumber::parse);
                LocalDate issued = e.optional("issued_on", JapaneseDate::parse);
                if (issued != null && issued.isAfter(today)) {
                    e.add("issued_on", ServiceMessages.get("date.future", today));
                }
                if (!e.ok()) {
                    return null;
                }
                LocalDate on = issued != null ? issued : today;
                byte[] bTicket = index.compute(COL_TICKET, number);
                if (!seen.add(BlindKeys.prefix(bTicket))) {
                    e.add("ticket_number", ServiceMessages.get("ticket.duplicate.infile"));
                    return null;
                }
                Optional<ResidentRow> resident = uow.residentByAddress(s.municipality(),
                        index.compute(ResidentService.COL_ADDRESS, address));
                if (resident.isEmpty()) {
                    e.add("address_number", ServiceMessages.get("resident.notfound"));
                    return null;
                }
                Optional<TicketRow> existing = uow.ticketByNumber(s.municipality(), bTicket);
                if (existing.isPresent()) {
                    TicketRow t = existing.get();
                    Ticket cur = decrypt(s, t);
                    if (t.residentId().equals(resident.get().id()) && t.doseNumber() == dose
                            && on.equals(cur.issuedOn())) {
                        return CsvImport.Outcome.UNCHANGED;
                    }
                    e.add("ticket_number", ServiceMessages.get("ticket.number.taken"));
                    return null;
                }
                ResidentService.Resident r = ResidentService.decrypt(s, resident.get());
                if (!r.eligibleOn(on)) {
                    e.add("address_number", ServiceMessages.get(r.deceasedOn() != null ? "ticket.deceased" : "ticket.movedout"));
                    return null;
                }
                for (TicketRow t : uow.ticketsOfResident(s.municipality(), r.id())) {
                    if (t.doseNumber() == dose && ACTIVE.equals(t.status())) {
                        e.add("dose_number", ServiceMessages.get("ticket.exists", dose));
                        return null;
                    }
                }
                String id = Ids.newId('T');
                uow.insertTicket(seal(s, id, 1, r.id(), dose, ACTIVE, bTicket,
                        new TicketOps(number, KIND_TICKET, on.toString(), null, null, null), seq, now));
                return CsvImport.Outcome.ADDED;
            };
        });
    }

    // ------------------------------------------------------------------ void, reissue

    static TicketRow findTicket(Session s, UnitOfWork uow, String ticketNumber) {
        TicketNumber t = TicketNumber.parse(ticketNumber);
        return uow.ticketByNumber(s.municipality(), s.keys().index().compute(COL_TICKET, t.value()))
                .orElseThrow(() -> new VrsException(ExitCode.NOT_FOUND, ServiceMessages.get("ticket.notfound")));
    }

    public Ticket voidTicket(Session s, String ticketNumber, String reason) {
        s.require(Action.TICKET_WRITE);
        requireReason(reason);
        String now = Instant.now(clock).toString();
        try (UnitOfWork uow = s.store().write()) {
            TicketRow row = findTicket(s, uow, ticketNumber);
            long seq = audit.nextSeq(uow, s.municipality());
            Ticket t = voidRow(s, uow, row, reason, null, seq, now);
            audit.append(uow, s, seq, new AuditLog.Entry(AuditLog.CHANGE, "ticket void", "ok", Map.of("tickets", 1L),
                    List.of(row.residentId()), Map.of("reason", reason)));
            uow.commit();
            return t;
        }
    }

    private Ticket voidRow(Session s, UnitOfWork uow, TicketRow row, String reason, String replacedBy, long seq,
                           String now) {
        if (VOID.equals(row.status())) {
            throw new VrsException(ExitCode.CONFLICT, ServiceMessages.get("ticket.alreadyvoid"));
        }
        Ticket cur = decrypt(s, row);
        TicketOps ops = new TicketOps(cur.ticketNumber(), cur.kind(), cur.issuedOn().toString(),
                Dates.today(clock).toString(), reason, replacedBy);
        TicketRow next = seal(s, row.id(), row.version() + 1, row.residentId(), row.doseNumber(), VOID, row.bidxTicket(),
                ops, seq, now);
        uow.updateTicket(next);
        return decrypt(s, next);
    }

    /** Voids the old number and issues a new ticket for the same resident and dose. Returns the new ticket. */
    public Ticket reissue(Session s, String ticketNumber, String reason) {
        s.require(Action.TICKET_WRITE);
        requireReason(reason);
        String now = Instant.now(clock).toString();
        try (UnitOfWork uow = s.store().write()) {
            TicketRow row = findTicket(s, uow, ticketNumber);
            ResidentService.Resident r = ResidentService.decrypt(s, uow.resident(s.municipality(), row.residentId())
                    .orElseThrow());
            LocalDate today = Dates.today(clock);
            if (!r.eligibleOn(today)) {
                throw new VrsException(ExitCode.CONFLICT, ServiceMessages.get(
                        r.deceasedOn() != null ? "ticket.deceased" : "ticket.movedout"));
            }
            long seq = audit.nextSeq(uow, s.municipality());
            Ticket fresh = insertNew(s, uow, row.residentId(), row.doseNumber(), today, seq, now, reason);
            voidRow(s, uow, row, reason, fresh.id(), seq, now);
            audit.append(uow, s, seq, new AuditLog.Entry(AuditLog.CHANGE, "ticket reissue", "ok", Map.of("tickets", 1L),
                    List.of(row.residentId()), Map.of("reason", reason)));
            uow.commit();
            return fresh;
        }
    }

    static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new VrsException(ExitCode.USAGE, ServiceMessages.get("reason.required"));
        }
    }

    // ------------------------------------------------------------------ list

    public record Filter(Integer doseNumber, String status, ResidentService.Selector resident) {}

    public List<Ticket> list(Session s, Filter f) {
        s.require(Action.TICKET_READ);
        List<Ticket> out = new ArrayList<>();
        List<String> subjects = new ArrayList<>();
        try (UnitOfWork uow = s.store().write()) {
            Predicate<TicketRow> keep = t -> (f.doseNumber() == null || t.doseNumber() == f.doseNumber())
                    && (f.status() == null || f.status().equals(t.status()));
            if (f.resident() != null) {
                ResidentRow r = ResidentService.find(s, uow, f.resident());
                subjects.add(r.id());
                for (TicketRow t : uow.ticketsOfResident(s.municipality(), r.id())) {
                    if (keep.test(t)) {
                        out.add(decrypt(s, t));
                    }
                }
            } else {
                uow.forEachTicket(s.municipality(), t -> {
                    if (keep.test(t)) {
                        out.add(decrypt(s, t));
                    }
                });
            }
            audit.append(uow, s, new AuditLog.Entry(AuditLog.READ_INTENT, "ticket list", "ok",
                    Map.of("tickets", (long) out.size()), subjects, Map.of()));
            uow.commit();
        }
        s.noteRead("ticket list", out.size(), subjects);
        return out;
    }

    // ------------------------------------------------------------------ export (print file)

    /** What to put in the print file. {@code substitutes} maps characters the encoding cannot hold to replacements. */
    public record ExportRequest(Path out, java.nio.charset.Charset charset, Integer doseNumber, LocalDate issuedOn,
                                Map<String, String> substitutes) {}

    /** A character the chosen encoding cannot hold, by ticket id and column (never the value itself). */
    public record Unencodable(String ticketId, String addressNumber, String column, int offset, int codePoint) {

        /** The character as {@code U+XXXX}, to name it in a substitute map. */
        public String codePointName() {
            return String.format("U+%04X", codePoint);
        }
    }

    public record ExportResult(long written, List<String> dvExcluded, List<String> flaggedExcluded,
                               List<Unencodable> unencodable, long substituted) {}

    static final List<String> PRINT_COLUMNS = List.of("address_number", "name", "name_kana", "postal_code", "address",
            "ticket_number", "ocr_line", "dose_number", "issued_on");

    /**
     * Writes the print-vendor file (formats.md "Ticket print file"). DV-protected residents are left out and
     * listed by surrogate id; residents flagged deceased or moved out are left out and reported; a character
     * the encoding cannot hold stops the export (nothing is written) unless a substitute is given.
     */
    public ExportResult export(Session s, ExportRequest req) {
        s.require(Action.TICKET_READ);
        List<List<String>> rows = new ArrayList<>();
        List<String> dv = new ArrayList<>();
        List<String> flagged = new ArrayList<>();
        List<Unencodable> bad = new ArrayList<>();
        long[] substituted = {0};
        List<String> subjects = new ArrayList<>();
        try (UnitOfWork uow = s.store().write()) {
            uow.forEachTicket(s.municipality(), t -> {
                if (!ACTIVE.equals(t.status()) || (req.doseNumber() != null && t.doseNumber() != req.doseNumber())) {
                    return;
                }
                Ticket ticket = decrypt(s, t);
                if (req.issuedOn() != null && !req.issuedOn().equals(ticket.issuedOn())) {
                    return;
                }
                ResidentService.Resident r = ResidentService.decrypt(s, uow.resident(s.municipality(), t.residentId())
                        .orElseThrow());
                if (r.dvProtected()) {
                    dv.add(r.id());
                    return;
                }
                if (r.flaggedOut()) {
                    flagged.add(r.id());
                    return;
                }
                List<String> row = new ArrayList<>(List.of(r.addressNumber(), r.name(), r.kana(),
                        r.postalCode() == null ? "" : r.postalCode(), r.address() == null ? "" : r.address(),
                        ticket.ticketNumber(), ticket.ocrLine(), Integer.toString(ticket.doseNumber()),
                        ticket.issuedOn().toString()));
                for (int i = 0; i < row.size(); i++) {
                    String v = row.get(i);
                    String replaced = substitute(v, req.substitutes(), req.charset(), substituted);
                    row.set(i, replaced);
                    for (int off : jp.vrsctl.io.CsvFileWriter.unencodable(replaced, req.charset())) {
                        int cp = replaced.codePointAt(replaced.offsetByCodePoints(0, off));
                        bad.add(new Unencodable(t.id(), r.addressNumber(), PRINT_COLUMNS.get(i), off, cp));
                    }
                }
                subjects.add(r.id());
                rows.add(row);
            });
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("tickets", (long) rows.size());
            counts.put("dvExcluded", (long) dv.size());
            counts.put("flaggedExcluded", (long) flagged.size());
            counts.put("unencodable", (long) bad.size());
            if (!bad.isEmpty()) {
                audit.append(uow, s, new AuditLog.Entry(AuditLog.READ_INTENT, "ticket export", "refused", counts,
                        List.of(), Map.of()));
                uow.commit();
                return new ExportResult(0, dv, flagged, bad, substituted[0]);
            }
            audit.append(uow, s, new AuditLog.Entry(AuditLog.READ_INTENT, "ticket export", "ok", counts, subjects,
                    Map.of("file", req.out().getFileName().toString(), "encoding", req.charset().name())));
            uow.commit();
        }
        try (jp.vrsctl.io.CsvFileWriter w = jp.vrsctl.io.CsvFileWriter.createNew(req.out(), req.charset(), false,
                "\r\n", true)) {
            w.writeRow(PRINT_COLUMNS);
            for (List<String> row : rows) {
                w.writeRow(row);
            }
        }
        s.noteRead("ticket export", rows.size(), List.of());
        return new ExportResult(rows.size(), dv, flagged, bad, substituted[0]);
    }

    private static String substitute(String v, Map<String, String> subs, java.nio.charset.Charset cs, long[] count) {
        if (subs == null || subs.isEmpty() || v.isEmpty()) {
            return v;
        }
        StringBuilder sb = new StringBuilder(v.length());
        int i = 0;
        while (i < v.length()) {
            int cp = v.codePointAt(i);
            int len = Character.charCount(cp);
            // a base character plus a variation selector is replaced as one unit when the map names the pair
            int next = i + len;
            if (next < v.length()) {
                int vs = v.codePointAt(next);
                String pair = v.substring(i, next + Character.charCount(vs));
                if (subs.containsKey(pair)) {
                    sb.append(subs.get(pair));
                    count[0]++;
                    i = next + Character.charCount(vs);
                    continue;
                }
            }
            String one = v.substring(i, next);
            if (subs.containsKey(one) && !cs.newEncoder().canEncode(one)) {
                sb.append(subs.get(one));
                count[0]++;
            } else {
                sb.append(one);
            }
            i = next;
        }
        return sb.toString();
    }
}
