package dev.tailor.configure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigurableProductTest {
    /** Collar (0 cutaway, 1 button-down) and cuff (0 single, 1 french): a french cuff needs a cutaway collar. */
    private static final ConfigurableProduct SHIRT = new ConfigurableProduct("shirt", List.of("collar", "cuff", "pocket"),
            new int[][] {{0, 1}, {0, 1}, {-1, 0, 1}},
            List.of(new TableConstraint("cuff needs collar", new int[] {0, 1}, new int[][] {{0, 0}, {0, 1}, {1, 0}}, true),
                    new TableConstraint("no pocket on french", new int[] {1, 2}, new int[][] {{1, 1}}, false)));

    @Test
    void onlyFullyAssignedScopesAreChecked() {
        assertTrue(SHIRT.violatedBy(new int[] {1, ConfigurableProduct.UNSET, 1}).isEmpty(), "cuff open: nothing to check yet");
        assertEquals(List.of("cuff needs collar"), SHIRT.violatedBy(new int[] {1, 1, ConfigurableProduct.UNSET}));
        assertEquals(List.of("no pocket on french"), SHIRT.violatedBy(new int[] {0, 1, 1}));
        assertTrue(SHIRT.violatedBy(new int[] {0, 1, -1}).isEmpty());
        assertEquals(List.of("domain of pocket"), SHIRT.violatedBy(new int[] {0, 0, 7}));
    }

    @Test
    void inconsistentDefinitionsAreRefusedWithTheirNames() {
        assertThrows(IllegalArgumentException.class,
                () -> new TableConstraint("bad", new int[] {0, 1}, new int[][] {{0}}, true));
        assertThrows(IllegalArgumentException.class,
                () -> new TableConstraint("bad", new int[] {0, 0}, new int[][] {{0, 0}}, true));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ConfigurableProduct("p",
                List.of("a"), new int[][] {{0}}, List.of(new TableConstraint("c", new int[] {0, 3}, new int[][] {{0, 0}}, true))));
        assertTrue(e.getMessage().contains("constraint c"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ConfigurableProduct("p", List.of("a", "a"),
                new int[][] {{0}, {0}}, List.of()));
    }
}
