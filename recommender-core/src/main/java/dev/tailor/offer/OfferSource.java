package dev.tailor.offer;

import java.util.List;

/**
 * Proposes candidates for one customer: collaborative filtering, replenishment, configurations, baskets,
 * the wish list, trends, content neighbours — or a service's own. Implementations are thread-safe.
 */
public interface OfferSource {
    /** A short name for weights, reports and {@link Offer#sources()}, e.g. {@code "cf"}. */
    String name();

    /**
     * Up to {@code n} candidates, best first, none that {@link CustomerView#excluded(String)} rules out
     * (so a filtered list is still n long when the source has enough).
     */
    List<Candidate> propose(CustomerView customer, OfferRequest request, int n);
}
