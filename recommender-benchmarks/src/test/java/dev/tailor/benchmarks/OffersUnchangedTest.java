package dev.tailor.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tailor.offer.Offer;
import dev.tailor.offer.OfferRequest;
import dev.tailor.offer.Reason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The offers of {@link OffersBenchmark} (100,000 items, four sources, every rule) for 1,000 customers, digested:
 * items, blended scores to the bit, sizes, fit probabilities and every reason. The digest was taken before the
 * offers path was made faster (issue #33); a speed-up that changes any list, score or reason fails here.
 */
class OffersUnchangedTest {
    /**
     * Taken on commit 41dd020, before the work of issue #33, for each scoring path: the Vector API kernels add in
     * another order than the scalar ones, so scores differ in their last bits between the paths (never within one).
     */
    private static final String DIGEST_BEFORE_SCALAR = "ac60e3dcebd4e0645459f4240eb8c459c321fc507478f92f585f6e338d2032d0";
    private static final String DIGEST_BEFORE_VECTOR = "b2959363a6cdba632858ee760702c094bd39a6365bd0c5cfbb561be8cc43b4d9";

    @Test
    void offersForAThousandCustomersAreThoseOfBefore() throws Exception {
        OffersBenchmark benchmark = new OffersBenchmark();
        benchmark.items = 100_000;
        benchmark.factors = 64;
        benchmark.setUp();
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        OfferRequest request = OfferRequest.builder(OffersBenchmark.NOW).n(10).priceBand(20, 150).build();
        for (int c = 0; c < 1_000; c++) {
            List<Offer> offers = benchmark.offers().offers("c" + c, request);
            StringBuilder line = new StringBuilder("c").append(c);
            for (Offer offer : offers) {
                line.append('|').append(offer.item()).append(' ').append(Double.doubleToLongBits(offer.score()))
                        .append(' ').append(offer.size().orElse("-")).append(' ').append(offer.fitProbability())
                        .append(' ').append(offer.sources()).append(' ').append(offer.price())
                        .append(' ').append(offer.category().orElse("-")).append(' ').append(offer.incentive());
                for (Reason reason : offer.reasons()) {
                    line.append(" [").append(reason.kind()).append(' ').append(reason.evidence()).append(' ')
                            .append(reason.text()).append(' ').append(reason.figures()).append(']');
                }
            }
            digest.update(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
        }
        String hex = HexFormat.of().formatHex(digest.digest());
        boolean vector = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                && !"false".equals(System.getProperty("tailor.vector"));
        assertEquals(vector ? DIGEST_BEFORE_VECTOR : DIGEST_BEFORE_SCALAR, hex);
    }
}
