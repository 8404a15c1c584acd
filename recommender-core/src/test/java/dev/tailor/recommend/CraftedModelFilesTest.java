package dev.tailor.recommend;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.data.IdIndex;
import dev.tailor.internal.ArrayCodec;
import dev.tailor.io.RawModelFiles;
import dev.tailor.io.ModelFileException;
import dev.tailor.io.ModelRegistry;
import dev.tailor.matrix.InteractionMatrix;
import dev.tailor.matrix.SparseMatrix;
import dev.tailor.matrix.WeightingPolicy;
import dev.tailor.recommend.als.FactorModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.tailor.recommend.popular.MostPopular;

/**
 * Defect (#30, item 6): a crafted factor-model file whose stored history weight is −3e38 loaded and then threw at
 * scoring, and a popularity file whose scores were out of order loaded and answered in ascending order. Both are refused
 * on load now, naming the file.
 */
class CraftedModelFilesTest {
    @TempDir
    Path dir;

    @Test
    void aHistoryWeightNearTheFloatRangeIsRefusedOnLoad() throws Exception {
        IdIndex customers = IdIndex.of("c0", "c1");
        IdIndex items = IdIndex.of("i0", "i1", "i2");
        SparseMatrix history = new SparseMatrix(2, 3, new int[] {0, 2, 3}, new int[] {0, 1, 2}, new float[] {1, -3e38f, 1});
        FactorModel model = FactorModel.fromFactors("als", 2, new float[] {1, 0, 0, 1}, new float[] {1, 0, 0, 1, 1, 1},
                InteractionMatrix.of(customers, items, history, WeightingPolicy.defaults()), 1, 1);
        Path file = dir.resolve("crafted-als.tailor");
        model.save(file);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelRegistry.load(file, Recommender.class));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains("history weight"), e.getMessage());
    }

    @Test
    void aPopularityFileWithScoresOutOfOrderIsRefused() throws Exception {
        Recommender popular = MostPopular.overall().train(TrainingData.of(dev.tailor.data.TestLogs.twoTasteGroups(),
                WeightingPolicy.defaults()));
        Path good = dir.resolve("popular.tailor");
        popular.save(good);
        ModelRegistry.load(good, Recommender.class);
        // The same layout, written by hand with the scores ascending.
        Path file = dir.resolve("crafted-popular.tailor");
        RawModelFiles.write(file, "tailor.popularity-model", 2, out -> {
            out.writeUTF("popular");
            IdIndex.of("c0").writeTo(out);
            IdIndex.of("i0", "i1", "i2").writeTo(out);
            ArrayCodec.writeInts(new int[] {0, 1, 2}, out);
            ArrayCodec.writeFloats(new float[] {1, 2, 3}, out);
            new SparseMatrix(1, 3, new int[] {0, 1}, new int[] {0}, new float[] {1}).writeTo(out);
            WeightingPolicy.defaults().writeTo(out);
        });
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelRegistry.load(file, Recommender.class));
        assertTrue(e.getMessage().contains("not in ranking order"), e.getMessage());
    }
}
