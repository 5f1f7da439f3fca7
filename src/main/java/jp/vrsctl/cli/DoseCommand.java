package jp.vrsctl.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jp.vrsctl.ExitCode;
import jp.vrsctl.VrsException;
import jp.vrsctl.service.DoseService;
import jp.vrsctl.service.DoseService.Dose;
import jp.vrsctl.service.ResidentService.Selector;
import jp.vrsctl.service.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "dose", mixinStandardHelpOptions = true, description = "Dose records (接種記録).",
        subcommands = {DoseCommand.Record.class, DoseCommand.Import.class, DoseCommand.ListCmd.class,
                DoseCommand.Show.class, DoseCommand.Correct.class, DoseCommand.Void.class, DoseCommand.Confirm.class})
final class DoseCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Map<String, Object> doseMap(Dose d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("resident_id", d.residentId());
        m.put("dose_number", d.doseNumber());
        m.put("dose_date", Printer.str(d.date()));
        m.put("product", d.product());
        m.put("lot", d.lot());
        m.put("venue_code", d.venueCode());
        m.put("venue_name", d.venueName());
        m.put("administered_in", d.administeredIn());
        m.put("confirmed", d.confirmed());
        m.put("status", d.status());
        m.put("source", d.source());
        m.put("reason", d.reason());
        m.put("version", d.version());
        return m;
    }

    static void printDoses(Context ctx, OutputOptions out, List<Dose> doses) {
        Printer p = new Printer().col("id", "ID").col("resident_id", "RESIDENT").col("dose_number", "DOSE")
                .col("dose_date", "DATE").col("product", "PRODUCT").col("lot", "LOT").col("venue_code", "VENUE")
                .col("venue_name", "VENUE NAME").col("administered_in", "GIVEN IN").col("confirmed", "CONFIRMED")
                .col("status", "STATUS").col("source", "SOURCE").col("reason", "REASON").col("version", "VERSION");
        for (Dose d : doses) {
            p.row(doseMap(d).values().toArray());
        }
        p.print(ctx, out);
    }

    /** The values a dose is recorded or corrected with. */
    static final class DoseValues {
        @Option(names = "--date", paramLabel = "DATE", description = "Date of the dose (西暦 or 和暦).")
        String date;

        @Option(names = "--product", paramLabel = "P", description = "Product (see 'vrsctl catalog products').")
        String product;

        @Option(names = "--maker", paramLabel = "M", description = "Maker; if given it must match the product.")
        String maker;

        @Option(names = "--lot", paramLabel = "LOT", description = "Lot number (text).")
        String lot;

        @Option(names = "--venue-code", paramLabel = "CODE", description = "Venue code.")
        String venueCode;

        @Option(names = "--venue-name", paramLabel = "NAME", description = "Venue name.")
        String venueName;

        @Option(names = "--doctor", paramLabel = "NAME", description = "Doctor's name.")
        String doctor;

        @Option(names = "--administered-in", paramLabel = "CODE",
                description = "Municipality code where given (default: this municipality).")
        String administeredIn;
    }

    @Command(name = "record", mixinStandardHelpOptions = true,
            description = {"Record one dose at a venue, by ticket number (or OCR line) and the holder's birth date.",
                    "Shows the holder's name, kana and birth date; never a My Number or an address."})
    static final class Record extends AuthCommand {
        @Option(names = "--ticket", paramLabel = "NUMBER", description = "10-digit ticket number.")
        String ticket;

        @Option(names = "--ocr", paramLabel = "DIGITS", description = "The 18-digit OCR line instead of --ticket.")
        String ocr;

        @Option(names = "--birth-date", required = true, paramLabel = "DATE",
                description = "The holder's birth date, as a second check against a misread ticket.")
        String birthDate;

        @Mixin
        DoseValues v;

        @Option(names = "--as-of", paramLabel = "DATE", description = "'Today' for the future-date check.")
        String asOf;

        @Mixin
        OutputOptions out;

        @Override
        int run(Session s) {
            if (v.date == null || v.product == null || v.lot == null) {
                throw new VrsException(ExitCode.USAGE, CliMessages.get("dose.record.required"));
            }
            var r = new DoseService(ctx.clock).record(s, new DoseService.RecordRequest(ticket, ocr,
                    ImportCommandSupport.date(birthDate), ImportCommandSupport.date(v.date), v.product, v.maker, v.lot,
                    v.venueCode, v.venueName, v.doctor, v.administeredIn, ImportCommandSupport.date(asOf)));
            for (String w : r.warnings()) {
                ctx.err.println(CliMessages.get("warning.prefix") + w);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dose_id", r.dose().id());
            m.put("holder_name", r.holderName());
            m.put("holder_kana", r.holderKana());
            m.put("holder_birth_date", r.holderBirthDate().toString());
            m.put("ticket_number", r.ticketNumber());
            m.put("dose_number", r.dose().doseNumber());
            m.put("dose_date", r.dose().date().toString());
            m.put("product", r.dose().product());
            m.put("lot", r.dose().lot());
            Documents.print(ctx, out, m, List.of());
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Import doses from a CSV file (formats.md, including the 'Same dose' rules).",
                    "A confirmed dose is never replaced without --override --reason."})
    static final class Import extends AuthCommand {
        @Parameters(paramLabel = "FILE", description = "The CSV file.")
        String file;

        @Mixin
        ImportCommandSupport opts;

        @Mixin
        OutputOptions out;

        @Option(names = "--override", description = "Replace confirmed doses (keeping the old version); needs --reason.")
        boolean override;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why confirmed doses are replaced.")
        String reason;

        @Override
        int run(Session s) {
            var summary = new DoseService(ctx.clock).importCsv(s, ctx.resolve(file), opts.options(ctx, false, override,
                    reason));
            return ImportCommandSupport.report(ctx, summary, out);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List doses.")
    static final class ListCmd extends AuthCommand {
        @Option(names = "--resident", paramLabel = "ID", description = "Only this resident's (宛名番号 or id).")
        String resident;

        @Option(names = "--dose", paramLabel = "N", description = "Only dose number N.")
        Integer dose;

        @Option(names = "--from", paramLabel = "DATE", description = "Given on or after DATE.")
        String from;

        @Option(names = "--to", paramLabel = "DATE", description = "Given on or before DATE.")
        String to;

        @Option(names = "--confirmed", negatable = true, description = "Only confirmed (or --no-confirmed) doses.")
        Boolean confirmed;

        @Option(names = "--include-void", description = "Include voided doses.")
        boolean includeVoid;

        @Mixin
        OutputOptions out;

        @Override
        int run(Session s) {
            printDoses(ctx, out, new DoseService(ctx.clock).list(s, new DoseService.Filter(
                    resident == null ? null : Selector.parse(resident), dose, ImportCommandSupport.date(from),
                    ImportCommandSupport.date(to), confirmed, includeVoid)));
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one dose and its earlier versions.")
    static final class Show extends AuthCommand {
        @Parameters(paramLabel = "DOSE_ID", description = "Dose id (D...).")
        String id;

        @Mixin
        OutputOptions out;

        @Override
        int run(Session s) {
            var d = new DoseService(ctx.clock).show(s, id);
            Map<String, Object> doc = doseMap(d.dose());
            doc.put("history", d.history().stream().map(DoseCommand::doseMap).toList());
            Documents.print(ctx, out, doc, List.of("history"));
            return 0;
        }
    }

    @Command(name = "correct", mixinStandardHelpOptions = true,
            description = "Correct a dose (it becomes confirmed); the earlier version is kept in its history.")
    static final class Correct extends AuthCommand {
        @Parameters(paramLabel = "DOSE_ID", description = "Dose id (D...).")
        String id;

        @Option(names = "--dose", paramLabel = "N", description = "New dose number.")
        Integer dose;

        @Mixin
        DoseValues v;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why.")
        String reason;

        @Option(names = "--as-of", paramLabel = "DATE", description = "'Today' for the future-date check.")
        String asOf;

        @Mixin
        OutputOptions out;

        @Override
        int run(Session s) {
            Dose d = new DoseService(ctx.clock).correct(s, id, new DoseService.Correction(dose,
                    ImportCommandSupport.date(v.date), v.product, v.maker, v.lot, v.venueCode, v.venueName, v.doctor,
                    v.administeredIn, ImportCommandSupport.date(asOf)), reason);
            printDoses(ctx, out, List.of(d));
            return 0;
        }
    }

    @Command(name = "void", mixinStandardHelpOptions = true, description = "Void a dose, keeping it in history.")
    static final class Void extends AuthCommand {
        @Parameters(paramLabel = "DOSE_ID", description = "Dose id (D...).")
        String id;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why.")
        String reason;

        @Mixin
        OutputOptions out;

        @Override
        int run(Session s) {
            printDoses(ctx, out, List.of(new DoseService(ctx.clock).voidDose(s, id, reason)));
            return 0;
        }
    }

    @Command(name = "confirm", mixinStandardHelpOptions = true,
            description = "Confirm an imported dose, so later imports never replace it silently.")
    static final class Confirm extends AuthCommand {
        @Parameters(paramLabel = "DOSE_ID", description = "Dose id (D...).")
        String id;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (what was checked).")
        String reason;

        @Mixin
        OutputOptions out;

        @Override
        int run(Session s) {
            printDoses(ctx, out, List.of(new DoseService(ctx.clock).confirm(s, id, reason)));
            return 0;
        }
    }
}
