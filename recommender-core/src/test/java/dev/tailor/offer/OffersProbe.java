package dev.tailor.offer;

import java.nio.file.Path;
import java.util.List;

/**
 * Run in a fresh JVM by {@link OffersModelTest}: loads an offers model file and prints every listed customer's
 * offers for the test's requests, exactly (scores as Java prints doubles), so two processes can be compared.
 */
public final class OffersProbe {
    private OffersProbe() {
    }

    /** Arguments: the model file, then the customers, comma-separated. */
    public static void main(String[] args) throws Exception {
        OffersModel model = OffersModel.load(Path.of(args[0]));
        System.out.print(describe(model, List.of(args[1].split(","))));
        System.out.flush();
    }

    static String describe(OffersModel model, List<String> customers) {
        StringBuilder text = new StringBuilder();
        for (OfferRequest request : OffersModelTest.requests(model.trainedUntil())) {
            for (String customer : customers) {
                text.append(customer).append(" ").append(request).append('\n');
                for (Offer offer : model.offers(customer, request)) {
                    text.append("  ").append(offer).append('\n');
                }
            }
        }
        return text.toString();
    }
}
