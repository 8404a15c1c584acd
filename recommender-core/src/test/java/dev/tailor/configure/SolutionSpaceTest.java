package dev.tailor.configure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SolutionSpaceTest {
    /** A hand-written file of three free binary variables, one node per layer; {@code skipFrom0} an edge of node 0 to node 2. */
    private static java.nio.file.Path handWritten(java.nio.file.Path dir, String name, boolean skipFrom0) throws java.io.IOException {
        java.nio.file.Path file = dir.resolve(name);
        dev.tailor.io.RawModelFiles.write(file, SolutionSpace.FORMAT, SolutionSpace.VERSION, out -> {
            out.writeUTF("free");
            out.writeInt(3);
            for (String variable : List.of("a", "b", "c")) {
                out.writeUTF(variable);
                dev.tailor.internal.ArrayCodec.writeInts(new int[] {0, 1}, out);
            }
            dev.tailor.internal.ArrayCodec.writeInts(new int[] {0, 1, 2}, out);
            dev.tailor.internal.ArrayCodec.writeInts(new int[] {0, 1, 2, 3}, out);
            dev.tailor.internal.ArrayCodec.writeInts(new int[] {0, 2, 4, 6, 6}, out);
            dev.tailor.internal.ArrayCodec.writeInts(new int[] {0, 1, 0, 1, 0, 1}, out);
            dev.tailor.internal.ArrayCodec.writeInts(new int[] {1, skipFrom0 ? 2 : 1, 2, 2, 3, 3}, out);
        });
        return file;
    }

    @Test
    void anEdgeThatSkipsALayerIsRefusedOnLoad(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        // #30 item 2: such a file loaded with another solution count, then project() threw IndexOutOfBoundsException.
        SolutionSpace good = SolutionSpace.load(handWritten(dir, "good.tailor", false));
        assertEquals(8.0, good.solutionCount());
        java.nio.file.Path crafted = handWritten(dir, "crafted.tailor", true);
        dev.tailor.io.ModelFileException e = assertThrows(dev.tailor.io.ModelFileException.class, () -> SolutionSpace.load(crafted));
        assertTrue(e.getMessage().contains("node 0 has an edge to node 2"), e.getMessage());
    }

    private static final int U = ConfigurableProduct.UNSET;

    /**
     * Collar a (0, 1), cuff b (0, 1), hidden lining c (0, 1): b=1 needs a=0 (table), b=1 needs c=1 and
     * a=1 needs c=0. Arc consistency alone keeps a=1 with b=1 open; only a=0 extends b=1.
     */
    private static final ConfigurableProduct SHIRT = new ConfigurableProduct("shirt", List.of("a", "b", "c"),
            new int[][] {{0, 1}, {0, 1}, {0, 1}},
            List.of(new TableConstraint("b1 needs c1", new int[] {1, 2}, new int[][] {{0, 0}, {0, 1}, {1, 1}}, true),
                    new TableConstraint("a1 needs c0", new int[] {0, 2}, new int[][] {{0, 0}, {0, 1}, {1, 0}}, true)));

    @Test
    void offersOnlyValuesThatACompleteValidConfigurationHas() {
        SolutionSpace space = SolutionSpace.compile(SHIRT);
        assertEquals(4.0, space.solutionCount()); // 000 001 011 100
        int[][] valid = space.validValues(new int[] {U, 1, U});
        assertArrayEquals(new int[] {0}, valid[0], "b=1 forces c=1, which rules out a=1 although no table says so");
        assertArrayEquals(new int[] {1}, valid[1]);
        assertArrayEquals(new int[] {1}, valid[2]);
        assertFalse(space.isConsistent(new int[] {1, 1, U}));
        assertEquals(0, space.validValues(new int[] {1, 1, U})[2].length);
        assertFalse(space.isConsistent(new int[] {7, U, U}), "a value outside the domain");
        assertArrayEquals(new int[] {1, 0, 0}, space.bestCompletion(new int[] {U, U, U},
                new double[][] {{0, 5}, {0, 3}, null}).orElseThrow(), "a=1 (5) beats b=1 (3): they exclude each other");
        assertEquals(Optional.empty(), space.bestCompletion(new int[] {1, 1, U}, new double[3][]));
    }

    @Test
    void savedSpacesLoadIdenticallyAndDamagedFilesAreRefused(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        SolutionSpace space = SolutionSpace.compile(SHIRT).project(List.of("c", "a"));
        java.nio.file.Path file = dir.resolve("shirt.space");
        space.save(file);
        SolutionSpace loaded = SolutionSpace.load(file);
        assertEquals(space.variables(), loaded.variables());
        assertEquals(space.solutionCount(), loaded.solutionCount());
        for (int[] partial : new int[][] {{U, U}, {1, U}, {U, 1}, {0, 1}}) {
            assertArrayEquals(space.validValues(partial)[0], loaded.validValues(partial)[0]);
            assertArrayEquals(space.validValues(partial)[1], loaded.validValues(partial)[1]);
        }
        byte[] bytes = java.nio.file.Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        java.nio.file.Files.write(file, bytes);
        assertThrows(dev.tailor.io.ModelFileException.class, () -> SolutionSpace.load(file));
    }

    @Test
    void conflictTablesAndValueCodesOutsideZeroBasedRangesWork() {
        ConfigurableProduct p = new ConfigurableProduct("p", List.of("x", "y"), new int[][] {{-1, 5, 3}, {10, 20}},
                List.of(new TableConstraint("no 5 with 20", new int[] {0, 1}, new int[][] {{5, 20}}, false)));
        SolutionSpace space = SolutionSpace.compile(p);
        assertEquals(5.0, space.solutionCount());
        assertArrayEquals(new int[] {-1, 3}, space.validValues(new int[] {U, 20})[0]);
    }

    @Test
    void unsatisfiableProductsAndOversizedDiagramsAreRefused() {
        ConfigurableProduct none = new ConfigurableProduct("none", List.of("x"), new int[][] {{0, 1}},
                List.of(new TableConstraint("nothing", new int[] {0}, new int[][] {{2}}, true)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SolutionSpace.compile(none));
        assertTrue(e.getMessage().contains("no configuration"), e.getMessage());
        ConfigurableProduct wide = new ConfigurableProduct("wide", List.of("x", "y", "z"), new int[][] {{0, 1, 2}, {0, 1, 2}, {0, 1, 2}},
                List.of(new TableConstraint("any", new int[] {0, 2}, new int[][] {{0, 0}, {1, 1}, {2, 2}}, true),
                        new TableConstraint("any2", new int[] {1, 2}, new int[][] {{0, 0}, {1, 1}, {2, 2}}, true)));
        e = assertThrows(IllegalStateException.class, () -> SolutionSpace.compile(wide, 3));
        assertTrue(e.getMessage().contains("more than 3 nodes"), e.getMessage());
    }

    @Test
    void agreesWithEnumerationOnRandomProducts() {
        Random random = new Random(7);
        for (int trial = 0; trial < 60; trial++) {
            int n = 3 + random.nextInt(5);
            int[][] domains = new int[n][];
            List<String> names = new ArrayList<>();
            for (int v = 0; v < n; v++) {
                domains[v] = new int[1 + random.nextInt(4)];
                for (int i = 0; i < domains[v].length; i++) {
                    domains[v][i] = i * 2 - 1;
                }
                names.add("v" + v);
            }
            List<TableConstraint> constraints = new ArrayList<>();
            for (int c = 0, count = 1 + random.nextInt(6); c < count; c++) {
                int arity = 1 + random.nextInt(Math.min(3, n));
                int[] scope = random.ints(0, n).distinct().limit(arity).toArray();
                List<int[]> tuples = new ArrayList<>();
                for (int t = 0, size = 1 + random.nextInt(8); t < size; t++) {
                    int[] tuple = new int[arity];
                    for (int i = 0; i < arity; i++) {
                        tuple[i] = domains[scope[i]][random.nextInt(domains[scope[i]].length)];
                    }
                    tuples.add(tuple);
                }
                constraints.add(new TableConstraint("c" + c, scope, tuples.toArray(int[][]::new), random.nextInt(4) > 0));
            }
            ConfigurableProduct product = new ConfigurableProduct("random" + trial, names, domains, constraints);
            List<int[]> solutions = enumerate(product);
            if (solutions.isEmpty()) {
                assertThrows(IllegalStateException.class, () -> SolutionSpace.compile(product));
                continue;
            }
            SolutionSpace space = SolutionSpace.compile(product);
            assertEquals(solutions.size(), (int) space.solutionCount(), "trial " + trial);
            for (int query = 0; query < 10; query++) {
                int[] partial = new int[n];
                for (int v = 0; v < n; v++) {
                    partial[v] = random.nextInt(3) == 0 ? domains[v][random.nextInt(domains[v].length)] : U;
                }
                int[][] valid = space.validValues(partial);
                double[][] score = new double[n][];
                for (int v = 0; v < n; v++) {
                    score[v] = random.doubles(domains[v].length).toArray();
                }
                double bestScore = Double.NEGATIVE_INFINITY;
                for (int v = 0; v < n; v++) {
                    int var = v;
                    int[] expected = Arrays.stream(domains[v]).filter(value -> solutions.stream()
                            .anyMatch(s -> s[var] == value && agrees(s, partial))).toArray();
                    assertArrayEquals(expected, valid[v], "trial " + trial + " variable " + v);
                }
                for (int[] s : solutions) {
                    if (agrees(s, partial)) {
                        bestScore = Math.max(bestScore, total(s, score, domains));
                    }
                }
                List<String> keep = new ArrayList<>();
                List<Integer> kept = new ArrayList<>();
                for (int v = n - 1; v >= 0; v--) {
                    if (random.nextBoolean()) {
                        keep.add("v" + v);
                        kept.add(v);
                    }
                }
                SolutionSpace projected = space.project(keep);
                int[] projectedPartial = kept.stream().mapToInt(v -> partial[v]).toArray();
                int[][] projectedValid = projected.validValues(projectedPartial);
                int[] keptOnly = new int[n];
                Arrays.fill(keptOnly, U);
                kept.forEach(v -> keptOnly[v] = partial[v]);
                int[][] validOnKept = space.validValues(keptOnly);
                for (int i = 0; i < kept.size(); i++) {
                    assertArrayEquals(validOnKept[kept.get(i)], projectedValid[i], "trial " + trial + " projected " + keep);
                }
                boolean someSolutionAgreesOnKept = solutions.stream().anyMatch(sol -> kept.stream()
                        .allMatch(v -> partial[v] == U || partial[v] == sol[v]));
                assertEquals(someSolutionAgreesOnKept, projected.isConsistent(projectedPartial), "trial " + trial);
                Optional<int[]> best = space.bestCompletion(partial, score);
                assertEquals(bestScore > Double.NEGATIVE_INFINITY, best.isPresent());
                assertEquals(best.isPresent(), space.isConsistent(partial));
                if (best.isPresent()) {
                    assertTrue(agrees(best.get(), partial) && product.violatedBy(best.get()).isEmpty());
                    assertEquals(bestScore, total(best.get(), score, domains), 1e-9);
                }
            }
        }
    }

    private static double total(int[] configuration, double[][] score, int[][] domains) {
        double sum = 0;
        for (int v = 0; v < configuration.length; v++) {
            int value = configuration[v];
            int p = 0;
            while (domains[v][p] != value) {
                p++;
            }
            sum += score[v][p];
        }
        return sum;
    }

    private static boolean agrees(int[] solution, int[] partial) {
        for (int v = 0; v < partial.length; v++) {
            if (partial[v] != U && partial[v] != solution[v]) {
                return false;
            }
        }
        return true;
    }

    private static List<int[]> enumerate(ConfigurableProduct product) {
        List<int[]> solutions = new ArrayList<>();
        int n = product.size();
        int[] index = new int[n];
        while (true) {
            int[] values = new int[n];
            for (int v = 0; v < n; v++) {
                values[v] = product.domain(v)[index[v]];
            }
            if (product.violatedBy(values).isEmpty()) {
                solutions.add(values);
            }
            int v = n - 1;
            while (v >= 0 && ++index[v] == product.domain(v).length) {
                index[v--] = 0;
            }
            if (v < 0) {
                return solutions;
            }
        }
    }

    @Test
    void compilingStopsAtItsTimeBoundWithHowFarItCame() {
        // #30 item 11: a graph-colouring grid (neighbours differ) compiled for over ten minutes without reaching the node
        // bound. Time is bounded too; the message says how far it came, and progress is told per constraint.
        int side = 12;
        int colours = 4;
        java.util.List<String> variables = new java.util.ArrayList<>();
        int[][] domains = new int[side * side][];
        for (int v = 0; v < side * side; v++) {
            variables.add("cell" + v);
            domains[v] = java.util.stream.IntStream.range(0, colours).toArray();
        }
        java.util.List<int[]> different = new java.util.ArrayList<>();
        for (int a = 0; a < colours; a++) {
            for (int b = 0; b < colours; b++) {
                if (a != b) {
                    different.add(new int[] {a, b});
                }
            }
        }
        java.util.List<TableConstraint> constraints = new java.util.ArrayList<>();
        for (int row = 0; row < side; row++) {
            for (int column = 0; column < side; column++) {
                int v = row * side + column;
                if (column + 1 < side) {
                    constraints.add(new TableConstraint("right" + v, new int[] {v, v + 1}, different.toArray(int[][]::new), true));
                }
                if (row + 1 < side) {
                    constraints.add(new TableConstraint("down" + v, new int[] {v, v + side}, different.toArray(int[][]::new), true));
                }
            }
        }
        ConfigurableProduct grid = new ConfigurableProduct("grid", variables, domains, constraints);
        java.util.concurrent.atomic.AtomicLong conjoined = new java.util.concurrent.atomic.AtomicLong();
        dev.tailor.progress.ProgressListener counting = new dev.tailor.progress.ProgressListener() {
            @Override
            public void start(String task, long total) {
                assertEquals(constraints.size(), total);
            }

            @Override
            public void advance(long units) {
                conjoined.addAndGet(units);
            }

            @Override
            public void finish() {
            }
        };
        long started = System.nanoTime();
        dev.tailor.data.UnsuitableDataException e = assertThrows(dev.tailor.data.UnsuitableDataException.class,
                () -> SolutionSpace.compile(grid, Integer.MAX_VALUE, java.time.Duration.ofMillis(300), counting));
        double seconds = (System.nanoTime() - started) / 1e9;
        assertTrue(e.getMessage().contains("took longer than PT0.3S"), e.getMessage());
        assertTrue(e.getMessage().contains(conjoined.get() + " of " + constraints.size() + " constraints conjoined"),
                e.getMessage() + " / told " + conjoined.get());
        assertTrue(seconds < 30, "stopped after " + seconds + " s");
        assertThrows(IllegalArgumentException.class,
                () -> SolutionSpace.compile(grid, 1000, java.time.Duration.ZERO, dev.tailor.progress.ProgressListener.none()));
    }
}
