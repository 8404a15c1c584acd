package dev.tailor.offer;

import dev.tailor.concurrent.Workers;
import dev.tailor.data.Event;
import dev.tailor.data.IdIndex;
import dev.tailor.data.TrainedModel;
import dev.tailor.io.ModelRegistry;
import dev.tailor.progress.ProgressListener;
import dev.tailor.replenish.ReplenishmentModel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Everything individual offers need to answer for any customer, in one object that saves to one file: each
 * source's model (the collaborative engine, replenishment cycles, basket associations, configurators, trends,
 * content neighbours, the wish list's settings), the blend weights and re-ranking, the fit model that chooses
 * sizes, the catalog (items, categories, prices, sizes in stock, attributes), every customer's events up to the
 * training cut-off (what the rules and sources read: what they own, their usual sizes, fit feedback, carts), and
 * frozen id indexes. A data scientist trains it ({@link OfferTraining}, or the Spark job) and saves it; a service
 * loads it ({@link #load}) and answers — through {@link LiveOffers} for live events, a cache and hot swaps — without
 * the event log.
 *
 * <p>The file ({@code "tailor.offers-model"}) is written atomically with a checksum like every Tailor file; the
 * models inside keep their own formats as parts ({@link ModelRegistry#writePart}), so a newer engine format is
 * read by the same code that reads it alone. Rules and a customer-value estimate are code, not data: a service
 * adds them after loading ({@link LiveOffers.Builder#rule}).
 *
 * <p>A model answers as of its cut-off ({@link #trainedUntil()}) or later; its trend snapshot keeps only what such
 * answers count.
 *
 * <p>Thread-safety: immutable; any number of threads may ask at once.
 */
public final class OffersModel implements TrainedModel {
    private final Offers offers;
    private final Instant trainedUntil;

    OffersModel(Offers offers, Instant trainedUntil) {
        this.offers = Objects.requireNonNull(offers, "offers");
        this.trainedUntil = Objects.requireNonNull(trainedUntil, "trainedUntil");
        for (OfferSource source : offers.sourceWeights().keySet()) {
            OffersModelFormat.requireSavable(source);
        }
    }

    /**
     * Loads a model saved by {@link #save}.
     *
     * @throws dev.tailor.io.ModelFileException naming the file if it is missing, not an offers model, of a newer
     *     version, damaged or inconsistent
     */
    public static OffersModel load(Path file) throws IOException {
        return ModelRegistry.load(file, OffersModel.class);
    }

    @Override
    public String name() {
        return "offers";
    }

    /** The customers whose events the model holds (frozen); anyone else gets cold-start offers. */
    @Override
    public IdIndex customers() {
        return offers.shop().customers;
    }

    /** The items of the catalog and the events (frozen). */
    @Override
    public IdIndex items() {
        return offers.shop().items;
    }

    /** The time of the last event the model was trained on: events recorded after it are the live delta. */
    public Instant trainedUntil() {
        return trainedUntil;
    }

    /** The sources and their blend weights, in blend order. */
    public Map<String, Double> weights() {
        return offers.weights();
    }

    /**
     * Up to {@code request.n()} offers for the customer, best first (see {@link Offers#offers(String, OfferRequest)}).
     *
     * @throws IllegalArgumentException if the request is as of before {@link #trainedUntil()}
     */
    public List<Offer> offers(String customer, OfferRequest request) {
        return offers(customer, request, List.of());
    }

    /**
     * Offers for a customer who has done more since training: the recorded events count as if they were in the
     * training data (see {@link Offers#offers(String, OfferRequest, List)}).
     *
     * @throws IllegalArgumentException if the request is as of before {@link #trainedUntil()}, or a recorded event
     *     is another customer's
     */
    public List<Offer> offers(String customer, OfferRequest request, List<Event> recordedSince) {
        requireAnswerable(request);
        return offers.offers(customer, request, recordedSince);
    }

    /**
     * Every listed customer's offers for the nightly job (see
     * {@link Offers#offersForAll(List, OfferRequest, Workers, ProgressListener, BiConsumer)}).
     *
     * @throws IllegalArgumentException if the request is as of before {@link #trainedUntil()}
     */
    public long offersForAll(List<String> customers, OfferRequest request, Workers workers, ProgressListener progress,
            BiConsumer<String, List<Offer>> sink) {
        requireAnswerable(request);
        return offers.offersForAll(customers, request, workers, progress, sink);
    }

    private void requireAnswerable(OfferRequest request) {
        Objects.requireNonNull(request, "request");
        if (request.asOf().isBefore(trainedUntil)) {
            throw new IllegalArgumentException("the request is as of " + request.asOf() + ", before the model's cut-off "
                    + trainedUntil + "; a model answers as of its cut-off or later");
        }
    }

    /**
     * The replenishment cycles the model's replenishment source offers from (for reminders from the same file), when
     * the model has that source.
     */
    public Optional<ReplenishmentModel> replenishment() {
        return offers.replenishment();
    }

    /** The offers behind the model (for {@link LiveOffers} and the file format). */
    Offers offers() {
        return offers;
    }

    @Override
    public String toString() {
        return "OffersModel[" + customers().size() + " customers, " + items().size() + " items, sources " + weights().keySet()
                + ", trained until " + trainedUntil + "]";
    }
}
