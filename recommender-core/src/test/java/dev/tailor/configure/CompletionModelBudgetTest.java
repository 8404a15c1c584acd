package dev.tailor.configure;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.internal.ArrayCodec;
import dev.tailor.io.ModelFileException;
import dev.tailor.io.ModelRegistry;
import dev.tailor.io.RawModelFiles;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * #30 item 3: a completion model file is small, but the tables its load rebuilds grow with the product of the
 * variables' value counts (naive Bayes, the Chow-Liu tree) or with values times configurations (every method's value
 * bitsets). Files whose rebuild would pass the documented budget are refused before anything is allocated.
 */
class CompletionModelBudgetTest {
    @TempDir
    Path dir;

    /** A completion model file: the method, its settings, and distinct configurations (row r holds {@code code(r, c)}). */
    private Path file(String name, String kind, double[] settings, int columns, int rows, java.util.function.IntBinaryOperator code)
            throws IOException {
        Path file = dir.resolve(name);
        RawModelFiles.write(file, "tailor.completion-model", 1, out -> {
            out.writeUTF(kind);
            ArrayCodec.writeDoubles(settings, out);
            out.writeUTF("crafted");
            out.writeInt(columns);
            for (int c = 0; c < columns; c++) {
                out.writeUTF("v" + c);
            }
            out.writeInt(rows);
            int[] row = new int[columns];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    row[c] = code.applyAsInt(r, c);
                }
                ArrayCodec.writeInts(row, out);
            }
            double[] weights = new double[rows];
            java.util.Arrays.fill(weights, 1);
            ArrayCodec.writeDoubles(weights, out);
        });
        return file;
    }

    private static void assertRefusedForItsTables(Path file) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelRegistry.load(file, CompletionModel.class));
        assertTrue(e.getMessage().contains("MiB") && e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void naiveBayesOverTwoColumnsOfFortyThousandValuesIsRefused() throws IOException {
        // 800 KB on file; its conditional tables would hold 40,000 × 40,000 × 2 doubles.
        assertRefusedForItsTables(file("nb.tailor", "naive-bayes", new double[] {1}, 2, 40_000, (r, c) -> r));
    }

    @Test
    void conditionalFrequenciesOverFortyThousandValuesAndConfigurationsIsRefused() throws IOException {
        // Its value bitsets: 80,000 values × 40,000 configurations / 8 bits, 400 MB.
        assertRefusedForItsTables(file("cf.tailor", "conditional-frequencies", new double[] {0.01, 1}, 2, 40_000,
                (r, c) -> r));
    }

    @Test
    void aChowLiuTreeOverTwentyThousandVariablesIsRefused() throws IOException {
        // 320 KB on file; the mutual information of every pair of variables is 20,000² doubles.
        assertRefusedForItsTables(file("cl.tailor", "chow-liu-tree", new double[] {0.1}, 20_000, 2, (r, c) -> r));
    }

    @Test
    void aModelWithinTheBudgetStillLoads() throws IOException {
        Path file = file("fine.tailor", "chow-liu-tree", new double[] {0.1}, 40, 2_000, (r, c) -> (r * 31 + c * 7) % 12);
        CompletionModel model = ModelRegistry.load(file, CompletionModel.class);
        int[] partial = new int[40];
        java.util.Arrays.fill(partial, ConfigurableProduct.UNSET);
        partial[0] = 5;
        assertTrue(model.distribution(partial, 3).length > 0);
    }
}
