package dev.tailor.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tailor.data.EventLog;
import dev.tailor.data.TestLogs;
import dev.tailor.matrix.WeightingPolicy;
import java.time.Duration;
import java.util.Arrays;
import java.util.BitSet;
import org.junit.jupiter.api.Test;
import dev.tailor.recommend.popular.MostPopular;
import dev.tailor.recommend.popular.RandomItems;

class BaselinesTest {
    private static final EventLog LOG = TestLogs.of(
            "a x 0", "b x 0", "c x 1", "a y 1", "b y 2", "a old 0", "b old 0", "c old 0", "d old 0",
            "c z 30", "d z 30", "e z 31", "e w 31 VIEW");

    private static int id(String item) {
        return LOG.items().find(item);
    }

    @Test
    void mostPopularRanksByDistinctCustomersAndExcludesOwnedAndFilteredItems() {
        Recommender model = MostPopular.overall().train(TrainingData.of(LOG, WeightingPolicy.defaults()));
        RecommendationList forNewcomer = model.recommend(99, 10, Exclusions.owned());
        assertArrayEquals(new int[] {id("old"), id("x"), id("z"), id("y"), id("w")}, forNewcomer.items());
        assertArrayEquals(new float[] {4, 3, 3, 2, 1}, forNewcomer.scores());
        int a = LOG.customers().find("a");
        assertArrayEquals(new int[] {id("z"), id("w")}, model.recommend(a, 10).items());
        BitSet outOfStock = new BitSet();
        outOfStock.set(id("z"));
        assertArrayEquals(new int[] {id("w")}, model.recommend(a, 10, Exclusions.owned().and(ItemFilter.excluding(outOfStock))).items());
        assertArrayEquals(new int[] {id("old"), id("x")}, model.recommend(a, 2, Exclusions.none()).items());
        assertThrows(IllegalArgumentException.class, () -> model.recommend(a, -1));
    }

    @Test
    void recentPopularityCountsOnlyTheWindow() {
        Recommender model = MostPopular.recent(Duration.ofDays(5)).train(TrainingData.of(LOG, WeightingPolicy.defaults()));
        int[] top = Arrays.copyOf(model.recommend(99, 2, Exclusions.none()).items(), 2);
        assertArrayEquals(new int[] {id("z"), id("w")}, top);
    }

    @Test
    void randomIsSeededPerCustomerAndRespectsExclusions() {
        TrainingData data = TrainingData.of(LOG, WeightingPolicy.defaults());
        Recommender one = RandomItems.withSeed(1).train(data);
        Recommender again = RandomItems.withSeed(1).train(data);
        int a = LOG.customers().find("a");
        assertArrayEquals(one.recommend(a, 3).items(), again.recommend(a, 3).items());
        int[] all = one.recommend(a, 10).items();
        assertEquals(2, all.length, "a owns x, y, old: only z and w remain");
        int[] many = RandomItems.withSeed(1).train(data).recommend(99, 5, Exclusions.none()).items();
        assertEquals(5, Arrays.stream(many).distinct().count());
        int[] sorted = many.clone();
        Arrays.sort(sorted);
        assertArrayEquals(java.util.stream.IntStream.range(0, LOG.items().size()).toArray(), sorted,
                "an unknown customer asking for every item gets each of them once");
    }
}
