package dev.tailor.engines;

import dev.tailor.recommend.RecommenderTrainer;
import dev.tailor.recommend.als.AlsSolver;
import dev.tailor.recommend.als.ImplicitAls;
import dev.tailor.recommend.ease.Ease;
import dev.tailor.recommend.neighbourhood.ItemKnn;
import dev.tailor.recommend.neighbourhood.Rp3Beta;
import dev.tailor.recommend.popular.MostPopular;
import dev.tailor.recommend.popular.RandomItems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoubleConsumer;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every engine by name, with optional settings, as services, batch jobs and the command line name them:
 * {@code als}, {@code als(factors=32,lambda=10)}, {@code knn-llr(neighbours=50)}. A setting not given keeps
 * the engine builder's documented default; unknown names and settings, and contradictory settings, are
 * errors that say what is known. Defaults live in the engines' builders only: a setting is handed to the
 * builder when it is given, so a spec without settings trains exactly what the builder's defaults train.
 *
 * <p>Thread-safety: stateless.
 */
public final class Trainers {
    /** A split regex for lists of specs: commas outside parentheses. */
    public static final String LIST_SPLIT = ",(?![^(]*\\))";

    /** What {@link #parse} accepts, for help texts and messages. */
    public static final String HELP = "popular, popular-90d, random, knn-cosine, knn-jaccard, knn-llr, knn-asymmetric, "
            + "rp3beta, als, als-cholesky, ease; settings in parentheses, e.g. als(factors=64,lambda=30,alpha=2,iterations=15,cgSteps=3), "
            + "knn-cosine(neighbours=100,shrink=10,pruning=target|source), knn-asymmetric(alpha=0.5), rp3beta(alpha=1,beta=0.5,neighbours=100), "
            + "ease(lambda=500), popular-90d(days=90) or popular-30d; every engine's name() reads back as its spec";

    private static final Map<String, Function<Settings, RecommenderTrainer>> BY_NAME = new LinkedHashMap<>();
    /** popular-30d and the like: how MostPopular names a window other than the default's. */
    private static final Pattern RECENT_POPULAR = Pattern.compile("popular-(\\d{1,5})d");

    static {
        BY_NAME.put("popular", s -> MostPopular.overall());
        BY_NAME.put("popular-90d", s -> MostPopular.recent(Duration.ofDays(s.integer("days", 90))));
        BY_NAME.put("random", s -> RandomItems.withSeed(s.seed));
        BY_NAME.put("knn-cosine", s -> knn(s, ItemKnn.Similarity.COSINE));
        BY_NAME.put("knn-jaccard", s -> knn(s, ItemKnn.Similarity.JACCARD));
        BY_NAME.put("knn-llr", s -> knn(s, ItemKnn.Similarity.LOG_LIKELIHOOD));
        BY_NAME.put("knn-asymmetric", s -> knn(s, ItemKnn.Similarity.ASYMMETRIC_COSINE));
        BY_NAME.put("rp3beta", s -> {
            Rp3Beta.Builder b = Rp3Beta.builder();
            s.ifDecimal("alpha", b::alpha);
            s.ifDecimal("beta", b::beta);
            s.ifInteger("neighbours", b::neighbours);
            return b.build();
        });
        BY_NAME.put("als", s -> als(s, AlsSolver.CONJUGATE_GRADIENT));
        BY_NAME.put("als-cholesky", s -> als(s, AlsSolver.CHOLESKY));
        BY_NAME.put("ease", s -> {
            Ease.Builder b = Ease.builder();
            s.ifDecimal("lambda", b::lambda);
            return b.build();
        });
    }

    private Trainers() {
    }

    private static RecommenderTrainer knn(Settings s, ItemKnn.Similarity similarity) {
        ItemKnn.Builder b = ItemKnn.builder().similarity(similarity);
        s.ifDecimal("alpha", b::alpha);
        s.ifInteger("neighbours", b::neighbours);
        s.ifDecimal("shrink", b::shrink);
        if (s.has("pruning")) {
            b.pruning(ItemKnn.Pruning.valueOf(s.choice("pruning", "target", "target", "source").toUpperCase(Locale.ROOT)));
        }
        return b.build();
    }

