package dev.tailor.configure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.io.ModelFileFuzzer;
import dev.tailor.io.ModelRegistry;
import dev.tailor.data.TrainedModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionModelFileTest {
    private static final int U = ConfigurableProduct.UNSET;

    @TempDir
    Path dir;

    /** Every distribution over every partial configuration of the test history (values 0, 1, a code never seen, unset). */
    private static void assertSameDistributions(CompletionModel expected, CompletionModel actual) {
        int[] choices = {0, 1, 7, U};
        for (int a : choices) {
            for (int b : choices) {
                for (int c : choices) {
                    int[] partial = {a, b, c};
                    for (int column = 0; column < 3; column++) {
                        assertArrayEquals(expected.distribution(partial, column), actual.distribution(partial, column), 0.0,
                                expected.name() + " column " + column);
                    }
                }
            }
        }
    }

    @Test
    void everyBuiltInMethodsModelSavesAndLoadsThroughTheRegistryWithIdenticalProbabilities() throws IOException {
        for (CompletionMethod method : List.of(CompletionMethod.conditionalFrequencies(0.5, 2), CompletionMethod.naiveBayes(0.3), CompletionMethod.chowLiuTree(0.2),
                CompletionMethod.nearestConfigurations(3, 0.1))) {
            CompletionModel model = method.train(CompletionMethodsTest.HISTORY);
            Path file = dir.resolve(method.name().replaceAll("[^a-z]", "_"));
            model.save(file);
            CompletionModel loaded = ModelRegistry.load(file, CompletionModel.class);
            assertEquals(model.name(), loaded.name());
            assertEquals("shirt", loaded.product());
            assertEquals(model.variables(), loaded.variables());
            assertEquals(0, loaded.customers().size());
            assertSameDistributions(model, loaded);
            assertTrue(ModelRegistry.load(file, TrainedModel.class) instanceof CompletionModel);
        }
    }

    @Test
    void damagedCompletionModelFilesAreRefusedOrServeWithoutFailing() throws IOException {
        CompletionModel model = CompletionMethod.chowLiuTree().train(CompletionMethodsTest.HISTORY);
        Path file = dir.resolve("tree");
        model.save(file);
        ModelFileFuzzer.Outcome outcome = ModelFileFuzzer.run(file, dir.resolve("fuzzed"),
                f -> ModelRegistry.load(f, CompletionModel.class), same -> assertSameDistributions(model, same),
                loaded -> {
                    for (int column = 0; column < loaded.variables().size(); column++) {
                        int[] partial = new int[loaded.variables().size()];
                        java.util.Arrays.fill(partial, U);
                        double sum = 0;
                        for (double p : loaded.distribution(partial, column)) {
                            sum += p;
                        }
                        assertEquals(1.0, sum, 1e-9);
                    }
                }, 31, 200);
        assertTrue(outcome.refused() > 0, outcome.toString());
    }

    @Test
    void aCompletionModelOfAnotherLibraryIsNotWrittenAsOneOfOurs() {
        CompletionModel foreign = new CompletionModel() {
            @Override
            public String product() {
                return "p";
            }

            @Override
            public List<String> variables() {
                return List.of("a");
            }

            @Override
            public int[] values(int column) {
                return new int[] {0};
            }

            @Override
            public double[] distribution(int[] partial, int column) {
                return new double[] {1};
            }

            @Override
            public String name() {
                return "foreign";
            }

            @Override
            public dev.tailor.data.IdIndex customers() {
                return dev.tailor.data.IdIndex.empty();
            }

            @Override
            public dev.tailor.data.IdIndex items() {
                return dev.tailor.data.IdIndex.empty();
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> foreign.save(dir.resolve("f")));
        assertTrue(e.getMessage().contains("Tailor's own"), e.getMessage());
    }
}
