package dev.tailor.datasets.retail;

import dev.tailor.data.Catalog;
import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.datasets.Dataset;
import dev.tailor.ingest.text.DelimitedRecords;
import dev.tailor.ingest.EventColumns;
import dev.tailor.ingest.EventField;
import dev.tailor.ingest.text.EventRecordDecoder;
import dev.tailor.ingest.IngestProblem;
import dev.tailor.ingest.ParseMode;
import dev.tailor.ingest.TimeFormat;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;

/**
 * UCI Online Retail (Chen, Sain &amp; Guo 2012), aggregated to one row per invoice:
 * {@code InvoiceNo,InvoiceDate,CustomerID,Country,Quantity,UnitPrice}, times as {@code M/d/yyyy H:mm}
 * (UK time, read as UTC).
 *
 * <p>An invoice becomes a {@link EventKind#PURCHASE} of the item {@value #ITEM} (product identities are
 * gone in this file); a cancellation ({@code InvoiceNo} starting with {@code C}, negative quantity)
 * becomes a {@link EventKind#RETURN} of the absolute quantity. The amount is quantity × mean unit price,
 * an approximation of the invoice total (the file keeps only the unweighted mean of line prices).
 *
 * <p>Invoices whose customer is {@value #ANONYMOUS} (the source's mark for a missing CustomerID: guest
 * orders and stock adjustments, 3,722 rows) belong to no customer and are left out; the report counts
 * them as excluded.
 */
public final class OnlineRetailInvoices {
    /** The folder name under the datasets root. */
    public static final String NAME = "online-retail-invoices";
    /** The one item every invoice is of. */
    public static final String ITEM = "invoice";
    /** The source's customer id for an invoice without a customer. */
    public static final String ANONYMOUS = "(blank)";

    private OnlineRetailInvoices() {
    }

    /** Reads {@code OnlineRetail_invoices.csv}. */
    public static Dataset read(Path folder, ParseMode mode) {
        Path file = folder.resolve("OnlineRetail_invoices.csv");
        EventColumns columns = EventColumns.builder().customer("CustomerID").item("item")
                .time("InvoiceDate", TimeFormat.pattern("M/d/yyyy H:mm", ZoneOffset.UTC)).kind("InvoiceNo")
                .quantity("Quantity").amount("UnitPrice").build();
        EventLog.Builder events = EventLog.builder().expectedSize(26_000);
        EventRecordDecoder decoder = new EventRecordDecoder(columns, events, mode, file.toString());
        String[] raw = EventRecordDecoder.newRecord();
        DelimitedRecords.read(file, ',', mode, List.of("InvoiceNo", "InvoiceDate", "CustomerID", "Country", "Quantity",
                "UnitPrice"), decoder, (line, f) -> {
                    if (f.get(2).strip().equals(ANONYMOUS)) {
                        decoder.exclude();
                        return;
                    }
                    boolean cancelled = f.get(0).startsWith("C");
                    BigDecimal quantity;
                    BigDecimal unitPrice;
                    try {
                        quantity = new BigDecimal(f.get(4).strip());
                    } catch (NumberFormatException e) {
                        decoder.reject(new IngestProblem(file.toString(), line, "Quantity", f.get(4), "a whole number"));
                        return;
                    }
                    try {
                        unitPrice = new BigDecimal(f.get(5).strip());
                    } catch (NumberFormatException e) {
                        decoder.reject(new IngestProblem(file.toString(), line, "UnitPrice", f.get(5), "a price such as 3.91"));
                        return;
                    }
                    if (cancelled != (quantity.signum() < 0)) {
                        decoder.reject(new IngestProblem(file.toString(), line, "Quantity", f.get(4),
                                cancelled ? "a negative quantity on a cancellation" : "a positive quantity on an invoice"));
                        return;
                    }
                    raw[EventField.CUSTOMER.ordinal()] = f.get(2);
                    raw[EventField.ITEM.ordinal()] = ITEM;
                    raw[EventField.TIME.ordinal()] = f.get(1);
                    raw[EventField.KIND.ordinal()] = cancelled ? EventKind.RETURN.name() : EventKind.PURCHASE.name();
                    raw[EventField.QUANTITY.ordinal()] = quantity.abs().toPlainString();
                    raw[EventField.AMOUNT.ordinal()] = quantity.abs().multiply(unitPrice).toPlainString();
                    decoder.accept(line, raw);
                });
        EventLog log = events.build();
        return new Dataset(NAME, log, Catalog.builder(log.items()).build(), List.of(decoder.report()));
    }
}
