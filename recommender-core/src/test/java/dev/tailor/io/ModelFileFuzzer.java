package dev.tailor.io;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * A seeded fuzzer over saved model files. Damaged files (bytes changed, cut or added, checksum left as
 * it was) must be refused with {@link ModelFileException} or score exactly as saved. Crafted files (the
 * same changes with the checksum recomputed, as a buggy writer or an attacker would make them, and every
 * 4-byte position of the payload overwritten with extreme ints) must be refused with
 * {@link ModelFileException} or load into a model that serves every request without an exception.
 *
 * <p>The number of cases scales with {@code -Dtailor.fuzz.scale=N} (default 1, the CI run); see
 * RESULTS.md for the long run's command.
 */
public final class ModelFileFuzzer {
    private static final int TRAILER_BYTES = 20;
    private static final int[] EXTREMES = {Integer.MAX_VALUE, Integer.MIN_VALUE, -1, 0, 1, 0x7fff, 0x10000};

    /** Loads a file. */
    @FunctionalInterface
    public interface Loader<T> {
        T load(Path file) throws IOException;
    }

    /** What a run tried and how the files ended. */
    public record Outcome(long tried, long refused, long loaded) {
        Outcome plus(Outcome o) {
            return new Outcome(tried + o.tried, refused + o.refused, loaded + o.loaded);
        }

        @Override
        public String toString() {
            return tried + " files: " + refused + " refused with ModelFileException, " + loaded + " loaded and served, 0 failures";
        }
    }

    private ModelFileFuzzer() {
    }

    /** The scale factor of this run. */
    public static int scale() {
        return Math.max(1, Integer.getInteger("tailor.fuzz.scale", 1));
    }

    /**
     * Runs both kinds of cases over one saved file.
     *
     * @param sameAsSaved asserts a loaded model scores exactly as the saved one
     * @param serve exercises every query of a loaded model; must not throw
     */
    public static <T> Outcome run(Path saved, Path work, Loader<T> loader, Consumer<T> sameAsSaved, Consumer<T> serve,
            long seed, int randomCases) throws IOException {
        byte[] original = Files.readAllBytes(saved);
        SplittableRandom random = new SplittableRandom(seed);
        Outcome outcome = new Outcome(0, 0, 0);
        int cases = randomCases * scale();
        for (int i = 0; i < cases; i++) {
            byte[] damaged = mutate(original, random);
            outcome = outcome.plus(attempt(damaged, work, loader, sameAsSaved, "damaged case " + i + " (seed " + seed + ")"));
        }
        for (int i = 0; i < cases; i++) {
            byte[] crafted = withChecksum(mutate(original, random));
            outcome = outcome.plus(attempt(crafted, work, loader, serve, "crafted case " + i + " (seed " + seed + ")"));
        }
        int headerEnd = headerLength(original);
        int payloadEnd = original.length - TRAILER_BYTES;
        int step = Math.max(1, (payloadEnd - headerEnd) / (1500 * scale()));
        for (int offset = headerEnd; offset + 4 <= payloadEnd; offset += step) {
            for (int value : EXTREMES) {
                byte[] crafted = original.clone();
                ByteBuffer.wrap(crafted).putInt(offset, value);
                crafted = withChecksum(crafted);
                outcome = outcome.plus(attempt(crafted, work, loader, serve, "int " + value + " at offset " + offset));
            }
        }
        return outcome;
    }

    private static <T> Outcome attempt(byte[] bytes, Path work, Loader<T> loader, Consumer<T> check, String what)
            throws IOException {
        Files.write(work, bytes);
        T model;
        try {
            model = loader.load(work);
        } catch (ModelFileException refused) {
            if (!refused.getMessage().startsWith(work.toString())) {
                fail(what + ": the refusal does not name the file: " + refused.getMessage());
            }
            return new Outcome(1, 1, 0);
        } catch (Throwable t) {
            throw new AssertionError(what + ": loading threw " + t + " instead of ModelFileException", t);
        }
        try {
            check.accept(model);
        } catch (Throwable t) {
            throw new AssertionError(what + ": the loaded model failed: " + t, t);
        }
        return new Outcome(1, 0, 1);
    }

    private static byte[] mutate(byte[] original, SplittableRandom random) {
        byte[] b = original.clone();
        switch (random.nextInt(6)) {
            case 0 -> { // a few flipped bits
                for (int k = 1 + random.nextInt(3); k > 0; k--) {
                    int at = random.nextInt(b.length);
                    b[at] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> b = Arrays.copyOf(b, random.nextInt(b.length)); // cut
            case 2 -> { // extended with garbage
                int extra = 1 + random.nextInt(64);
                b = Arrays.copyOf(b, b.length + extra);
                for (int i = b.length - extra; i < b.length; i++) {
                    b[i] = (byte) random.nextInt(256);
                }
            }
            case 3 -> { // a random byte
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            case 4 -> { // a zeroed block
                int from = random.nextInt(b.length);
                Arrays.fill(b, from, Math.min(b.length, from + 1 + random.nextInt(256)), (byte) 0);
            }
            default -> { // an extreme int anywhere
                if (b.length >= 4) {
                    ByteBuffer.wrap(b).putInt(random.nextInt(b.length - 3), EXTREMES[random.nextInt(EXTREMES.length)]);
                }
            }
        }
        return b;
    }

    /** The same bytes with a trailer that matches them (length and CRC32C), as a writer would make. */
    static byte[] withChecksum(byte[] bytes) {
        if (bytes.length < TRAILER_BYTES + 8) {
            return bytes;
        }
        int headerEnd = Math.min(headerLength(bytes), bytes.length - TRAILER_BYTES);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - TRAILER_BYTES);
        ByteBuffer trailer = ByteBuffer.wrap(bytes, bytes.length - TRAILER_BYTES, TRAILER_BYTES);
        trailer.putLong(bytes.length - TRAILER_BYTES - headerEnd).putInt((int) crc.getValue());
        return bytes;
    }

    private static int headerLength(byte[] bytes) {
        if (bytes.length < 10) {
            return bytes.length;
        }
        int nameLength = ((bytes[8] & 0xff) << 8) | (bytes[9] & 0xff);
        return Math.min(bytes.length, 10 + nameLength + 4);
    }
}
