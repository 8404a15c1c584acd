package dev.tailor.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tailor.datasets.DatasetPaths;
import dev.tailor.datasets.cdnow.Cdnow;
import dev.tailor.ingest.ParseMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The published CDNOW results, from the raw 1/10 sample (2,357 customers, 39-week calibration ending
 * 1997-09-30, weeks as the unit). Skipped when the shared datasets are absent.
 */
class PublishedResultsTest {
    static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
    static final LocalDate HOLDOUT_END = LocalDate.of(1998, 6, 30);
    private static Path folder;
    private static CalibrationSummary summary;

    @BeforeAll
    static void read() {
        Optional<Path> path = DatasetPaths.dataset(Cdnow.NAME);
        if (path.isPresent()) {
            folder = path.get();
            summary = CalibrationSummary.of(Cdnow.readSample(folder, ParseMode.STRICT).events(), CALIBRATION_END,
                    HOLDOUT_END, 7);
        }
    }

    @Test
    void summariesFromRawTransactionsAgreeWithTheProvidedSummaryFile() throws IOException {
        assumeTrue(summary != null, "CDNOW is not available here");
        assertEquals(2_357, summary.size());
        List<String> lines = Files.readAllLines(folder.resolve("cdnow_customers_summary_with_transactions.csv"));
        Map<String, String[]> provided = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            provided.put(String.format("%04d", Integer.parseInt(f[0].strip())), f);
        }
        int repeatTotal = 0;
        for (int c = 0; c < summary.size(); c++) {
            String[] f = provided.get(summary.customer(c));
            assertEquals(Integer.parseInt(f[1].strip()), summary.x(c), "x of " + summary.customer(c));
            assertEquals(Double.parseDouble(f[2]), summary.tx(c), 0.006, "t_x of " + summary.customer(c));
            assertEquals(Double.parseDouble(f[3]), summary.bigT(c), 0.006, "T of " + summary.customer(c));
            if (summary.x(c) > 0) {
                assertEquals(Double.parseDouble(f[4]), summary.meanRepeatSpend(c), 0.006, "zbar of " + summary.customer(c));
            }
            repeatTotal += summary.x(c);
        }
        assertEquals(2_457, repeatTotal);
    }

    @Test
    void bgNbdReproducesFaderHardieLee2005() {
        assumeTrue(summary != null, "CDNOW is not available here");
        BgNbd.Parameters p = BgNbd.fit(summary);
        assertEquals(0.243, p.r(), 0.0005);
        assertEquals(4.414, p.alpha(), 0.0005);
        assertEquals(0.793, p.a(), 0.0005);
        assertEquals(2.426, p.b(), 0.0005);
        assertEquals(-9582.4, p.logLikelihood(), 0.05);
    }

    @Test
    void paretoNbdReproducesSchmittleinEtAlAsFittedByFaderHardie() {
        assumeTrue(summary != null, "CDNOW is not available here");
        ParetoNbd.Parameters p = ParetoNbd.fit(summary);
        assertEquals(0.553, p.r(), 0.0005);
        assertEquals(10.578, p.alpha(), 0.0005);
        assertEquals(0.606, p.s(), 0.0005);
        assertEquals(11.669, p.beta(), 0.0005);
        assertEquals(-9595.0, p.logLikelihood(), 0.05);
    }

    @Test
    void gammaGammaReproducesFaderHardieLee2005OnThe946RepeatCustomers() {
        assumeTrue(summary != null, "CDNOW is not available here");
        GammaGamma.Parameters p = GammaGamma.fit(summary);
        assertEquals(946, p.fittedOn());
        assertEquals(6.25, p.p(), 0.005);
        assertEquals(3.74, p.q(), 0.005);
        assertEquals(15.44, p.gamma(), 0.005);
    }

    @Test
    void theFullMasterFileWithZeroValueRepeatPurchasesStillValuesEveryCustomer() {
        assumeTrue(summary != null, "CDNOW is not available here");
        CalibrationSummary master = CalibrationSummary.of(Cdnow.readMaster(folder, ParseMode.STRICT).events(),
                CALIBRATION_END, HOLDOUT_END, 7);
        GammaGamma.Parameters p = GammaGamma.fit(master);
        assertTrue(p.leftOut() > 0, "the master file has customers whose repeat purchases are worth 0");
        int repeaters = 0;
        for (int c = 0; c < master.size(); c++) {
            repeaters += master.x(c) > 0 ? 1 : 0;
        }
        assertEquals(repeaters, p.fittedOn() + p.leftOut());
        List<CustomerValue> values = LifetimeValue.compute(master, BgNbd.fit(master), p, 52, 12, 0.01);
        assertEquals(master.size(), values.size());
        assertTrue(values.stream().allMatch(v -> Double.isFinite(v.lifetimeValue()) && v.lifetimeValue() >= 0));
    }

    @Test
    void holdoutCheckTracksTheActualWeeks40To78() throws java.io.IOException {
        assumeTrue(summary != null, "CDNOW is not available here");
        HoldoutCheck check = HoldoutCheck.of(summary, List.of(BgNbd.fit(summary), ParetoNbd.fit(summary)), 7);
        assertEquals(8, check.rows().size());
        assertEquals(1_411, check.rows().get(0).customers());
        assertEquals(0.237, check.rows().get(0).actual(), 0.0005);
        for (HoldoutCheck.Row row : check.rows()) {
            for (double expected : row.expected()) {
                // Figure 4 of the paper: the conditional expectations follow the actual means closely.
                assertEquals(row.actual(), expected, 0.4, "x = " + row.label());
            }
        }
        Path png = Files.createTempFile("holdout", ".png");
        check.writePng(png, "CDNOW holdout");
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(800, image.getWidth());
        Files.delete(png);
    }
}
