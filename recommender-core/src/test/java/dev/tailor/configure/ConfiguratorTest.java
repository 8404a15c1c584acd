package dev.tailor.configure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.configure.Suggestion.RankedValue;
import dev.tailor.data.Configuration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfiguratorTest {
    private static final int U = ConfigurableProduct.UNSET;
    private static final Map<String, List<String>> DOMAINS = domains();
    /** French cuffs need a cutaway collar; linen cannot be combined with french cuffs. */
    private static final List<String[]> RULES = List.of(new String[] {"cuff", "french", "collar", "button-down"},
            new String[] {"cuff", "french", "fabric", "linen"});
    private static final ConfigurableProduct SHIRT = ConfigurableProduct.labelled("shirt", DOMAINS, RULES);

    private static Map<String, List<String>> domains() {
        Map<String, List<String>> d = new LinkedHashMap<>();
        d.put("collar", List.of("cutaway", "button-down"));
        d.put("cuff", List.of("single", "french"));
        d.put("fabric", List.of("poplin", "oxford", "linen"));
        return d;
    }

    private static ConfigurationHistory orders() {
        List<Configuration> orders = new ArrayList<>();
        String[][] sold = {{"button-down", "single", "oxford"}, {"button-down", "single", "oxford"},
            {"button-down", "single", "linen"}, {"cutaway", "french", "poplin"}, {"cutaway", "single", "poplin"}};
        int t = 0;
        for (String[] s : sold) {
            orders.add(new Configuration("c" + t, "shirt", Instant.ofEpochSecond(t++),
                    Map.of("collar", s[0], "cuff", s[1], "fabric", s[2])));
        }
        return ConfigurationHistory.of(SHIRT, orders);
    }

    @Test
    void offersOnlyValidValuesRankedByProbabilityWithLabels() {
        Configurator configurator = Configurator.builder(CompletionMethod.conditionalFrequencies().train(orders()))
                .solutionSpace(SolutionSpace.compile(SHIRT)).labels(SHIRT).build();
        List<Suggestion> open = configurator.complete(new int[] {1, U, U}, List.of());
        assertEquals(2, open.size());
        Suggestion cuff = open.get(0);
        assertEquals("cuff", cuff.variable());
        assertEquals(List.of("single"), cuff.values().stream().map(RankedValue::label).toList(), "french needs cutaway");
        Suggestion fabric = open.get(1);
        assertEquals("oxford", fabric.best().label());
        assertEquals(3, fabric.values().size(), "all fabrics stay possible with single cuffs");
        assertEquals(1, fabric.values().stream().mapToDouble(RankedValue::probability).sum(), 1e-9);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> configurator.complete(new int[] {1, 1, U}, List.of()));
        assertTrue(e.getMessage().contains("collar=button-down, cuff=french"), e.getMessage());
    }

    @Test
    void theCustomersOwnOrdersShiftTheRanking() {
        Configurator configurator = Configurator.builder(CompletionMethod.conditionalFrequencies().train(orders())).build();
        int[] partial = {0, U, U};
        assertEquals("0", configurator.suggest(partial, 2, List.of()).best().label(), "population: cutaway goes with poplin");
        int[] ownOrder = {0, 0, 1};
        Suggestion own = configurator.suggest(partial, 2, List.of(ownOrder, ownOrder));
        assertEquals(1, own.best().value(), "two oxford orders of this customer outweigh the population");
    }

    @Test
    void prefillRepeatsAValidLastOrderAndRepairsADiscontinuedChoice() {
        Configurator configurator = Configurator.builder(CompletionMethod.naiveBayes().train(orders()))
                .solutionSpace(SolutionSpace.compile(SHIRT)).build();
        assertArrayEquals(new int[] {0, 1, 0}, configurator.prefill(List.of(new int[] {1, 0, 1}, new int[] {0, 1, 0})).orElseThrow());
        // linen is discontinued: only poplin and oxford remain
        ConfigurableProduct withoutLinen = new ConfigurableProduct("shirt", SHIRT.variables(), new int[][] {{0, 1}, {0, 1}, {0, 1, 2}},
                List.of(new TableConstraint("linen discontinued", new int[] {2}, new int[][] {{0}, {1}}, true)));
        Configurator current = Configurator.builder(CompletionMethod.naiveBayes().train(orders()))
                .solutionSpace(SolutionSpace.compile(withoutLinen)).build();
        int[] repaired = current.prefill(List.of(new int[] {1, 0, 2})).orElseThrow();
        assertArrayEquals(new int[] {1, 0, 1}, repaired, "button-down + single keep; linen becomes oxford, which goes with them");
        assertThrows(IllegalArgumentException.class, () -> current.prefill(List.of()));
    }

    @Test
    void labelledProductsRefuseUnknownValuesInOrders() {
        List<Configuration> bad = List.of(new Configuration("c", "shirt", null, Map.of("collar", "wing", "cuff", "single", "fabric", "poplin")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigurationHistory.of(SHIRT, bad));
        assertTrue(e.getMessage().contains("'wing' is not a value of collar"), e.getMessage());
    }
}
