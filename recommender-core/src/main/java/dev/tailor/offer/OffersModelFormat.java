package dev.tailor.offer;

import dev.tailor.data.EventLog;
import dev.tailor.fit.FitModel;
import dev.tailor.io.AbstractModelFormat;
import dev.tailor.io.ModelRegistry;
import dev.tailor.recommend.Recommender;
import dev.tailor.replenish.ReplenishmentModel;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The registered file format of {@link OffersModel} ({@code "tailor.offers-model"}): the cut-off, the offer
 * settings, the fit model, the shop snapshot, then each source by kind — its models as parts in their own formats.
 */
final class OffersModelFormat extends AbstractModelFormat<OffersModel> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OffersModelFormat.class);
    static final String FORMAT = "tailor.offers-model";
    /**
     * Version 2: the forecast and affinity sources share one take history in the file when they share it in memory.
     * Version 3: the content source's catalog is not written again when it is the shop's. Older versions still read.
     */
    static final int VERSION = 3;

    /** Instantiated by {@link dev.tailor.io.ModelRegistry}, which lists the core's formats. */
    OffersModelFormat() {
        super(FORMAT, VERSION, OffersModel.class, OffersModelFormat::writeModel, OffersModelFormat::readModel);
    }

    /** The kinds of source a file holds, by tag. */
    private static String tagOf(OfferSource source) {
        if (source instanceof CollaborativeSource) {
            return "collaborative";
        } else if (source instanceof ReplenishmentSource) {
            return "replenishment";
        } else if (source instanceof ConfigurationSource) {
            return "configuration";
        } else if (source instanceof BasketSource) {
            return "basket";
        } else if (source instanceof WishListSource) {
            return "wish-list";
        } else if (source instanceof TrendingSource) {
            return "trending";
        } else if (source instanceof ContentSource) {
            return "content";
        } else if (source instanceof DemandForecast) {
            return "forecast";
        } else if (source instanceof AffinitySource) {
            return "affinity";
        }
        return null;
    }

    /** @throws IllegalArgumentException if the source is not one of the built-in kinds a file can hold */
    static void requireSavable(OfferSource source) {
        if (tagOf(source) == null) {
            throw new IllegalArgumentException("source '" + source.name() + "' (" + source.getClass().getName() + ") cannot "
                    + "go into an offers model: only the built-in sources have a file format; add it to LiveOffers or "
                    + "Offers at run time instead");
        }
    }

    private static void writeModel(OffersModel model, DataOutputStream out) throws IOException {
        Offers offers = model.offers();
        Offers.Settings settings = offers.settings();
        long cut = model.trainedUntil().getEpochSecond();
        out.writeLong(cut);
        out.writeLong(settings.rentalWindow.getSeconds());
        out.writeBoolean(settings.purchaseWindow != null);
        out.writeLong(settings.purchaseWindow == null ? 0 : settings.purchaseWindow.getSeconds());
        out.writeInt(settings.blocked.size());
        for (String item : new TreeSet<>(settings.blocked)) {
            out.writeUTF(item);
        }
        out.writeInt(offers.fusionDepth());
        out.writeDouble(offers.diversity());
        out.writeInt(offers.categoryCap());
        out.writeBoolean(settings.fitModel != null);
        if (settings.fitModel != null) {
            ModelRegistry.writePart(settings.fitModel, out);
        }
        int before = out.size();
        offers.shop().writeTo(out);
        LOG.debug("offers model: fit model and settings {} bytes, shop {} bytes", before, out.size() - before);
        Map<OfferSource, Double> weights = offers.sourceWeights();
        out.writeInt(weights.size());
        TakeHistory writtenHistory = null;
        for (Map.Entry<OfferSource, Double> entry : weights.entrySet()) {
            OfferSource source = entry.getKey();
            String tag = tagOf(source);
            before = out.size();
            out.writeUTF(tag);
            out.writeUTF(source.name());
            out.writeDouble(entry.getValue());
            switch (tag) {
                case "collaborative" -> ModelRegistry.writePart(((CollaborativeSource) source).model(), out);
                case "replenishment" -> {
                    ReplenishmentSource replenishment = (ReplenishmentSource) source;
                    ModelRegistry.writePart(replenishment.model(), out);
                    out.writeLong(replenishment.horizon().getSeconds());
                    out.writeDouble(replenishment.minProbability());
                }
                case "configuration" -> ((ConfigurationSource) source).writeTo(out);
                case "basket" -> ((BasketSource) source).writeTo(out);
                case "wish-list" -> {
                    out.writeLong(((WishListSource) source).window().getSeconds());
                    out.writeInt(((WishListSource) source).minViews());
                }
                // Only what an answer as of the cut-off or later counts: the takes of the window before its hour.
                case "trending" -> ((TrendingSource) source).from(cut).writeTo(out);
                case "content" -> ((ContentSource) source).writeTo(out, offers.shop().catalog);
                case "forecast" -> {
                    writtenHistory = writeHistory(((DemandForecast) source).history(), writtenHistory, out);
                    ((DemandForecast) source).writeTo(out);
                }
                case "affinity" -> {
                    writtenHistory = writeHistory(((AffinitySource) source).history(), writtenHistory, out);
                    ((AffinitySource) source).writeTo(out);
                }
                default -> throw new IllegalStateException("no writer for source kind " + tag);
            }
            LOG.debug("offers model: source {} {} bytes", source.name(), out.size() - before);
        }
    }

    /** Writes a learned source's take history, or that it is the one written last; returns what was written last. */
    private static TakeHistory writeHistory(TakeHistory history, TakeHistory writtenLast, DataOutputStream out) throws IOException {
        boolean again = history == writtenLast;
        out.writeBoolean(again);
        if (!again) {
            history.writeTo(out);
        }
        return history;
    }

    /** Reads a learned source's take history, or takes the one read last when the file says it is that one. */
    private static TakeHistory readHistory(DataInputStream in, int version, List<TakeHistory> read) throws IOException {
        if (version >= 2 && in.readBoolean()) {
            if (read.isEmpty()) {
                throw new IOException("offers model: a learned source shares the take history of an earlier one, but none came before");
            }
            return read.get(read.size() - 1);
        }
        TakeHistory history = TakeHistory.readFrom(in);
        read.add(history);
        return history;
    }

    private static OffersModel readModel(DataInputStream in, int version) throws IOException {
        long cut = in.readLong();
        if (cut < EventLog.MIN_EPOCH_SECOND || cut > EventLog.MAX_EPOCH_SECOND) {
            throw new IOException("offers model: cut-off " + cut + " is outside the years 1 to 9999");
        }
        Duration rentalWindow = Duration.ofSeconds(in.readLong());
        boolean hasPurchaseWindow = in.readBoolean();
        Duration purchaseWindow = Duration.ofSeconds(in.readLong());
        if (rentalWindow.isNegative() || purchaseWindow.isNegative()) {
            throw new IOException("offers model: a negative rental or purchase window");
        }
        int blockedCount = in.readInt();
        if (blockedCount < 0 || blockedCount > in.available() / 2) {
            throw new IOException("offers model: " + blockedCount + " blocked items do not fit the bytes left");
        }
        Set<String> blocked = new HashSet<>();
        for (int i = 0; i < blockedCount; i++) {
            blocked.add(in.readUTF());
        }
        int fusionDepth = in.readInt();
        double diversity = in.readDouble();
        int categoryCap = in.readInt();
        if (fusionDepth < 0 || !(diversity >= 0 && diversity <= 1) || categoryCap < 1) {
            throw new IOException("offers model: fusion depth " + fusionDepth + ", diversity " + diversity
                    + " or category cap " + categoryCap + " out of range");
        }
        FitModel fitModel = null;
        if (in.readBoolean()) {
            fitModel = ModelRegistry.readPart(in, FitModel.class);
            if (!fitModel.monotoneInSize()) {
                throw new IOException("offers model: its fit model is not monotone in size, so it gives no size advice");
            }
        }
        Shop shop = Shop.readFrom(in);
        int sourceCount = in.readInt();
        if (sourceCount < 1 || sourceCount > 64) {
            throw new IOException("offers model: " + sourceCount + " sources (1 to 64 expected)");
        }
        Map<OfferSource, Double> weights = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        List<TakeHistory> histories = new ArrayList<>();
        boolean positive = false;
        for (int i = 0; i < sourceCount; i++) {
            String tag = in.readUTF();
            String name = in.readUTF();
            double weight = in.readDouble();
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IOException("offers model: source '" + name + "' has weight " + weight);
            }
            positive |= weight > 0;
            OfferSource source = switch (tag) {
                case "collaborative" -> CollaborativeSource.named(name, ModelRegistry.readPart(in, Recommender.class));
                case "replenishment" -> {
                    ReplenishmentModel replenishment = ModelRegistry.readPart(in, ReplenishmentModel.class);
                    long horizon = in.readLong();
                    double minProbability = in.readDouble();
                    try {
                        yield ReplenishmentSource.of(replenishment, Duration.ofSeconds(horizon), minProbability);
                    } catch (IllegalArgumentException e) {
                        throw new IOException("offers model: replenishment: " + e.getMessage(), e);
                    }
                }
                case "configuration" -> ConfigurationSource.readFrom(in);
                case "basket" -> BasketSource.readFrom(in);
                case "wish-list" -> {
                    long window = in.readLong();
                    int minViews = in.readInt();
                    try {
                        yield WishListSource.of(Duration.ofSeconds(window), minViews);
                    } catch (IllegalArgumentException e) {
                        throw new IOException("offers model: wish list: " + e.getMessage(), e);
                    }
                }
                case "trending" -> TrendingSource.readFrom(in);
                case "content" -> ContentSource.readFrom(in, version, shop);
                case "forecast" -> DemandForecast.readFrom(in, readHistory(in, version, histories));
                case "affinity" -> AffinitySource.readFrom(in, readHistory(in, version, histories));
                default -> throw new IOException("offers model: source '" + name + "' of unknown kind '" + tag + "'");
            };
            if (!source.name().equals(name) || names.contains(name)) {
                throw new IOException("offers model: source '" + name + "' is repeated or does not match its kind '" + tag + "'");
            }
            names.add(name);
            weights.put(source, weight);
        }
        if (!positive) {
            throw new IOException("offers model: no source has a positive weight");
        }
        Offers.Settings settings = new Offers.Settings(rentalWindow, hasPurchaseWindow ? purchaseWindow : null, Set.copyOf(blocked),
                List.of(), fitModel);
        Offers offers = new Offers(shop, weights, settings, fusionDepth, diversity, categoryCap, null, 0);
        return new OffersModel(offers, Instant.ofEpochSecond(cut));
    }
}
