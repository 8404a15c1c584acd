package dev.tailor.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import dev.tailor.engines.Trainers;

class TrainersTest {
    @Test
    void everyNameParsesWithItsDefaultsAndSettingsReachTheBuilders() {
        for (String name : Trainers.names()) {
            assertTrue(Trainers.parse(name, 1).name().startsWith(name), name + " -> " + Trainers.parse(name, 1).name());
        }
        assertEquals("als(factors=32,lambda=10,alpha=2,iterations=15,cgSteps=3)", Trainers.parse("als(factors=32,lambda=10)", 1).name());
        assertEquals("knn-cosine(neighbours=50,shrink=10,pruning=source)",
                Trainers.parse(" knn-cosine( neighbours = 50 , pruning=source ) ", 1).name());
        assertEquals("popular-30d", Trainers.parse("popular-30d", 1).name());
        List<RecommenderTrainer> list = Trainers.parseList("popular,als(factors=8,lambda=5),ease(lambda=100)", 1);
        assertEquals(3, list.size());
        assertEquals("ease(lambda=100)", list.get(2).name());
    }

    @Test
    void everyNamePrintedInAResultTableParsesBackToTheSameEngine() {
        for (String spec : List.of("popular", "popular-90d", "popular-90d(days=14)", "random", "knn-cosine", "knn-jaccard",
                "knn-llr(neighbours=20)", "knn-asymmetric(alpha=0.3,shrink=5)", "knn-cosine(pruning=source)",
                "rp3beta(alpha=0.8,beta=0.4,neighbours=50)", "als", "als(factors=8,cgSteps=2)", "als-cholesky(lambda=5)",
                "ease(lambda=250.5)")) {
            String printed = Trainers.parse(spec, 1).name();
            assertEquals(printed, Trainers.parse(printed, 1).name(), spec);
        }
    }

    @Test
    void unknownOrContradictorySettingsAreErrorsSayingWhatIsKnown() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Trainers.parse("deep-magic", 1)).getMessage()
                .contains("known: popular"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Trainers.parse("als(rank=3)", 1)).getMessage()
                .contains("unknown settings [rank]"));
        assertThrows(IllegalArgumentException.class, () -> Trainers.parse("als(factors=three)", 1));
        assertThrows(IllegalArgumentException.class, () -> Trainers.parse("als(factors=3", 1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Trainers.parse("knn-cosine(alpha=0.3)", 1)).getMessage()
                .contains("ASYMMETRIC_COSINE"));
        assertThrows(IllegalArgumentException.class, () -> Trainers.parse("als-cholesky(cgSteps=5)", 1));
        assertThrows(IllegalArgumentException.class, () -> Trainers.parse("knn-cosine(pruning=sideways)", 1));
    }
}
