package dev.tailor.datasets.generator;

import java.util.List;
import java.util.Map;

/**
 * What the generator knows and models must find out. Arrays are indexed by the dense customer and item
 * ids of the generated log.
 *
 * @param styleDimensions number of latent style dimensions
 * @param tastes customer × dimension taste vectors
 * @param styles item × dimension style vectors
 * @param apparelSize each customer's true apparel size label (XS–XXL)
 * @param shoeSize each customer's true shoe size label (36–46)
 * @param consumableCategories the categories bought on cycles, in column order of {@code cycleDays}
 * @param meanCycleDays the population mean cycle of each consumable category, in days
 * @param cycleDays customer × consumable category: the customer's true cycle in days, or NaN when the
 *     customer does not rebuy that category
 * @param shirtFavorites per made-to-measure customer (by dense id), their favourite value per attribute
 */
public record GroundTruth(int styleDimensions, float[][] tastes, float[][] styles, String[] apparelSize,
        String[] shoeSize, List<String> consumableCategories, double[] meanCycleDays, double[][] cycleDays,
        Map<Integer, Map<String, String>> shirtFavorites) {
}
