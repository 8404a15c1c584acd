package dev.tailor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TailorCommandTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TailorCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("demo", "generate", "evaluate", "tune", "recommend", "train", "offers", "serve", "remind", "value",
                "configure")) {
            Run help = run(command, "--help");
            assertEquals(0, help.code(), command);
            assertTrue(help.out().contains("Usage: tailor " + command), help.out());
        }
        assertEquals(0, run("--help").code());
    }

    @Test
    void aMissingDataSourceIsOneLineThatSaysWhatToGive() {
        Run tune = run("tune", "-a", "knn-cosine");
        assertEquals(2, tune.code());
        assertTrue(tune.err().startsWith("tailor tune: no data given: --dataset NAME"), tune.err());
        assertTrue(tune.err().length() < 200, "not the whole synopsis: " + tune.err());
        Run unknownOption = run("evaluate", "--datasett", "movielens");
        assertEquals(2, unknownOption.code());
        assertTrue(unknownOption.err().contains("Unknown options: '--datasett'"), unknownOption.err());
    }

    @Test
    void quietMeansNoProgressLines() {
        Run loud = run("evaluate", "--dataset", "generated", "--customers", "200", "-a", "popular", "-k", "5");
        assertTrue(loud.err().contains("reading done in"), loud.err());
        Run quiet = run("evaluate", "-q", "--dataset", "generated", "--customers", "200", "-a", "popular", "-k", "5");
        assertEquals(0, quiet.code(), quiet.err());
        assertFalse(quiet.err().contains(" ..."), quiet.err());
        assertFalse(quiet.err().contains("done in"), quiet.err());
    }

    @Test
    void aNamePrintedInAResultTablePastesBackAndASplitTakesADay() {
        Run first = run("evaluate", "--dataset", "generated", "--customers", "200", "-a", "knn-cosine(neighbours=20)", "-k", "5",
                "--split", "temporal-at:2024-03-01");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("knn-cosine(neighbours=20,shrink=10)"), first.out());
        Run again = run("evaluate", "--dataset", "generated", "--customers", "200", "-a", "knn-cosine(neighbours=20,shrink=10)",
                "-k", "5", "--split", "temporal-at:2024-03-01T00:00:00Z");
        assertEquals(0, again.code(), again.err());
        assertEquals(metrics(first.out()), metrics(again.out()), "a day is its start, as the instant at midnight");
    }

    /** The name and metric columns of an evaluation table's first algorithm row (not its timings). */
    private static List<String> metrics(String table) {
        String row = table.lines().filter(line -> line.startsWith("knn-")).findFirst().orElseThrow(() -> new AssertionError(table));
        return List.of(row.split("\\s+")).subList(0, 9);
    }

    @Test
    void demoEvaluatesEveryAlgorithmAndShowsOffersForThreeCustomers() {
        // The library logs through SLF4J (slf4j-simple here, to the process's error stream): no failed fit is shown.
        java.io.ByteArrayOutputStream logs = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stderr = System.err;
        System.setErr(new java.io.PrintStream(logs, true, java.nio.charset.StandardCharsets.UTF_8));
        Run demo;
        try {
            demo = run("demo", "--customers", "300", "-k", "5");
        } finally {
            System.setErr(stderr);
        }
        String log = logs.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertFalse(log.contains("did not converge"), "the customer-value fit is shown as a failure: " + log);
        assertTrue(log.contains("reached a limit of the model"), "the no-dropout limit is said: " + log);
        assertEquals(0, demo.code(), demo.err());
        assertTrue(demo.out().contains("nDCG@5"), demo.out());
        assertTrue(demo.out().contains("best by nDCG@5"), demo.out());
        assertEquals(3, demo.out().split("offers for customer", -1).length - 1, demo.out());
        assertTrue(demo.out().contains("- time to replace your "), "a customer with a due cycle: " + demo.out());
        assertTrue(demo.out().contains("- your usual mtm-shirt ("), "a repeat made-to-measure order: " + demo.out());
        assertTrue(demo.out().contains("in your basket"), "a basket cross-sell: " + demo.out());
        assertTrue(demo.out().contains("value: top "), "the value segment: " + demo.out());
        assertTrue(demo.out().contains("made-to-measure shirt, repeat order for"), demo.out());
        assertTrue(demo.out().contains("  collar: ") && !demo.out().contains("button-down 0."), "french cuffs rule out button-down: " + demo.out());
    }

    @Test
    void configureCompletesPrefillsAndAnalysesOrdersAndNamesBadValues() throws java.io.IOException {
        Path orders = dir.resolve("orders.csv");
        StringBuilder csv = new StringBuilder("customer,time,collar,cuff,fabric\n");
        for (int i = 0; i < 40; i++) {
            csv.append("c").append(i % 10).append(",2024-0").append(1 + i % 9).append("-01,")
                    .append(i % 4 == 0 ? "button-down,single,oxford" : "cutaway,french,poplin").append('\n');
        }
        Files.writeString(orders, csv);
        Run complete = run("configure", "--orders", orders.toString(), "--partial", "collar=cutaway");
        assertEquals(0, complete.code(), complete.err());
        assertTrue(complete.out().contains("cuff:  french"), complete.out());
        assertTrue(complete.out().contains("fabric:  poplin"), complete.out());
        Run prefill = run("configure", "--orders", orders.toString(), "--customer", "c8", "--prefill");
        assertEquals(0, prefill.code(), prefill.err());
        assertTrue(prefill.out().contains("collar = button-down"), "c8 last ordered (in September) a button-down: " + prefill.out());
        Run combinations = run("configure", "--orders", orders.toString(), "--combinations", "--period", "P1M");
        assertEquals(0, combinations.code(), combinations.err());
        assertTrue(combinations.out().contains("collar=cutaway + cuff=french"), combinations.out());
        Run unknown = run("configure", "--orders", orders.toString(), "--partial", "collar=mandarin");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("'mandarin' is not a value of collar"), unknown.err());
        Files.writeString(orders, csv + "c1,2024-02-01,cutaway,single\n");
        Run bad = run("configure", "--orders", orders.toString());
        assertTrue(bad.code() != 0);
        assertTrue(bad.err().contains("line 42") && bad.err().contains("5 fields as in the header (the line has 4)"), bad.err());
        Run lenient = run("configure", "--orders", orders.toString(), "--lenient");
        assertEquals(0, lenient.code(), lenient.err());
        assertTrue(lenient.err().contains("1 lines skipped"), lenient.err());
    }

    @Test
    void configureWithAConstraintModelOffersOnlyValidValuesAndReusesASavedSpace() throws java.io.IOException {
        Path model = dir.resolve("model.xml");
        Files.writeString(model, """
                <instance>
                 <presentation name="tiny" format="XCSP 2.1"/>
                 <domains nbDomains="1"><domain name="D" nbValues="3">0..2</domain></domains>
                 <variables nbVariables="3"><variable name="a" domain="D"/><variable name="b" domain="D"/><variable name="hidden" domain="D"/></variables>
                 <relations nbRelations="1"><relation name="same" arity="2" nbTuples="3" semantics="supports">0 0|1 1|2 2</relation></relations>
                 <constraints nbConstraints="2"><constraint name="a=hidden" arity="2" scope="a hidden" reference="same"/>
                  <constraint name="b=hidden" arity="2" scope="b hidden" reference="same"/></constraints>
                </instance>
                """);
        Path orders = dir.resolve("coded.csv");
        Files.writeString(orders, "customer,a,b\nx,0,0\ny,1,1\nz,1,1\n");
        Path saved = dir.resolve("tiny.space");
        Run first = run("configure", "--orders", orders.toString(), "--model", model.toString(), "--save-space", saved.toString(),
                "--partial", "a=2");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("b:  2 1.000"), "a = hidden = b leaves b=2 only, never sold: " + first.out());
        Run again = run("configure", "--orders", orders.toString(), "--model", model.toString(), "--space", saved.toString(),
                "--partial", "a=2");
        assertEquals(first.out(), again.out());
    }

    @Test
    void generateThenEvaluateAndRecommendFromTheWrittenFiles() {
        Run generate = run("generate", "--out", dir.toString(), "--customers", "200", "--items", "60");
        assertEquals(0, generate.code(), generate.err());
        Path events = dir.resolve("events.csv");
        assertTrue(Files.exists(events));
        Run evaluate = run("evaluate", "--events", events.toString(), "--split", "last:1", "-a", "popular,random");
        assertEquals(0, evaluate.code(), evaluate.err());
        assertTrue(evaluate.out().contains("leave last 1 out"), evaluate.out());
        assertTrue(evaluate.out().contains("random"), evaluate.out());
        Run recommend = run("recommend", "--events", events.toString(), "--customer", "C0000007", "-n", "4");
        assertEquals(0, recommend.code(), recommend.err());
        assertTrue(recommend.out().contains("  4. "), recommend.out());
    }

    @Test
    void offersShowSizesAndReasonsAsTextAndAsJsonAndAStrangerGetsTheColdStartAnswer() throws IOException {
        Run text = run("offers", "--dataset", "generated", "--customers", "300", "--customer", "C0000007", "-n", "5");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("offers for customer C0000007:") && text.out().contains("  5. "), text.out());
        assertTrue(text.out().contains("       - "), "every offer has a reason: " + text.out());
        Run json = run("offers", "--dataset", "generated", "--customers", "300", "--customer", "a \"new\" customer", "-n", "3",
                "--basket", "socks-0005", "--json");
        assertEquals(0, json.code(), json.err());
        String out = json.out().strip();
        assertTrue(out.startsWith("{\"customer\":\"a \\\"new\\\" customer\",\"offers\":[{\"item\":"), out);
        assertTrue(out.contains("\"reasons\":[{\"kind\":\""), out);
        assertTrue(out.endsWith("]}"), out);
        Path file = dir.resolve("all.csv");
        Run all = run("offers", "--dataset", "generated", "--customers", "300", "--all", "--out", file.toString(), "-n", "3");
        assertEquals(0, all.code(), all.err());
        assertTrue(all.out().contains("wrote offers for 300 customers"), all.out());
        List<String> lines = java.nio.file.Files.readAllLines(file);
        assertEquals("customer,rank,item,size,score,sources,reasons", lines.get(0));
        assertEquals(1 + 300 * 3, lines.size());
        assertTrue(lines.get(1).startsWith("C0000000,1,"), lines.get(1));
        assertEquals(2, run("offers", "--dataset", "generated", "--customers", "50", "--all").code(), "--all needs --out");
        Run empty = run("offers", "--dataset", "generated", "--customers", "300", "--customer", "C0000007", "-n", "0");
        assertEquals(2, empty.code(), "n = 0 is a usage error: " + empty.err());
        assertTrue(empty.err().contains("n must be 1 to 1000"), empty.err());
    }

    @Test
    void trainSavesOneFileThatOffersAndRemindAnswerFromWithoutTheEvents() throws IOException {
        Path model = dir.resolve("offers.tailor");
        Run train = run("train", "--dataset", "generated", "--customers", "300", "--as-of", "2024-12-31", "--out", model.toString());
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("300 customers") && train.out().contains("wrote " + model), train.out());
        for (String customer : List.of("C0000007", "C0000100", "someone new")) {
            Run fromFile = run("offers", "--model", model.toString(), "--customer", customer, "-n", "5", "--json");
            Run trainedHere = run("offers", "--dataset", "generated", "--customers", "300", "--as-of", "2024-12-31", "--customer",
                    customer, "-n", "5", "--json");
            assertEquals(0, fromFile.code(), fromFile.err());
            assertEquals(trainedHere.out(), fromFile.out(), "the file answers as training in place does");
            assertTrue(fromFile.out().contains("\"figures\":{"), fromFile.out());
        }
        Run remind = run("remind", "--model", model.toString(), "-n", "3");
        assertEquals(0, remind.code(), remind.err());
        assertTrue(remind.out().contains("reminders to send by 2025-01-14"), remind.out());
        Path cycles = dir.resolve("cycles.tailor");
        Run saved = run("remind", "--dataset", "generated", "--customers", "300", "--as-of", "2024-12-31", "--level", "category",
                "--save", cycles.toString(), "-n", "3");
        assertEquals(0, saved.code(), saved.err());
        assertEquals(remind.out().lines().skip(1).toList(), run("remind", "--model", cycles.toString(), "-n", "3").out().lines()
                .skip(1).toList(), "the saved cycles remind as the model's");
        Run neither = run("offers", "--customer", "C1");
        assertEquals(2, neither.code());
        assertTrue(neither.err().contains("--model FILE or a data source"), neither.err());
        Run missing = run("offers", "--model", dir.resolve("none.tailor").toString(), "--customer", "C1");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("none.tailor: no such file") && !missing.err().contains("Exception"), missing.err());
        Run early = run("offers", "--model", model.toString(), "--customer", "C1", "--as-of", "2020-01-01");
        assertEquals(2, early.code());
        assertTrue(early.err().contains("before the model's cut-off"), early.err());
    }

    /** Defect (#30, item 8): a catalog category with escape sequences reached the terminal through the offers' text. */
    @Test
    void escapeSequencesFromTheCatalogNeverReachTheTerminal() throws IOException {
        assertEquals(0, run("generate", "--out", dir.toString(), "--customers", "200", "--items", "40").code());
        Path catalog = dir.resolve("catalog.csv");
        List<String> lines = Files.readAllLines(catalog);
        StringBuilder hostile = new StringBuilder(lines.get(0)).append('\n');
        for (String line : lines.subList(1, lines.size())) {
            // The category is the second column: every category gets an escape sequence and a bidi override.
            int first = line.indexOf(',');
            int second = line.indexOf(',', first + 1);
            hostile.append(line, 0, second).append("\u001b[2J\u202e").append(line.substring(second)).append('\n');
        }
        Files.writeString(catalog, hostile);
        Run offers = run("offers", "--events", dir.resolve("events.csv").toString(), "--catalog", catalog.toString(),
                "--customer", "C0000007", "-n", "5");
        assertEquals(0, offers.code(), offers.err());
        assertFalse(offers.out().contains("\u001b") || offers.out().contains("\u202e"), "raw control characters in the output");
        assertTrue(offers.out().contains("\\u001b[2J\\u202e"), offers.out());
    }

    @Test
    void badTimestampFailsWithLineAndColumnAndNoStackTrace() throws IOException {
        StringBuilder csv = new StringBuilder("customer,item,time,kind,quantity,amount,rating,fit,size\n");
        for (int line = 2; line <= 40; line++) {
            csv.append("c").append(line % 5).append(",i").append(line % 7).append(',')
                    .append(line == 37 ? "yesterday" : "2024-03-01T10:15:30Z").append(",PURCHASE,1,9.99,,,\n");
        }
        Path file = dir.resolve("events.csv");
        Files.writeString(file, csv);
        Run bad = run("evaluate", "--events", file.toString());
        assertEquals(TailorCommand.DATA_ERROR, bad.code());
        assertTrue(bad.err().contains("line 37"), bad.err());
        assertTrue(bad.err().contains("column 'time'"), bad.err());
        assertFalse(bad.err().contains("\tat "), "no stack trace: " + bad.err());

        Run lenient = run("evaluate", "--events", file.toString(), "--lenient", "--split", "last:1");
        assertEquals(0, lenient.code(), lenient.err());
        assertTrue(lenient.err().contains("1 skipped"), lenient.err());
    }

    @Test
    void fitEvaluatesAgainstBaselinesAndSizeAdvisesOneOfTheGivenSizes() {
        Run fit = run("fit", "--dataset", "generated", "--customers", "400");
        assertEquals(0, fit.code(), fit.err());
        assertTrue(fit.out().contains("tailor size-fit") && fit.out().contains("item-size prior")
                && fit.out().contains("most frequent size"), fit.out());
        Run size = run("size", "--dataset", "generated", "--customers", "400", "--customer", "nobody", "--item", "new-dress",
                "--sizes", "S,M,L");
        assertEquals(0, size.code(), size.err());
        assertTrue(size.out().contains("population answer") && size.out().contains("<- send this size"), size.out());
        Run badSplit = run("fit", "--dataset", "generated", "--split", "random:0.9");
        assertEquals(2, badSplit.code());
        assertTrue(badSplit.err().contains("0 < F < 0.5"), badSplit.err());
        Run badSize = run("size", "--dataset", "generated", "--customer", "x", "--item", "y", "--sizes", "M,huge-ish");
        assertEquals(2, badSize.code());
        assertTrue(badSize.err().contains("'huge-ish'"), badSize.err());
    }

    @Test
    void usageErrorsExitWithTwoAndSayWhatIsAccepted() {
        Run algorithm = run("evaluate", "--dataset", "generated", "--customers", "50", "-a", "deep-magic");
        assertEquals(2, algorithm.code());
        assertTrue(algorithm.err().contains("known: popular"), algorithm.err());
        Run split = run("evaluate", "--dataset", "generated", "--customers", "50", "--split", "sideways");
        assertEquals(2, split.code());
        assertTrue(split.err().contains("temporal:"), split.err());
        Run noSource = run("evaluate");
        assertEquals(2, noSource.code());
        Run missing = run("evaluate", "--events", dir.resolve("nope.csv").toString());
        assertEquals(TailorCommand.DATA_ERROR, missing.code());
        assertTrue(missing.err().contains("nope.csv"), missing.err());
        Run unknownCustomer = run("recommend", "--dataset", "generated", "--customers", "50", "--customer", "nobody");
        assertEquals(2, unknownCustomer.code());
        assertTrue(unknownCustomer.err().contains("nobody"), unknownCustomer.err());
    }

    @Test
    void valueFitsTheModelsOnATransactionFileAndWritesTheRankedTable() throws IOException {
        StringBuilder csv = new StringBuilder("customer,item,time,kind,quantity,amount,rating,fit,size\n");
        java.util.SplittableRandom random = new java.util.SplittableRandom(4);
        for (int c = 0; c < 300; c++) {
            int day = random.nextInt(30);
            int purchases = 1 + random.nextInt(6);
            for (int p = 0; p < purchases && day < 400; p++) {
                csv.append("c").append(c).append(",x,").append(java.time.LocalDate.of(2024, 1, 1).plusDays(day))
                        .append(",PURCHASE,1,").append(10 + random.nextInt(40)).append(",,,\n");
                day += 1 + random.nextInt(90);
            }
        }
        Path file = dir.resolve("transactions.csv");
        Files.writeString(file, csv);
        Path table = dir.resolve("values.csv");
        Path chart = dir.resolve("holdout.png");
        Run value = run("value", "--transactions", file.toString(), "--calibration-end", "2024-06-30", "--holdout-end",
                "2024-12-31", "--out", table.toString(), "--plot", chart.toString());
        assertEquals(0, value.code(), value.err());
        assertTrue(value.out().contains("BG/NBD"), value.out());
        assertTrue(value.out().contains("| 7+ |"), value.out());
        assertTrue(value.out().contains("RFM segments"), value.out());
        assertEquals(301, Files.readAllLines(table).size());
        assertTrue(Files.size(chart) > 1000);
        // #30 item 11: a bound on the work, checked before the data are read.
        Run endless = run("value", "--transactions", file.toString(), "--calibration-end", "2024-06-30", "--steps",
                "2147483647");
        assertEquals(2, endless.code());
        assertTrue(endless.err().contains("--steps from 1 to 1200"), endless.err());
        Run badDate = run("value", "--transactions", file.toString(), "--calibration-end", "30/06/2024");
        assertEquals(2, badDate.code());
        assertTrue(badDate.err().contains("--calibration-end"), badDate.err());
        Run pastTheData = run("value", "--transactions", file.toString(), "--calibration-end", "2030-06-30", "--holdout-end",
                "2030-12-31");
        assertEquals(1, pastTheData.code(), "not a holdout of made-up zeros: " + pastTheData.out());
        assertTrue(pastTheData.err().contains("--calibration-end 2030-06-30 is not before the last transaction of the data"),
                pastTheData.err());
        Run longer = run("value", "--transactions", file.toString(), "--calibration-end", "2024-06-30", "--holdout-end",
                "2030-12-31");
        assertEquals(0, longer.code(), longer.err());
        assertTrue(longer.out().contains("days before --holdout-end: if the data end there, the actual counts miss those days"),
                longer.out());
        // #30 items 5 and 10: daily units still give values (BG/NBD held where its expectations hold), and data
        // without a repeat purchase are bad data (exit code 1), not bad usage (2).
        Run daily = run("value", "--transactions", file.toString(), "--calibration-end", "2024-06-30", "--unit-days", "1");
        assertEquals(0, daily.code(), daily.err());
        assertTrue(daily.out().contains("BG/NBD"), daily.out());
        Path once = dir.resolve("once.csv");
        Files.writeString(once, "customer,item,time,kind,quantity,amount,rating,fit,size\n"
                + "c1,x,2024-01-02,PURCHASE,1,10,,,\nc2,x,2024-01-03,PURCHASE,1,12,,,\n");
        Run noRepeat = run("value", "--transactions", once.toString(), "--calibration-end", "2024-01-02");
        assertEquals(1, noRepeat.code(), noRepeat.err());
        assertTrue(noRepeat.err().contains("repeat purchase"), noRepeat.err());
        Run remindOneItem = run("remind", "--events", file.toString(), "--as-of", "2024-06-30");
        assertEquals(1, remindOneItem.code(), remindOneItem.out());
        assertTrue(remindOneItem.err().contains("has 1 item: a reminder would only say \"buy again\""), remindOneItem.err());
    }

    @Test
    void noRemindersSaysWhy() {
        Run beforeTheData = run("remind", "--dataset", "generated", "--customers", "200", "--as-of", "2020-01-01");
        assertEquals(0, beforeTheData.code(), beforeTheData.err());
        assertTrue(beforeTheData.out().contains("why none: no purchase, rental or wear by 2020-01-01 (the data hold events from"
                + " 2023-01-01"), beforeTheData.out());
        assertFalse(beforeTheData.out().contains("| remind on |"), "no empty table: " + beforeTheData.out());
        Run tooSure = run("remind", "--dataset", "generated", "--customers", "200", "--as-of", "2024-06-30", "--horizon", "1",
                "--min-probability", "1");
        assertEquals(0, tooSure.code(), tooSure.err());
        assertTrue(tooSure.out().contains("why none: the earliest reminder would be on 2024-"), tooSure.out());
        assertTrue(tooSure.out().contains("a longer --horizon or a lower --min-probability shows them"), tooSure.out());
    }

    @Test
    void remindListsWhoIsDueOnAGeneratedShopAtCategoryLevel() {
        Run remind = run("remind", "--dataset", "generated", "--customers", "400", "--as-of", "2024-10-01", "--level",
                "category", "-n", "5");
        assertEquals(0, remind.code(), remind.err());
        assertTrue(remind.out().contains("reminders to send by 2024-10-15"), remind.out());
        assertTrue(remind.out().matches("(?s).*\\| 2024-10-\\d\\d \\| C\\d{7} \\| (socks|underwear|running shoes) \\|.*"),
                remind.out());
        Run badLevel = run("remind", "--dataset", "generated", "--customers", "50", "--as-of", "2024-10-01", "--level", "brand");
        assertEquals(2, badLevel.code());
    }

    @Test
    void hostileValuesAreEscapedAndDataLimitsAreDataErrors() throws java.io.IOException {
        String header = "customer,item,time,kind,quantity,amount,rating,fit,size\n";
        Path escape = dir.resolve("escape.csv");
        Files.writeString(escape, header + "\"c\u001b[2J1\",i1,2024-03-01T10:15:30Z,PURCHASE,1,9.99,,,\n");
        Run bad = run("evaluate", "--events", escape.toString());
        assertEquals(TailorCommand.DATA_ERROR, bad.code(), bad.err());
        assertFalse(bad.err().contains("\u001b"), "a terminal escape must not reach the terminal: " + bad.err());
        assertTrue(bad.err().contains("\\u001b"), bad.err());

        StringBuilder sizes = new StringBuilder(header);
        for (int i = 0; i <= dev.tailor.data.EventLog.MAX_SIZES; i++) {
            sizes.append("c1,i1,2024-03-01T10:15:30Z,PURCHASE,1,9.99,,,S").append(i).append('\n');
        }
        Path many = dir.resolve("sizes.csv");
        Files.writeString(many, sizes);
        Run tooMany = run("evaluate", "--events", many.toString());
        assertEquals(TailorCommand.DATA_ERROR, tooMany.code(), "too many sizes is bad data, not bad usage: " + tooMany.err());
        assertTrue(tooMany.err().contains("line " + (dev.tailor.data.EventLog.MAX_SIZES + 2)), tooMany.err());
    }

    @Test
    void settingsAreCheckedBeforeAnyDataIsReadAndEmptyResultsAreErrors() throws java.io.IOException {
        // 2,000,000 customers would take minutes to generate: each of these must fail at once.
        String[] big = {"--dataset", "generated", "--customers", "2000000"};
        long started = System.nanoTime();
        Run algorithm = run(concat(new String[] {"evaluate", "-a", "nosuch"}, big));
        Run k = run(concat(new String[] {"evaluate", "-k", "-5"}, big));
        Run folds = run(concat(new String[] {"tune", "-a", "popular", "--split", "temporal:0.8", "--folds", "3"}, big));
        Run recommend = run(concat(new String[] {"recommend", "--customer", "C1", "-a", "nosuch"}, big));
        assertTrue(System.nanoTime() - started < 20_000_000_000L, "settings must be checked before generating data");
        for (Run r : List.of(algorithm, k, folds, recommend)) {
            assertEquals(2, r.code(), r.err());
        }
        assertTrue(folds.err().contains("needs a random split"), folds.err());
        Path transactions = dir.resolve("t.csv");
        Files.writeString(transactions, "customer,item,time,kind,quantity,amount,rating,fit,size\n"
                + "a,x,2024-01-01,PURCHASE,1,10,,,\na,x,2024-02-01,PURCHASE,1,10,,,\n");
        Run discount = run("value", "--transactions", transactions.toString(), "--calibration-end", "2024-06-01",
                "--discount", "-1");
        assertEquals(2, discount.code(), discount.err());
        assertFalse(discount.out().contains("BG/NBD"), "nothing is fitted or printed first: " + discount.out());
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        Run generate = run("generate", "--out", file.toString());
        assertEquals(2, generate.code());
        assertTrue(generate.err().contains("is a file"), generate.err());

        // One item: nothing to recommend, said as a data error instead of a table of zeros.
        Path oneItem = dir.resolve("one.csv");
        StringBuilder events = new StringBuilder("customer,item,time,kind,quantity,amount,rating,fit,size\n");
        for (int i = 0; i < 20; i++) {
            events.append("c").append(i % 5).append(",only,2024-01-").append(String.format("%02d", 1 + i)).append(",PURCHASE,1,1,,,\n");
        }
        Files.writeString(oneItem, events);
        Run single = run("evaluate", "--events", oneItem.toString());
        assertEquals(TailorCommand.DATA_ERROR, single.code(), single.err());
        assertTrue(single.err().contains("nothing to recommend"), single.err());
        Run owned = run("recommend", "--events", oneItem.toString(), "--customer", "c1");
        assertEquals(TailorCommand.DATA_ERROR, owned.code(), owned.err());

        Path twoItems = dir.resolve("two.csv");
        Files.writeString(twoItems, events.toString().replace("c1,only,2024-01-02", "c1,other,2024-01-02"));
        Run late = run("evaluate", "--events", twoItems.toString(), "--split", "temporal-at:2030-01-01T00:00:00Z");
        assertEquals(TailorCommand.DATA_ERROR, late.code(), late.err());
        assertTrue(late.err().contains("0 test events"), late.err());
        Run early = run("evaluate", "--events", twoItems.toString(), "--split", "temporal-at:2000-01-01T00:00:00Z");
        assertEquals(TailorCommand.DATA_ERROR, early.code(), early.err());
        Run everything = run("recommend", "--events", twoItems.toString(), "--customer", "c1");
        assertEquals(TailorCommand.DATA_ERROR, everything.code(), "c1 has both items: " + everything.err());
        assertTrue(everything.err().contains("nothing is left to recommend"), everything.err());

        Path orders = dir.resolve("orders.csv");
        Files.writeString(orders, "customer,time,collar,fabric\nc1,2024-01-01,cutaway,\"linen, washed\"\n"
                + "c2,2024-01-02,button-down,poplin\n");
        Run quoted = run("configure", "--orders", orders.toString(), "--partial", "collar=cutaway");
        assertEquals(0, quoted.code(), quoted.err());
        assertTrue(quoted.out().contains("linen, washed"), "a quoted value with a comma is one value: " + quoted.out());
        Run negative = run("configure", "--orders", orders.toString(), "-n", "-1");
        assertEquals(2, negative.code());
        assertTrue(negative.err().contains("-n must be at least 0"), negative.err());
    }

    @Test
    void aShopsOwnExportIsReadThroughTheMappingOptionsWithItsCatalog() throws IOException {
        Run generate = run("generate", "--out", dir.toString(), "--customers", "300", "--items", "60");
        assertEquals(0, generate.code(), generate.err());
        // The shop's own export: tabs, its own column names, epoch milliseconds, its own word for a purchase.
        List<String> lines = Files.readAllLines(dir.resolve("events.csv"));
        StringBuilder tsv = new StringBuilder("cust\tsku\twhen\twhat\tqty\tpaid\tstars\tfit\tsize\n");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            tsv.append(f[0]).append('\t').append(f[1]).append('\t').append(java.time.Instant.parse(f[2]).toEpochMilli())
                    .append('\t').append(f[3].equals("PURCHASE") ? "buy" : f[3]).append('\t').append(f[4]).append('\t')
                    .append(f[5]).append("\t\t\t\n");
        }
        Path export = dir.resolve("export.tsv");
        Files.writeString(export, tsv);
        String[] mapping = {"--events", export.toString(), "--delimiter", "tab", "--time-format", "epoch-millis",
            "--columns", "customer=cust,item=sku,time=when,kind=what,quantity=qty,amount=paid", "--kind-alias", "buy=PURCHASE",
            "--catalog", dir.resolve("catalog.csv").toString()};
        Run remind = run(concat(new String[] {"remind", "--as-of", "2025-01-15", "--level", "category", "--min-probability", "0.05"},
                mapping));
        assertEquals(0, remind.code(), remind.err());
        assertTrue(remind.err().contains("catalog.csv") && remind.err().contains("export.tsv"), remind.err());
        Run recommend = run(concat(new String[] {"recommend", "--customer", "C0000007"}, mapping));
        assertEquals(0, recommend.code(), recommend.err());
        assertTrue(recommend.out().contains("offers for customer C0000007"), recommend.out());

        Run unknownField = run("evaluate", "--events", export.toString(), "--columns", "buyer=cust");
        assertEquals(2, unknownField.code());
        assertTrue(unknownField.err().contains("unknown field 'buyer'"), unknownField.err());
        Run badKind = run("evaluate", "--events", export.toString(), "--kind-alias", "buy=SHOPLIFT");
        assertEquals(2, badKind.code());
        Run notForDatasets = run("evaluate", "--dataset", "generated", "--customers", "50", "--delimiter", "tab");
        assertEquals(2, notForDatasets.code(), notForDatasets.err());
    }

    @Test
    void configureWithAModelReadsTheOrdersOnceAndReportsEverySkippedLine() throws IOException {
        Path model = dir.resolve("tiny.xml");
        Files.writeString(model, """
                <instance>
                 <presentation name="tiny" format="XCSP 2.1"/>
                 <domains nbDomains="2"><domain name="D0" nbValues="3">0..2</domain><domain name="D1" nbValues="2">-1 0</domain></domains>
                 <variables nbVariables="2"><variable name="a" domain="D0"/><variable name="b" domain="D1"/></variables>
                 <relations nbRelations="1"><relation name="R" arity="2" nbTuples="3" semantics="supports">0 -1|1 0|2 0</relation></relations>
                 <constraints nbConstraints="1"><constraint name="C" arity="2" scope="a b" reference="R"/></constraints>
                </instance>
                """);
        StringBuilder orders = new StringBuilder("customer,a,b\n");
        for (int i = 0; i < 12; i++) {
            orders.append("c").append(i).append(',').append(i % 3).append(',').append(i % 3 == 0 ? "-1" : "0").append('\n');
        }
        orders.append("c20,7,0\nc21,1,5\n"); // values the model does not have
        Path file = dir.resolve("coded.csv");
        Files.writeString(file, orders);
        Run strict = run("configure", "--orders", file.toString(), "--model", model.toString());
        assertEquals(TailorCommand.DATA_ERROR, strict.code(), strict.err());
        assertTrue(strict.err().contains("line 14"), strict.err());
        Run lenient = run("configure", "--orders", file.toString(), "--model", model.toString(), "--lenient", "--partial", "a=1");
        assertEquals(0, lenient.code(), lenient.err());
        assertTrue(lenient.err().contains("2 lines skipped (12 of 14 records read)"), lenient.err());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
