package dev.tailor.datasets.cdnow;

import dev.tailor.data.Catalog;
import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.datasets.Dataset;
import dev.tailor.ingest.EventColumns;
import dev.tailor.ingest.EventField;
import dev.tailor.ingest.text.EventRecordDecoder;
import dev.tailor.ingest.IngestProblem;
import dev.tailor.ingest.ParseMode;
import dev.tailor.ingest.text.TextSource;
import dev.tailor.ingest.TimeFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The CDNOW purchase log (Fader, Hardie &amp; Lee, Marketing Science 2005): the 23,570 customers whose
 * first purchase at CDNOW was in Q1 1997, to June 1998. Whitespace-separated, one line per customer-day.
 *
 * <p>Each line becomes a {@link EventKind#PURCHASE} of the single item {@value #ITEM} (the log has no
 * product ids), with quantity = number of CDs and amount = dollar value. The master file's customers
 * keep their 5-digit ids; the 1/10 sample's customers are named by their sample id (0001–2357), and
 * the master id is checked to be a number.
 */
public final class Cdnow {
    /** The folder name under the datasets root. */
    public static final String NAME = "cdnow";
    /** The one item every purchase is of. */
    public static final String ITEM = "cd";

    private Cdnow() {
    }

    /** Reads {@code CDNOW_master.txt} (header line, then {@code customer date cds dollars}). */
    public static Dataset readMaster(Path folder, ParseMode mode) {
        return read(folder.resolve("CDNOW_master.txt"), true, mode);
    }

    /** Reads {@code CDNOW_sample.txt} (no header; {@code master_id sample_id date cds dollars}). */
    public static Dataset readSample(Path folder, ParseMode mode) {
        return read(folder.resolve("CDNOW_sample.txt"), false, mode);
    }

    private static Dataset read(Path file, boolean master, ParseMode mode) {
        EventColumns columns = EventColumns.builder()
                .customer(master ? "customer_id" : "sample_id").item("item")
                .time("date", TimeFormat.pattern("yyyyMMdd", ZoneOffset.UTC))
                .quantity("number_of_cds").amount("dollar_value").constantKind(EventKind.PURCHASE).build();
        EventLog.Builder events = EventLog.builder().expectedSize(master ? 69_659 : 6_919);
        EventRecordDecoder decoder = new EventRecordDecoder(columns, events, mode, file.toString());
        int fields = master ? 4 : 5;
        String[] raw = EventRecordDecoder.newRecord();
        try (TextSource source = TextSource.open(file, StandardCharsets.US_ASCII, mode)) {
            String line;
            boolean header = master;
            while ((line = source.readLine(decoder::reject)) != null) {
                if (line.isBlank()) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] f = line.strip().split("\\s+");
                if (f.length != fields) {
                    decoder.reject(new IngestProblem(source.name(), source.lineNumber(), null, line.strip(),
                            fields + " whitespace-separated fields"));
                    continue;
                }
                int at = 0;
                if (!master && !f[at++].chars().allMatch(Character::isDigit)) {
                    decoder.reject(new IngestProblem(source.name(), source.lineNumber(), "master_id", f[0], "a number"));
                    continue;
                }
                raw[EventField.CUSTOMER.ordinal()] = f[at++];
                raw[EventField.ITEM.ordinal()] = ITEM;
                raw[EventField.TIME.ordinal()] = f[at++];
                raw[EventField.QUANTITY.ordinal()] = f[at++];
                raw[EventField.AMOUNT.ordinal()] = f[at];
                decoder.accept(source.lineNumber(), raw);
            }
        }
        dev.tailor.ingest.IngestReport report = decoder.report();
        if (report.eventsAdded() == 0) {
            // An empty (or all-bad) file is not a dataset of no purchases: refused in either mode, as the core readers do.
            throw new dev.tailor.ingest.IngestException(new IngestProblem(file.toString(), 0, null, null,
                    "at least one purchase record (the file holds " + report.records() + " records, none read)"));
        }
        EventLog log = events.build();
        return new Dataset(NAME, log, Catalog.builder(log.items()).build(), List.of(report));
    }
}
