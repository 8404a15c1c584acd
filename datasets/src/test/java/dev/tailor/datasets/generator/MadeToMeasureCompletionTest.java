package dev.tailor.datasets.generator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.configure.CompletionMethod;
import dev.tailor.configure.CompletionEvaluation;
import dev.tailor.configure.ConfigurableProduct;
import dev.tailor.configure.ConfigurationHistory;
import dev.tailor.configure.FrequentCombinations;
import dev.tailor.configure.SolutionSpace;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated shirts: customers' favourites make their history predictive; every order keeps the rules. */
class MadeToMeasureCompletionTest {
    private static final ConfigurableProduct SHIRT = ConfigurableProduct.labelled(ShirtOptions.PRODUCT, ShirtOptions.DOMAINS,
            ShirtOptions.FORBIDDEN);

    @Test
    void theCustomersOwnOrdersPredictTheNextOrderMuchBetter() {
        GeneratedShop shop = ShopGenerator.builder().seed(11).customers(4_000).build().generate();
        ConfigurationHistory orders = ConfigurationHistory.of(SHIRT, shop.configurations());
        SolutionSpace space = SolutionSpace.compile(SHIRT);
        for (int[] order : orders.rows()) {
            assertTrue(space.isConsistent(order), "generated orders are valid shirts");
        }
        CompletionEvaluation.NextOrderResult with = CompletionEvaluation.nextOrder(orders, CompletionMethod.chowLiuTree(), space, true, 1, 2);
        CompletionEvaluation.NextOrderResult without = CompletionEvaluation.nextOrder(orders, CompletionMethod.chowLiuTree(), space, false, 1, 2);
        // favourites are kept with probability 0.8 per attribute (RESULTS.md: 0.757 vs 0.36 at 20,000 customers)
        assertTrue(with.prefillAccuracy() > 0.65, "with history " + with.prefillAccuracy());
        assertTrue(without.prefillAccuracy() < 0.5, "population " + without.prefillAccuracy());
        assertTrue(with.reveal().successRate() > without.reveal().successRate() + 0.2);
    }

    @Test
    void combinationsAndTrendsComeFromTheOrders() {
        GeneratedShop shop = ShopGenerator.builder().seed(12).customers(3_000).build().generate();
        ConfigurationHistory orders = ConfigurationHistory.of(SHIRT, shop.configurations());
        List<FrequentCombinations.Combination> combinations = FrequentCombinations.mine(orders, 0.05, 2);
        assertTrue(combinations.stream().anyMatch(c -> c.columns().length == 2));
        for (FrequentCombinations.Combination c : combinations) {
            assertTrue(c.share() >= 0.05 && c.share() <= 1);
        }
        List<FrequentCombinations.Trend> trends = FrequentCombinations.trends(orders, combinations, Period.ofMonths(6));
        assertTrue(trends.get(0).slope() >= trends.get(trends.size() - 1).slope());
        // no combination the rules forbid was ever sold, so none is frequent
        for (FrequentCombinations.Combination c : combinations) {
            int[] partial = new int[SHIRT.size()];
            java.util.Arrays.fill(partial, ConfigurableProduct.UNSET);
            for (int i = 0; i < c.columns().length; i++) {
                partial[c.columns()[i]] = c.values()[i];
            }
            assertTrue(SHIRT.violatedBy(partial).isEmpty(), c.describe(orders.variables(), SHIRT));
        }
    }
}
