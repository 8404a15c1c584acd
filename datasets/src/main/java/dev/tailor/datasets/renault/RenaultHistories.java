package dev.tailor.datasets.renault;

import dev.tailor.configure.ConfigurationHistory;
import dev.tailor.ingest.IngestException;
import dev.tailor.ingest.IngestProblem;
import dev.tailor.ingest.IngestReport;
import dev.tailor.ingest.ParseMode;
import dev.tailor.ingest.text.TextSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Renault car-configuration sales histories of the BR4CP project (Fargier et al.; Astesana, Cosserat &amp;
 * Fargier, ICTAI 2010), in the two published layouts:
 * <ul>
 *   <li>{@code cfn-learn/config_<size>_filtered.txt} (Brouard, de Givry &amp; Schiex, CP 2020): a
 *       space-separated header of variable names, then one sold configuration per row (repeat sales are
 *       repeated rows); with {@code index_csv_<size>.txt}, the 10-fold cross-validation fold of each
 *       row;</li>
 *   <li>{@code br4cp-raw/<size>_brut.csv}: comma-separated, the first column the number of sales of the
 *       configuration, then the variables, in the original value coding.</li>
 * </ul>
 * Every value must be an integer: in strict mode anything else is an error naming file, line and
 * variable; in lenient mode the row is skipped and reported (big_brut.csv has 11 rows with a date such as
 * {@code 02/01/14} in {@code v190}).
 */
public final class RenaultHistories {
    /** The folder name under the datasets root. */
    public static final String NAME = "renault-car-configurations";

    private RenaultHistories() {
    }

    /** Reads {@code cfn-learn/config_<size>_filtered.txt}; size is {@code medium} or {@code big}. */
    public static ConfigurationHistory readFiltered(Path folder, String size, ParseMode mode) {
        Path file = folder.resolve("cfn-learn").resolve("config_" + requireSize(size, "medium", "big") + "_filtered.txt");
        return read(file, "renault-" + size, ' ', false, mode);
    }

    /** Reads {@code br4cp-raw/<size>_brut.csv}; size is {@code small}, {@code medium} or {@code big}. */
    public static ConfigurationHistory readRaw(Path folder, String size, ParseMode mode) {
        Path file = folder.resolve("br4cp-raw").resolve(requireSize(size, "small", "medium", "big") + "_brut.csv");
        return read(file, "renault-" + size, ',', true, mode);
    }

