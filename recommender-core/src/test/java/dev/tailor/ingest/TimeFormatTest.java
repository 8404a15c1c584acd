package dev.tailor.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimeFormatTest {
    @Test
    void handReadIsoAgreesWithJavaTimeOnRandomInstantsAndOffsets() {
        SplittableRandom random = new SplittableRandom(5);
        TimeFormat iso = TimeFormat.iso8601();
        for (int i = 0; i < 20_000; i++) {
            long second = random.nextLong(-5_000_000_000L, 10_000_000_000L);
            Instant instant = Instant.ofEpochSecond(second);
            if (instant.atOffset(ZoneOffset.UTC).getYear() < 0 || instant.atOffset(ZoneOffset.UTC).getYear() > 9999) {
                continue;
            }
            assertEquals(second, iso.toEpochSecond(instant.toString()), instant.toString());
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(60 * random.nextInt(-18 * 60, 18 * 60 + 1));
            String withOffset = instant.atOffset(offset).withNano(0).toString();
            if (withOffset.length() == 25) { // yyyy-MM-ddTHH:mm:ss+hh:mm (java.time drops ":00" seconds)
                assertEquals(second, iso.toEpochSecond(withOffset), withOffset);
            }
            String local = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC).toString();
            if (local.length() == 19) {
                assertEquals(second, iso.toEpochSecond(local.replace('T', ' ')), local);
            }
        }
    }

    @Test
    void fractionsAreFlooredAndZonesOtherThanUtcApplyToLocalTimes() {
        assertEquals(1_709_288_130L, TimeFormat.iso8601().toEpochSecond("2024-03-01T10:15:30.999Z"));
        assertEquals(1_709_288_130L - 3600, TimeFormat.iso8601(ZoneId.of("Europe/Paris"))
                .toEpochSecond("2024-03-01T10:15:30"));
        assertEquals(951_782_400L, TimeFormat.iso8601().toEpochSecond("2000-02-29T00:00:00Z"));
    }

    @Test
    void invalidValuesStillFailLikeJavaTime() {
        TimeFormat iso = TimeFormat.iso8601();
        for (String bad : new String[] {"2024-13-01T00:00:00Z", "2023-02-29T00:00:00Z", "2024-03-01T25:00:00Z",
            "2024-03-01T10:15:30X", "2024-03-01T10:61:00Z", "20x4-03-01T10:15:30Z", "yesterday",
            // #30 item 13: beyond java.time's widest offset of ±18:00.
            "2024-03-01T10:15:30+18:01", "2024-03-01T10:15:30-18:30"}) {
            assertThrows(DateTimeException.class, () -> iso.toEpochSecond(bad), bad);
        }
        assertEquals(Instant.parse("2024-03-01T10:15:30+18:00").getEpochSecond(), iso.toEpochSecond("2024-03-01T10:15:30+18:00"));
    }
}