    private static RecommenderTrainer als(Settings s, AlsSolver solver) {
        ImplicitAls.Builder b = ImplicitAls.builder().solver(solver).seed(s.seed);
        s.ifInteger("factors", b::factors);
        s.ifDecimal("lambda", b::lambda);
        s.ifDecimal("alpha", b::alpha);
        s.ifInteger("iterations", b::iterations);
        s.ifInteger("cgSteps", b::cgSteps);
        return b.build();
    }

    /** Every engine's name, in a fixed order. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /**
     * The trainer a spec names.
     *
     * @param seed the seed for engines that draw random numbers (ALS initialisation, random baseline)
     * @throws IllegalArgumentException naming what is known, for an unknown name or setting, a bad value, or
     *     settings that contradict each other
     */
    public static RecommenderTrainer parse(String spec, long seed) {
        String trimmed = spec.strip();
        int open = trimmed.indexOf('(');
        String name = open < 0 ? trimmed : trimmed.substring(0, open);
        Function<Settings, RecommenderTrainer> factory = BY_NAME.get(name);
        Matcher window = RECENT_POPULAR.matcher(name);
        if (factory == null && window.matches()) {
            // popular-30d, as MostPopular names itself: popular-90d with another window.
            int days = Integer.parseInt(window.group(1));
            factory = s -> MostPopular.recent(Duration.ofDays(s.integer("days", days)));
        }
        if (factory == null) {
            throw new IllegalArgumentException("unknown algorithm '" + name + "'; known: " + HELP);
        }
        Settings settings = new Settings(trimmed, seed);
        if (open >= 0) {
            if (!trimmed.endsWith(")")) {
                throw new IllegalArgumentException("algorithm '" + spec + "': settings must end with ')'");
            }
            for (String pair : trimmed.substring(open + 1, trimmed.length() - 1).split(",")) {
                if (pair.isBlank()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("algorithm '" + spec + "': setting '" + pair + "' is not name=value");
                }
                settings.values.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
        RecommenderTrainer trainer = factory.apply(settings);
        Set<String> unknown = new TreeSet<>(settings.values.keySet());
        unknown.removeAll(settings.read);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("algorithm '" + spec + "': unknown settings " + unknown + " (known for "
                    + name + ": " + settings.read + ")");
        }
        return trainer;
    }

    /**
     * The trainers of a comma-separated list of specs ({@code popular,als(factors=32,lambda=10)}).
     *
     * @throws IllegalArgumentException as {@link #parse} does, for the first bad spec
     */
    public static List<RecommenderTrainer> parseList(String specs, long seed) {
        List<RecommenderTrainer> trainers = new ArrayList<>();
        for (String spec : specs.split(LIST_SPLIT)) {
            if (!spec.isBlank()) {
                trainers.add(parse(spec, seed));
            }
        }
        return trainers;
    }

    /** The settings given for one algorithm, and which of them the factory read. */
    private static final class Settings {
        final String spec;
        final long seed;
        final Map<String, String> values = new HashMap<>();
        final Set<String> read = new TreeSet<>();

        Settings(String spec, long seed) {
            this.spec = spec;
            this.seed = seed;
        }

        /** Whether the setting was given (and counts as read, so that it is not reported as unknown). */
        boolean has(String key) {
            read.add(key);
            return values.containsKey(key);
        }

        int integer(String key, int fallback) {
            read.add(key);
            String v = values.get(key);
            try {
                return v == null ? fallback : Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("algorithm '" + spec + "': " + key + " must be a whole number, was '" + v + "'");
            }
        }

        /** Hands a given whole-number setting to the builder; an absent one keeps the builder's default. */
        void ifInteger(String key, IntConsumer setter) {
            if (has(key)) {
                setter.accept(integer(key, 0));
            }
        }

        /** Hands a given decimal setting to the builder; an absent one keeps the builder's default. */
        void ifDecimal(String key, DoubleConsumer setter) {
            if (has(key)) {
                setter.accept(decimal(key, 0));
            }
        }

        String choice(String key, String fallback, String... allowed) {
            read.add(key);
            String v = values.getOrDefault(key, fallback);
            if (!Arrays.asList(allowed).contains(v)) {
                throw new IllegalArgumentException("algorithm '" + spec + "': " + key + " must be one of "
                        + String.join(", ", allowed) + ", was '" + v + "'");
            }
            return v;
        }

        double decimal(String key, double fallback) {
            read.add(key);
            String v = values.get(key);
            try {
                return v == null ? fallback : Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("algorithm '" + spec + "': " + key + " must be a number, was '" + v + "'");
            }
        }
    }
}
