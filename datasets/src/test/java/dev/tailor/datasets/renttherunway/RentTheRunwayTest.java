package dev.tailor.datasets.renttherunway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.data.FitFeedback;
import dev.tailor.datasets.DatasetPaths;
import dev.tailor.fit.FitData;
import dev.tailor.fit.FitModel;
import dev.tailor.fit.FitProbabilities;
import dev.tailor.fit.SizeAdvice;
import dev.tailor.fit.SizeFit;
import dev.tailor.ingest.IngestException;
import dev.tailor.ingest.IngestReport;
import dev.tailor.ingest.ParseMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RentTheRunwayTest {
    private static final String HEADER = "fit,user_id,item_id,size,category,rented_for,rating,review_date,age,weight_lbs,"
            + "height_in,body_type,bust_size_num,bust_size_letter_mapped";

    @Test
    void csvRentalsBecomeRentEventsWithSizeFitRatingOccasionCategoryAndProfile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("rtr.csv");
        Files.writeString(file, HEADER + "\n"
                + "fit,420272,2260466,14,romper,vacation,10,2016-04-20,28,137,68,hourglass,34,d\n"
                + "small,420272,153475,12,gown,,8,2016-05-01,,,,,,\n"
                + "large,273551,153475,16,gown,party,,2013-06-18,36,132,66,straight & narrow,34,b\n");
        RentTheRunway.Rentals rentals = RentTheRunway.readCsv(file, ParseMode.STRICT);
        EventLog log = rentals.dataset().events();
        assertEquals(3, log.size());
        assertEquals(EventKind.RENT, log.kind(0));
        assertEquals(FitFeedback.TOO_SMALL, log.fit(1));
        assertEquals(FitFeedback.TOO_LARGE, log.fit(2));
        assertEquals("14", log.sizeLabel(0));
        assertEquals(10.0f, log.rating(0));
        assertTrue(Float.isNaN(log.rating(2)));
        assertEquals("vacation", rentals.occasionOfEvent()[0]);
        assertEquals(null, rentals.occasionOfEvent()[1]);
        assertEquals("gown", rentals.dataset().catalog().get(log.items().find("153475")).category());
        assertEquals(137.0, rentals.profiles().get("420272").measurements().get("weight_lbs"));
        assertEquals("hourglass", rentals.profiles().get("420272").traits().get("body_type"));
        FitData data = rentals.fitData();
        assertEquals(3, data.size());
        assertEquals("party", data.occasion(2));
    }

    @Test
    void badRecordsStopStrictReadsWithLineAndFieldAndAreReportedWhenLenient(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, HEADER + "\n"
                + "fit,1,10,8,dress,party,10,2016-04-20,28,137,68,hourglass,34,d\n"
                + "tight,2,10,8,dress,party,10,2016-04-20,28,137,68,hourglass,34,d\n"
                + "fit,3,10,8,dress,party,10,2016-04-20,28,1x7,68,hourglass,34,d\n"
                + "fit,4,10,,dress,party,10,2016-04-20,28,137,68,hourglass,34,d\n"
                + "fit,5,10,8,dress,party,10,20/04/2016,28,137,68,hourglass,34,d\n"
                + "fit,6,11,4,dress,work,6,2016-04-21,,,,,,\n");
        IngestException strict = assertThrows(IngestException.class, () -> RentTheRunway.readCsv(file, ParseMode.STRICT));
        assertTrue(strict.getMessage().contains("line 3") && strict.getMessage().contains("fit"), strict.getMessage());
        RentTheRunway.Rentals lenient = RentTheRunway.readCsv(file, ParseMode.LENIENT);
        IngestReport report = lenient.dataset().reports().get(0);
        assertEquals(2, lenient.dataset().events().size());
        assertEquals(4, report.skipped());
        List<String> columns = report.firstProblems().stream().map(p -> String.valueOf(p.column())).toList();
        assertEquals(List.of("fit", "weight_lbs", "size", "review_date"), columns);
        assertEquals(2, lenient.occasionOfEvent().length);
        assertEquals("work", lenient.occasionOfEvent()[1]);
    }

    @Test
    void labelsWithControlCharactersAndAbsurdMeasurementsAreBadRecords(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("labels.csv");
        Files.writeString(file, HEADER + "\n"
                + "fit,1,10,8,\"dr\u001bess\",party,10,2016-04-20,28,137,68,hourglass,34,d\n"
                + "fit,2,10,8,dress,\"par\u0000ty\",10,2016-04-20,28,137,68,hourglass,34,d\n"
                + "fit,3,10,8,dress,party,10,2016-04-20,28," + "9".repeat(400) + ",68,hourglass,34,d\n"
                + "fit,4,11,4,dress,work,6,2016-04-21,,,,,,\n");
        IngestException strict = assertThrows(IngestException.class, () -> RentTheRunway.readCsv(file, ParseMode.STRICT));
        assertTrue(strict.getMessage().contains("line 2") && strict.getMessage().contains("category"), strict.getMessage());
        RentTheRunway.Rentals lenient = RentTheRunway.readCsv(file, ParseMode.LENIENT);
        assertEquals(1, lenient.dataset().events().size());
        assertEquals(3, lenient.dataset().reports().get(0).skipped());
    }

    @Test
    void theRawJsonSampleReadsAsTheCsvExportsFirstHundredRows(@TempDir Path dir) throws IOException {
        Optional<Path> folder = DatasetPaths.dataset(RentTheRunway.NAME);
        assumeTrue(folder.isPresent(), "dataset renttherunway is not available here");
        RentTheRunway.Rentals json = RentTheRunway.readJsonLines(folder.get().resolve("renttherunway_final_data_first100.json"),
                ParseMode.STRICT);
        List<String> first = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(folder.get().resolve(RentTheRunway.CSV))), StandardCharsets.UTF_8))) {
            for (int j = 0; j < 101; j++) {
                first.add(in.readLine());
            }
        }
        Path csvFile = dir.resolve("first100.csv");
        Files.write(csvFile, first);
        RentTheRunway.Rentals csv = RentTheRunway.readCsv(csvFile, ParseMode.STRICT);
        EventLog a = json.dataset().events();
        EventLog b = csv.dataset().events();
        assertEquals(100, a.size());
        assertEquals(100, b.size());
        for (int e = 0; e < 100; e++) {
            assertEquals(b.event(e), a.event(e), "record " + e);
            assertEquals(csv.occasionOfEvent()[e], json.occasionOfEvent()[e], "occasion of record " + e);
        }
        assertEquals(csv.profiles(), json.profiles());
    }

    @Test
    void theFullCsvHasThePublishedCounts() {
        Optional<Path> folder = DatasetPaths.dataset(RentTheRunway.NAME);
        assumeTrue(folder.isPresent(), "dataset renttherunway is not available here");
        RentTheRunway.Rentals rentals = RentTheRunway.read(folder.get(), ParseMode.STRICT);
        EventLog log = rentals.dataset().events();
        assertEquals(192_544, log.size());
        assertEquals(105_571, log.customers().size());
        assertEquals(5_850, log.items().size());
        int[] fits = new int[FitFeedback.values().length];
        for (int e = 0; e < log.size(); e++) {
            fits[log.fit(e).ordinal()]++;
        }
        assertEquals(142_058, fits[FitFeedback.FITS.ordinal()]);
        assertEquals(25_779, fits[FitFeedback.TOO_SMALL.ordinal()]);
        assertEquals(24_707, fits[FitFeedback.TOO_LARGE.ordinal()]);
    }

    /**
     * The model that advises sizes, trained on all of RentTheRunway: for a sample of customers with fit feedback
     * and, for each, a sample of items with two or more sizes, every larger size is less likely too small and more
     * likely too large — on real data, where the feedback on the sizes customers chose says the opposite.
     */
    @Test
    void forCustomersWithFeedbackEveryLargerSizeIsLessOftenTooSmallAndMoreOftenTooLarge() {
        Optional<Path> folder = DatasetPaths.dataset(RentTheRunway.NAME);
        assumeTrue(folder.isPresent(), "dataset renttherunway is not available here");
        FitData data = RentTheRunway.read(folder.get(), ParseMode.STRICT).fitData();
        FitModel model = SizeFit.builder().build().train(data);
        Random random = new Random(11);
        int customers = model.customers().size();
        int items = model.items().size();
        int checked = 0;
        for (int tries = 0; checked < 300 && tries < 100_000; tries++) {
            int c = random.nextInt(customers);
            if (model.feedbackCount(c) == 0) {
                continue;
            }
            for (int j = 0; j < 10; j++) {
                int i = random.nextInt(items);
                List<String> sizes = model.sizesOf(i);
                if (sizes.size() < 2) {
                    continue;
                }
                SizeAdvice advice = model.advise(c, i);
                FitProbabilities previous = null;
                for (SizeAdvice.SizeOption option : advice.options()) {
                    FitProbabilities p = option.fit();
                    if (previous != null) {
                        String where = "customer " + model.customers().externalId(c) + ", item " + model.items().externalId(i)
                                + ", size " + option.size() + " after " + previous + ": " + p;
                        assertTrue(p.small() < previous.small(), where);
                        assertTrue(p.large() > previous.large(), where);
                    }
                    previous = p;
                }
                checked++;
            }
        }
        assertTrue(checked >= 300, checked + " customer-item pairs checked");
    }
}
