package dev.tailor.datasets.movielens;

import dev.tailor.data.Catalog;
import dev.tailor.data.CatalogItem;
import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.datasets.Dataset;
import dev.tailor.ingest.EventColumns;
import dev.tailor.ingest.EventCsvReader;
import dev.tailor.ingest.IngestException;
import dev.tailor.ingest.IngestProblem;
import dev.tailor.ingest.IngestReport;
import dev.tailor.ingest.ParseMode;
import dev.tailor.internal.TextSource;
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
        Catalog catalog = readCatalog(folder.resolve("u.item"), events, mode);
        EventColumns columns = EventColumns.builder().customer("user_id").item("item_id")
                .time("timestamp", TimeFormat.epochSeconds()).rating("rating").constantKind(EventKind.RATING).build();
        IngestReport report = EventCsvReader.builder().columns(columns).delimiter('\t')
                .headerless("user_id", "item_id", "rating", "timestamp").mode(mode).build()
                .read(folder.resolve(ratingsFile), events);
        return new Dataset(NAME, events.build(), catalog, List.of(report));
    }

    private static Catalog readCatalog(Path file, EventLog.Builder events, ParseMode mode) {
        Catalog.Builder catalog = Catalog.builder(events.items());
        if (!Files.exists(file)) {
            return catalog.build();
        }
        try (TextSource source = TextSource.open(file, StandardCharsets.ISO_8859_1, mode)) {
            String line;
            while ((line = source.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\\|", -1);
                if (f.length != 5 + GENRES.length) {
                    throw new IngestException(new IngestProblem(source.name(), source.lineNumber(), null, line,
                            (5 + GENRES.length) + " '|'-separated fields (id, title, release date, video date, URL, 19 genre flags)"));
                }
                List<String> genres = new ArrayList<>();
                for (int g = 0; g < GENRES.length; g++) {
                    String flag = f[5 + g];
                    if (!flag.equals("0") && !flag.equals("1")) {
                        throw new IngestException(new IngestProblem(source.name(), source.lineNumber(), "genre " + GENRES[g],
                                flag, "0 or 1"));
                    }
                    if (flag.equals("1")) {
                        genres.add(GENRES[g]);
                    }
                }
                Map<String, String> attributes = new LinkedHashMap<>();
                attributes.put("title", f[1]);
                attributes.put("release_date", f[2]);
                attributes.put("genres", String.join("|", genres));
                catalog.add(new CatalogItem(f[0].strip(), genres.isEmpty() ? "unknown" : genres.get(0), 0.0, attributes,
                        Set.of()));
            }
        }
        return catalog.build();
    }
}
