/**
 * Item-neighbourhood engines: each item keeps its top-k most similar items, and a customer's score for an
 * item sums the similarities from the items in their history. {@link dev.tailor.recommend.neighbourhood.ItemKnn}
 * (cosine, Jaccard, log-likelihood ratio, asymmetric cosine) and {@link dev.tailor.recommend.neighbourhood.Rp3Beta}
 * (a random-walk similarity) differ only in how similarities are computed; both compute them as one
 * multithreaded sparse product {@code XᵀX}, never pair by pair.
 */
package dev.tailor.recommend.neighbourhood;
