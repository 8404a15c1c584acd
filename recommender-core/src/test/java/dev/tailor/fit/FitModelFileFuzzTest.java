package dev.tailor.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.io.ModelFileFuzzer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saved fit models, damaged and crafted (issue #12, item 9); see {@link ModelFileFuzzer}. */
class FitModelFileFuzzTest {
    @TempDir
    Path dir;

    @Test
    void damagedOrCraftedFitModelsAreRefusedOrServe() throws IOException {
        SizeFitTest.Shop shop = new SizeFitTest.Shop(5);
        FitModel model = SizeFit.builder().threads(1).build().train(shop.data());
        Path saved = dir.resolve("fit.model");
        model.save(saved);
        ModelFileFuzzer.Outcome outcome = ModelFileFuzzer.run(saved, dir.resolve("fit.fuzzed"), f -> dev.tailor.io.ModelRegistry.load(f, FitModel.class),
                loaded -> {
                    for (int c = 0; c < 300; c += 37) {
                        assertEquals(model.probabilities(c, c % 40, "M").fits(), loaded.probabilities(c, c % 40, "M").fits());
                    }
                },
                loaded -> {
                    for (int c = -1; c < loaded.customers().size() + 2; c += 29) {
                        for (int item = -1; item < loaded.items().size() + 2; item += 7) {
                            FitProbabilities p = loaded.probabilities(c, Math.max(0, Math.min(item, loaded.items().size() - 1)), "M");
                            assertTrue(Math.abs(p.small() + p.fits() + p.large() - 1) < 1e-9, p.toString());
                            loaded.advise(c, Math.max(0, Math.min(item, loaded.items().size() - 1)), List.of("S", "M", "XL", "99"));
                        }
                    }
                }, 21, 100);
        assertTrue(outcome.refused() > 0, outcome.toString());
        System.out.println("model file fuzz, fit model: " + outcome);
    }

    @Test
    void damagedOrCraftedObservationalModelsWithTreesAreRefusedOrServe() throws IOException {
        SizeFitTest.Shop shop = new SizeFitTest.Shop(5);
        FitModel model = SizeFit.builder().monotoneInSize(false).threads(1).build().train(shop.data());
        assertTrue(model.hasTrees());
        Path saved = dir.resolve("observational.model");
        model.save(saved);
        ModelFileFuzzer.Outcome outcome = ModelFileFuzzer.run(saved, dir.resolve("observational.fuzzed"),
                f -> dev.tailor.io.ModelRegistry.load(f, FitModel.class),
                loaded -> {
                    for (int c = 0; c < 300; c += 37) {
                        assertEquals(model.probabilities(c, c % 40, "M"), loaded.probabilities(c, c % 40, "M"));
                    }
                },
                loaded -> {
                    for (int c = -1; c < loaded.customers().size() + 2; c += 29) {
                        for (int item = -1; item < loaded.items().size() + 2; item += 7) {
                            FitProbabilities p = loaded.probabilities(c, Math.max(0, Math.min(item, loaded.items().size() - 1)), "M");
                            assertTrue(Math.abs(p.small() + p.fits() + p.large() - 1) < 1e-9, p.toString());
                        }
                    }
                }, 23, 100);
        assertTrue(outcome.refused() > 0, outcome.toString());
        System.out.println("model file fuzz, observational fit model: " + outcome);
    }
}