    /**
     * Reads {@code cfn-learn/index_csv_<size>.txt}: one fold id (0–9) per line. The file may have more
     * entries than the history has rows (big has 8,562 for 8,337 rows): aligning them is the caller's
     * decision, so all entries are returned.
     */
    public static int[] readFolds(Path folder, String size) {
        Path file = folder.resolve("cfn-learn").resolve("index_csv_" + requireSize(size, "medium", "big") + ".txt");
        int[] folds = new int[1024];
        int n = 0;
        try (TextSource source = TextSource.open(file, StandardCharsets.US_ASCII, ParseMode.STRICT)) {
            String line;
            while ((line = source.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                int fold = parse(source, line.strip(), "fold");
                if (fold < 0 || fold > 9) {
                    throw new IngestException(new IngestProblem(source.name(), source.lineNumber(), "fold", line, "a fold id 0-9"));
                }
                if (n == folds.length) {
                    folds = Arrays.copyOf(folds, n * 2);
                }
                folds[n++] = fold;
            }
        }
        return Arrays.copyOf(folds, n);
    }

    /**
     * The fold of each row of {@code config_<size>_filtered.txt}: row {@code i} takes entry {@code i} of the
     * index file, the alignment the CP 2020 experiments used (their script reads {@code fold[i]} for data
     * row {@code i}; for big this reproduces their 7,493 training / 844 test rows of fold 9). The big index
     * has 225 more entries than the filtered history has rows; the surplus at the end is unused. Under
     * this alignment medium keeps every repeated configuration in one fold, big does not (679 of its
     * 3,136 distinct configurations are split across folds, and no shifted alignment keeps them together),
     * so results on big with these folds include test configurations also seen in training.
     *
     * @throws IngestException if the index has fewer entries than the history has rows
     */
    public static int[] alignedFolds(Path folder, String size, ConfigurationHistory history) {
        int[] all = readFolds(folder, size);
        if (all.length < history.size()) {
            throw new IngestException(new IngestProblem("index_csv_" + size + ".txt", all.length, "fold", "",
                    "one fold id per history row (" + history.size() + ")"));
        }
        return Arrays.copyOf(all, history.size());
    }

    private static ConfigurationHistory read(Path file, String product, char delimiter, boolean countColumn,
            ParseMode mode) {
        List<int[]> rows = new ArrayList<>();
        int[] weights = new int[1024];
        List<String> variables;
        List<IngestProblem> problems = new ArrayList<>();
        long records = 0;
        long skipped = 0;
        try (TextSource source = TextSource.open(file, StandardCharsets.US_ASCII, mode)) {
            String header = source.readLine();
            if (header == null) {
                throw new IngestException(new IngestProblem(source.name(), 0, null, null, "a header of variable names (the file is empty)"));
            }
            List<String> names = split(header, delimiter);
            variables = countColumn ? names.subList(1, names.size()) : names;
            String line;
            List<IngestProblem> unreadable = new ArrayList<>();
            while ((line = source.readLine(unreadable::add)) != null) {
                for (IngestProblem problem : unreadable) {
                    records++;
                    skipped++;
                    if (problems.size() < IngestReport.MAX_EXAMPLES) {
                        problems.add(problem);
                    }
                }
                unreadable.clear();
                if (line.isBlank()) {
                    continue;
                }
                records++;
                try {
                    int[] row = new int[variables.size()];
                    int weight = parseRow(source, split(line, delimiter), names, countColumn, row);
                    if (rows.size() == weights.length) {
                        weights = Arrays.copyOf(weights, weights.length * 2);
                    }
                    weights[rows.size()] = weight;
                    rows.add(row);
                } catch (IngestException e) {
                    if (mode == ParseMode.STRICT) {
                        throw e;
                    }
                    skipped++;
                    if (problems.size() < IngestReport.MAX_EXAMPLES) {
                        problems.add(e.problem());
                    }
                }
            }
        }
        IngestReport report = new IngestReport(file.toString(), records, rows.size(), skipped, 0, problems);
        return new ConfigurationHistory(product, variables, rows.toArray(new int[0][]), Arrays.copyOf(weights, rows.size()),
                report);
    }

    /** Fills one row's value codes and returns its sales count. */
    private static int parseRow(TextSource source, List<String> fields, List<String> names, boolean countColumn, int[] row) {
        if (fields.size() != names.size()) {
            throw new IngestException(new IngestProblem(source.name(), source.lineNumber(), null, null,
                    names.size() + " values as in the header (the line has " + fields.size() + ")"));
        }
        int weight = 1;
        if (countColumn) {
            weight = parse(source, fields.get(0), names.get(0));
            if (weight < 1) {
                throw new IngestException(new IngestProblem(source.name(), source.lineNumber(), names.get(0),
                        fields.get(0), "a sales count >= 1"));
            }
        }
        int offset = countColumn ? 1 : 0;
        for (int v = 0; v < row.length; v++) {
            row[v] = parse(source, fields.get(v + offset), names.get(v + offset));
        }
        return weight;
    }

    private static List<String> split(String line, char delimiter) {
        List<String> fields = new ArrayList<>();
        for (String field : (delimiter == ' ' ? line.strip().split(" +") : line.split(String.valueOf(delimiter), -1))) {
            fields.add(field.strip());
        }
        return fields;
    }

    private static int parse(TextSource source, String text, String column) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IngestException(new IngestProblem(source.name(), source.lineNumber(), column, text, "an integer value code"), e);
        }
    }

    private static String requireSize(String size, String... allowed) {
        String lower = size.toLowerCase(Locale.ROOT);
        if (!Arrays.asList(allowed).contains(lower)) {
            throw new IllegalArgumentException("size must be one of " + Arrays.toString(allowed) + ", was '" + size + "'");
        }
        return lower;
    }
}
