package dev.tailor.datasets.movielens;

import dev.tailor.data.Catalog;
import dev.tailor.data.CatalogItem;
import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.datasets.Dataset;
import dev.tailor.ingest.EventColumns;
import dev.tailor.ingest.csv.EventCsvReader;
import dev.tailor.ingest.IngestException;
import dev.tailor.ingest.IngestProblem;
import dev.tailor.ingest.IngestReport;
import dev.tailor.ingest.ParseMode;
import dev.tailor.ingest.text.TextSource;
import dev.tailor.ingest.TimeFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MovieLens 100K (GroupLens; Harper &amp; Konstan, ACM TiiS 2015): 100,000 ratings (1–5) of 1,682 movies by
 * 943 users, with Unix timestamps.
 *
 * <p>Each rating becomes a {@link EventKind#RATING} event carrying the rating. Movies become catalog
 * items whose category is their first genre flag in {@code u.item} (ISO-8859-1), with the title, the
 * release date and all genres (joined by {@code |}) as attributes.
 */
public final class MovieLens100k {
    /** The folder name under the datasets root. */
    public static final String NAME = "movielens-100k";

    private static final String[] GENRES = {"unknown", "Action", "Adventure", "Animation", "Children's", "Comedy",
        "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi",
        "Thriller", "War", "Western"};

    private MovieLens100k() {
    }

    /** Reads {@code u.data} and {@code u.item} from the folder, strictly. */
    public static Dataset read(Path folder) {
        return read(folder, "u.data", ParseMode.STRICT);
    }

    /**
     * Reads a ratings file of the folder ({@code u.data}, or a fold such as {@code u1.base}) with the
     * movie catalog.
     */
    public static Dataset read(Path folder, String ratingsFile, ParseMode mode) {
        EventLog.Builder events = EventLog.builder().expectedSize(100_000);
        List<IngestReport> reports = new ArrayList<>();
        Catalog catalog = readCatalog(folder.resolve("u.item"), events, mode, reports);
        EventColumns columns = EventColumns.builder().customer("user_id").item("item_id")
                .time("timestamp", TimeFormat.epochSeconds()).rating("rating").constantKind(EventKind.RATING).build();
        IngestReport report = EventCsvReader.builder().columns(columns).delimiter('\t')
                .headerless("user_id", "item_id", "rating", "timestamp").mode(mode).build()
                .read(folder.resolve(ratingsFile), events);
        reports.add(report);
        return new Dataset(NAME, events.build(), catalog, reports);
    }

    /**
     * The movies of u.item. A bad line (field count, genre flag, an id that is not an id or comes twice) stops a strict
     * read with its file, line and field, and is skipped and reported in a lenient one.
     */
    private static Catalog readCatalog(Path file, EventLog.Builder events, ParseMode mode, List<IngestReport> reports) {
        Catalog.Builder catalog = Catalog.builder(events.items());
        if (!Files.exists(file)) {
            return catalog.build();
        }
        List<IngestProblem> problems = new ArrayList<>();
        long records = 0;
        long added = 0;
        java.util.Set<String> seen = new java.util.HashSet<>();
        try (TextSource source = TextSource.open(file, StandardCharsets.ISO_8859_1, mode)) {
            String line;
            while ((line = source.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                records++;
                IngestProblem problem = null;
                String[] f = line.split("\\|", -1);
                List<String> genres = new ArrayList<>();
                if (f.length != 5 + GENRES.length) {
                    problem = new IngestProblem(source.name(), source.lineNumber(), null, line,
                            (5 + GENRES.length) + " '|'-separated fields (id, title, release date, video date, URL, 19 genre flags)");
                } else {
                    for (int g = 0; g < GENRES.length && problem == null; g++) {
                        String flag = f[5 + g];
                        if (!flag.equals("0") && !flag.equals("1")) {
                            problem = new IngestProblem(source.name(), source.lineNumber(), "genre " + GENRES[g], flag, "0 or 1");
                        } else if (flag.equals("1")) {
                            genres.add(GENRES[g]);
                        }
                    }
                }
                String id = f[0].strip();
                if (problem == null) {
                    String invalid = dev.tailor.data.IdIndex.problemWith(id);
                    if (invalid != null) {
                        problem = new IngestProblem(source.name(), source.lineNumber(), "movie id", id, invalid);
                    } else if (!seen.add(id)) {
                        problem = new IngestProblem(source.name(), source.lineNumber(), "movie id", id,
                                "an id not listed before in the file");
                    }
                }
                if (problem != null) {
                    if (mode == ParseMode.STRICT) {
                        throw new IngestException(problem);
                    }
                    problems.add(problem);
                    continue;
                }
                Map<String, String> attributes = new LinkedHashMap<>();
                attributes.put("title", f[1]);
                attributes.put("release_date", f[2]);
                attributes.put("genres", String.join("|", genres));
                // MovieLens has no prices: unknown, not free.
                catalog.add(new CatalogItem(id, genres.isEmpty() ? "unknown" : genres.get(0), Double.NaN, attributes, Set.of()));
                added++;
            }
        }
        reports.add(new IngestReport(file.toString(), records, added, problems.size(), 0,
                problems.subList(0, Math.min(problems.size(), IngestReport.MAX_EXAMPLES))));
        return catalog.build();
    }
}
