package dev.tailor.cli;

import dev.tailor.recommend.MostPopular;
import dev.tailor.recommend.RandomItems;
import dev.tailor.recommend.RecommenderTrainer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;

/** The engines the command line can train, by name, each with its documented defaults. */
final class Algorithms {
    private static final Map<String, LongFunction<RecommenderTrainer>> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("popular", seed -> MostPopular.overall());
        BY_NAME.put("popular-90d", seed -> MostPopular.recent(Duration.ofDays(90)));
        BY_NAME.put("random", RandomItems::withSeed);
    }

    private Algorithms() {
    }

    static Iterable<String> names() {
        return BY_NAME.keySet();
    }

    /** @throws IllegalArgumentException naming the known algorithms, if the name is unknown */
    static RecommenderTrainer byName(String name, long seed) {
        LongFunction<RecommenderTrainer> factory = BY_NAME.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown algorithm '" + name + "'; known: " + String.join(", ", BY_NAME.keySet()));
        }
        return factory.apply(seed);
    }
}
