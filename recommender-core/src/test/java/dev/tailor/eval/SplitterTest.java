package dev.tailor.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tailor.data.EventLog;
import dev.tailor.data.TestLogs;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitterTest {
    private static EventLog tenDays() {
        return TestLogs.of("a x 0", "a y 1", "b x 2", "b z 3", "c x 4", "a z 5", "b y 6", "c y 7", "c z 8", "a w 9");
    }

    @Test
    void temporalCutPutsTheLastTwentyPercentInTest() {
        Split split = Splitter.temporal(0.8).split(tenDays());
        assertEquals(8, split.train().size());
        assertEquals(2, split.test().size());
        for (int e = 0; e < split.test().size(); e++) {
            assertTrue(split.test().epochSecond(e) >= TestLogs.DAY_ZERO.getEpochSecond() + 8 * 86_400L);
        }
    }

    @Test
    void temporalCutNeverSeparatesEventsOfTheSameSecond() {
        EventLog log = TestLogs.of("a x 0", "b x 1", "c x 1", "d x 1", "e x 2");
        Split split = Splitter.temporal(0.5).split(log); // position 2 is day 1: all of day 1 goes to test
        assertEquals(1, split.train().size());
        assertEquals(4, split.test().size());
    }

    @Test
    void leaveLastOutTakesEachCustomersLatestItems() {
        Split split = Splitter.leaveLastOut(1).split(tenDays());
        Set<String> test = pairs(split.test());
        assertEquals(Set.of("a w", "b y", "c z"), test);
        assertEquals(7, split.train().size());
    }

    @Test
    void leaveLastOutKeepsAllEventsOfAPairTogetherAndSparesSmallHistories() {
        EventLog log = TestLogs.of("a x 0", "a y 1", "a x 2", "b q 0");
        Split split = Splitter.leaveLastOut(1).split(log);
        assertEquals(Set.of("a x"), pairs(split.test()));
        assertEquals(2, split.test().size());
        assertEquals(Set.of("a y", "b q"), pairs(split.train()));
    }

    @Test
    void randomHoldoutIsSeededPerCustomerAndNeverStraddlesAPair() {
        StringBuilder many = new StringBuilder();
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (int c = 0; c < 50; c++) {
            for (int i = 0; i < 8; i++) {
                lines.add("c" + c + " i" + ((c * 7 + i * 3) % 40) + " " + i);
                lines.add("c" + c + " i" + ((c * 7 + i * 3) % 40) + " " + (i + 20));
            }
        }
        EventLog log = TestLogs.of(lines.toArray(new String[0]));
        Split a = Splitter.randomHoldout(0.25, 42).split(log);
        Split b = Splitter.randomHoldout(0.25, 42).split(log);
        Split c = Splitter.randomHoldout(0.25, 43).split(log);
        assertEquals(pairs(a.test()), pairs(b.test()));
        assertNotEquals(pairs(a.test()), pairs(c.test()));
        assertEquals(50 * 2 * 2, a.test().size(), "round(0.25 x 8) = 2 items per customer, 2 events each");
        Set<String> overlap = new HashSet<>(pairs(a.train()));
        overlap.retainAll(pairs(a.test()));
        assertTrue(overlap.isEmpty(), "pairs on both sides: " + overlap + many);
    }

    @Test
    void rejectsBadSettingsAndEmptyLogs() {
        assertThrows(IllegalArgumentException.class, () -> Splitter.temporal(1.0));
        assertThrows(IllegalArgumentException.class, () -> Splitter.randomHoldout(0, 1));
        assertThrows(IllegalArgumentException.class, () -> Splitter.leaveLastOut(0));
        assertThrows(IllegalArgumentException.class, () -> Splitter.temporal(0.5).split(EventLog.builder().build()));
    }

    private static Set<String> pairs(EventLog log) {
        Set<String> pairs = new HashSet<>();
        for (int e = 0; e < log.size(); e++) {
            pairs.add(log.customers().externalId(log.customer(e)) + " " + log.items().externalId(log.item(e)));
        }
        return pairs;
    }
}
