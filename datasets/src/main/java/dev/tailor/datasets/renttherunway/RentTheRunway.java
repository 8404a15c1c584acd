package dev.tailor.datasets.renttherunway;

import dev.tailor.data.Catalog;
import dev.tailor.data.CatalogItem;
import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.datasets.Dataset;
import dev.tailor.datasets.jsonl.FlatJsonObject;
import dev.tailor.fit.BodyProfile;
import dev.tailor.fit.FitData;
import dev.tailor.ingest.text.DelimitedRecords;
import dev.tailor.ingest.EventColumns;
import dev.tailor.ingest.EventField;
import dev.tailor.ingest.text.EventRecordDecoder;
import dev.tailor.ingest.IngestException;
import dev.tailor.ingest.IngestProblem;
import dev.tailor.ingest.ParseMode;
import dev.tailor.ingest.text.TextSource;
import dev.tailor.ingest.TimeFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RentTheRunway clothing fit data (Misra, Wan &amp; McAuley, RecSys 2018): real rentals of a fashion-rental
 * service, each with the size rented and the customer's fit feedback on it.
 *
 * <p>Each rental becomes a {@link EventKind#RENT} event at its review date, with the size, the fit feedback
 * ({@code small} → TOO_SMALL, {@code fit} → FITS, {@code large} → TOO_LARGE) and the rating (2–10). Items
 * become catalog entries with their category (the first one seen, if rows disagree); the occasion
 * ({@code rented for}) is kept per event and the customer's profile (age, weight, height, bust, cup, body
 * type; the latest known value of each) per customer. Two layouts are read:
 * <ul>
 *   <li>the CSV export in the shared datasets folder ({@value #CSV}, gzip), header
 *       {@code fit,user_id,item_id,size,category,rented_for,rating,review_date,age,weight_lbs,height_in,body_type,bust_size_num,bust_size_letter_mapped};</li>
 *   <li>the original JSON Lines release ({@code renttherunway_final_data.json[.gz]}), with fields such as
 *       {@code "bust size": "34d"}, {@code "weight": "137lbs"}, {@code "height": "5' 8\""} and dates as
 *       {@code "April 20, 2016"}.</li>
 * </ul>
 * Bad records get the usual treatment: strict mode stops at the first with file, line and field; lenient
 * mode skips and reports them.
 */
public final class RentTheRunway {
    /** The folder name under the datasets root. */
    public static final String NAME = "renttherunway";
    /** The CSV file in that folder. */
    public static final String CSV = "renttherunway_fit_notext.csv.gz";

    private static final List<String> HEADER = List.of("fit", "user_id", "item_id", "size", "category", "rented_for",
            "rating", "review_date", "age", "weight_lbs", "height_in", "body_type", "bust_size_num",
            "bust_size_letter_mapped");
    private static final Pattern BUST = Pattern.compile("(\\d{2})\\s*([a-zA-Z+/]*)");
    private static final Pattern HEIGHT = Pattern.compile("(\\d+)'\\s*(\\d+)?\"?");
    private static final Pattern WEIGHT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*lbs");

    private RentTheRunway() {
    }

    /**
     * The rentals, the occasion of each event and the customers' profiles.
     *
     * @param dataset events (RENT with size, fit and rating), catalog (categories), ingest report
     * @param occasionOfEvent what each event's item was rented for, by log position; null when unknown
     * @param profiles body profiles by external customer id
     */
    public record Rentals(Dataset dataset, String[] occasionOfEvent, Map<String, BodyProfile> profiles) {
        /** Copies. */
        public Rentals {
            occasionOfEvent = occasionOfEvent.clone();
            profiles = Map.copyOf(profiles);
        }

        /** Fit data over every rental, with categories, occasions and profiles. */
        public FitData fitData() {
            return FitData.builder(dataset.events()).catalog(dataset.catalog()).occasions(occasionOfEvent)
                    .profiles(profiles).build();
        }
    }

    /** Reads {@value #CSV} from the dataset folder. */
    public static Rentals read(Path folder, ParseMode mode) {
        return readCsv(folder.resolve(CSV), mode);
    }

    /** Reads the CSV layout (gzip detected by content). */
    public static Rentals readCsv(Path file, ParseMode mode) {
        Collector collector = new Collector(file.toString(), mode, 200_000);
        String[] raw = EventRecordDecoder.newRecord();
        DelimitedRecords.read(file, ',', mode, HEADER, collector.decoder, (line, f) -> {
            String fit = fitName(f.get(0));
            if (fit == null) {
                collector.decoder.reject(new IngestProblem(collector.source, line, "fit", f.get(0), "small, fit or large"));
                return;
            }
            Map<String, Double> measurements = new HashMap<>();
            String[][] numeric = {{"age", f.get(8)}, {"weight_lbs", f.get(9)}, {"height_in", f.get(10)},
                {"bust_size_num", f.get(12)}};
            for (String[] m : numeric) {
                if (!m[1].isBlank()) {
                    Double value = number(m[1]);
                    if (value == null) {
                        collector.decoder.reject(new IngestProblem(collector.source, line, m[0], m[1], "a number"));
                        return;
                    }
                    measurements.put(m[0], value);
                }
            }
            Map<String, String> traits = new HashMap<>();
            putIfPresent(traits, "body_type", f.get(11));
            putIfPresent(traits, "cup", f.get(13));
            collector.add(line, raw, fit, f.get(1), f.get(2), f.get(3), f.get(4), f.get(5), f.get(6), f.get(7),
                    measurements, traits);
        });
        return collector.finish();
    }

    /**
     * Reads the original JSON Lines release (gzip detected by content).
     *
     * @throws IngestException in strict mode at the first bad line
     */
    public static Rentals readJsonLines(Path file, ParseMode mode) {
        try (TextSource source = TextSource.open(file, StandardCharsets.UTF_8, mode)) {
            Collector collector = new Collector(source.name(), mode, 1024);
            String[] raw = EventRecordDecoder.newRecord();
            String line;
            while ((line = source.readLine(collector.decoder::reject)) != null) {
                if (line.isBlank()) {
                    continue;
                }
                long lineNumber = source.lineNumber();
                Map<String, String> fields = new HashMap<>();
                String error = FlatJsonObject.parse(line, (name, text, nested) -> {
                    if (!nested) {
                        fields.put(name, text);
                    }
                });
                if (error != null) {
                    collector.decoder.reject(new IngestProblem(source.name(), lineNumber, null, null,
                            "one JSON object per line (" + error + ")"));
                    continue;
                }
                String fitText = fields.getOrDefault("fit", "");
                String fit = fitName(fitText);
                if (fit == null) {
                    collector.decoder.reject(new IngestProblem(source.name(), lineNumber, "fit", fitText, "small, fit or large"));
                    continue;
                }
                Map<String, Double> measurements = new HashMap<>();
                Map<String, String> traits = new HashMap<>();
                BadField bad = profileFromJson(fields, measurements, traits);
                if (bad != null) {
                    collector.decoder.reject(new IngestProblem(source.name(), lineNumber, bad.field(), bad.value(), bad.expected()));
                    continue;
                }
                String date = fields.get("review_date");
                collector.add(lineNumber, raw, fit, fields.get("user_id"), fields.get("item_id"), fields.get("size"),
                        fields.get("category"), fields.get("rented for"), fields.get("rating"),
                        date == null ? null : isoDate(date), measurements, traits);
            }
            return collector.finish();
        }
    }

    /** Accumulates events, occasions, categories and profiles, in step with the decoder's accepted records. */
    private static final class Collector {
        final String source;
        final EventLog.Builder events;
        final EventRecordDecoder decoder;
        final List<String> occasions = new ArrayList<>();
        final Map<String, String> categoryOfItem = new LinkedHashMap<>();
        final Map<String, Map<String, Double>> measurementsOf = new HashMap<>();
        final Map<String, Map<String, String>> traitsOf = new HashMap<>();

        Collector(String source, ParseMode mode, int expected) {
            this.source = source;
            this.events = EventLog.builder().expectedSize(expected);
            EventColumns columns = EventColumns.builder().customer("user_id").item("item_id")
                    .time("review_date", TimeFormat.iso8601(ZoneOffset.UTC)).constantKind(EventKind.RENT)
                    .rating("rating").fit("fit").size("size").build();
            this.decoder = new EventRecordDecoder(columns, events, mode, source);
        }

        void add(long line, String[] raw, String fit, String customer, String item, String size, String category,
                String occasion, String rating, String date, Map<String, Double> measurements, Map<String, String> traits) {
            java.util.Arrays.fill(raw, null);
            raw[EventField.CUSTOMER.ordinal()] = customer;
            raw[EventField.ITEM.ordinal()] = item;
            raw[EventField.TIME.ordinal()] = date;
            raw[EventField.FIT.ordinal()] = fit;
            raw[EventField.SIZE.ordinal()] = size;
            raw[EventField.RATING.ordinal()] = rating;
            if (size == null || size.isBlank()) {
                decoder.reject(new IngestProblem(source, line, "size", size, "the rented size (the value is missing)"));
                return;
            }
            IngestProblem label = labelProblem(line, "category", category);
            if (label == null) {
                label = labelProblem(line, "rented for", occasion);
            }
            for (Map.Entry<String, String> trait : traits.entrySet()) {
                if (label == null) {
                    label = labelProblem(line, trait.getKey(), trait.getValue());
                }
            }
            for (Map.Entry<String, Double> measurement : measurements.entrySet()) {
                if (label == null && !(Math.abs(measurement.getValue()) <= MAX_MEASUREMENT)) {
                    label = new IngestProblem(source, line, measurement.getKey(), String.valueOf(measurement.getValue()),
                            "a measurement within ±" + MAX_MEASUREMENT);
                }
            }
            if (label != null) {
                decoder.reject(label);
                return;
            }
            if (!decoder.accept(line, raw)) {
                return;
            }
            occasions.add(occasion == null || occasion.isBlank() ? null : occasion.strip());
            String itemId = item.strip();
            if (category != null && !category.isBlank()) {
                categoryOfItem.putIfAbsent(itemId, category.strip());
            }
            String customerId = customer.strip();
            measurementsOf.computeIfAbsent(customerId, k -> new HashMap<>()).putAll(measurements);
            traitsOf.computeIfAbsent(customerId, k -> new HashMap<>()).putAll(traits);
        }

        /** A category, occasion or trait is a label: short text without control characters, or absent. */
        private IngestProblem labelProblem(long line, String column, String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            String invalid = dev.tailor.data.IdIndex.problemWith(value.strip());
            return invalid == null ? null
                    : new IngestProblem(source, line, column, value, "a label (" + invalid.replace("an id", "a label") + ")");
        }

        Rentals finish() {
            EventLog log = events.build();
            Catalog.Builder catalog = Catalog.builder(log.items());
            categoryOfItem.forEach((item, category) -> catalog.add(new CatalogItem(item, category, Double.NaN, Map.of(), Set.of())));
            Map<String, BodyProfile> profiles = new HashMap<>();
            measurementsOf.forEach((customer, measurements) -> {
                BodyProfile profile = new BodyProfile(measurements, traitsOf.getOrDefault(customer, Map.of()));
                if (!profile.isEmpty()) {
                    profiles.put(customer, profile);
                }
            });
            return new Rentals(new Dataset(NAME, log, catalog.build(), List.of(decoder.report())),
                    occasions.toArray(String[]::new), profiles);
        }
    }

    /** The largest magnitude a body measurement may have (ages, pounds, inches). */
    private static final double MAX_MEASUREMENT = 1e4;

    private static String fitName(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "small" -> "TOO_SMALL";
            case "fit" -> "FITS";
            case "large" -> "TOO_LARGE";
            default -> null;
        };
    }

    private static Double number(String text) {
        String t = text.strip();
        if (!dev.tailor.internal.DecimalText.isDecimal(t)) {
            return null;
        }
        try {
            double v = Double.parseDouble(t);
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void putIfPresent(Map<String, String> traits, String name, String value) {
        if (value != null && !value.isBlank()) {
            traits.put(name, value.strip().toLowerCase(Locale.ROOT));
        }
    }

    /** A profile field that could not be read. */
    private record BadField(String field, String value, String expected) {
    }

    /** Fills the profile from the raw JSON fields; returns the first field that cannot be read, else null. */
    private static BadField profileFromJson(Map<String, String> f, Map<String, Double> measurements, Map<String, String> traits) {
        String age = f.get("age");
        if (age != null && !age.isBlank()) {
            Double v = number(age);
            if (v == null) {
                return new BadField("age", age, "a number");
            }
            measurements.put("age", v);
        }
        String weight = f.get("weight");
        if (weight != null && !weight.isBlank()) {
            Matcher m = WEIGHT.matcher(weight.strip());
            if (!m.matches()) {
                return new BadField("weight", weight, "a weight such as 137lbs");
            }
            measurements.put("weight_lbs", Double.parseDouble(m.group(1)));
        }
        String height = f.get("height");
        if (height != null && !height.isBlank()) {
            Matcher m = HEIGHT.matcher(height.strip());
            if (!m.matches()) {
                return new BadField("height", height, "a height such as 5' 8\"");
            }
            measurements.put("height_in", 12.0 * Integer.parseInt(m.group(1)) + (m.group(2) == null ? 0 : Integer.parseInt(m.group(2))));
        }
        String bust = f.get("bust size");
        if (bust != null && !bust.isBlank()) {
            Matcher m = BUST.matcher(bust.strip());
            if (!m.matches()) {
                return new BadField("bust size", bust, "a bust size such as 34d");
            }
            measurements.put("bust_size_num", Double.parseDouble(m.group(1)));
            putIfPresent(traits, "cup", cup(m.group(2)));
        }
        putIfPresent(traits, "body_type", f.get("body type"));
        return null;
    }

    /** The cup letter as the CSV export maps it (dd → e, d+ and ddd/e → d). */
    private static String cup(String raw) {
        String c = raw.toLowerCase(Locale.ROOT);
        return switch (c) {
            case "" -> null;
            case "dd" -> "e";
            case "d+", "ddd/e" -> "d";
            default -> c;
        };
    }

    private static String isoDate(String text) {
        try {
            return java.time.LocalDate.parse(text.strip(),
                    java.time.format.DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH)).toString();
        } catch (java.time.format.DateTimeParseException e) {
            return text;
        }
    }
}
