/**
 * Individual offers, the last stage of events → matrix → models → offers: one call,
 * {@link dev.tailor.offer.Offers#offers}, blends every signal Tailor learns — collaborative filtering,
 * replenishment cycles, made-to-measure repeat orders, basket associations, the customer's wish list,
 * what is trending in a segment and content neighbours for new items — under business rules, with the size
 * to send and reasons a front end can show.
 *
 * <p>Each {@link dev.tailor.offer.OfferSource} proposes {@link dev.tailor.offer.Candidate}s in its own order;
 * the blender puts them on one scale by rank (weighted reciprocal-rank fusion, Cormack, Clarke and
 * Büttcher, SIGIR 2009), so scores of different kinds never have to be compared; the rules then shape the
 * list (see {@link dev.tailor.offer.Offers}).
 */
package dev.tailor.offer;
