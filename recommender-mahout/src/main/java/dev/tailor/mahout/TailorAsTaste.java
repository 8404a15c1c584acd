package dev.tailor.mahout;

import dev.tailor.data.IdIndex;
import dev.tailor.recommend.Exclusions;
import dev.tailor.recommend.ItemFilter;
import dev.tailor.recommend.RecommendationList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.mahout.cf.taste.common.NoSuchItemException;
import org.apache.mahout.cf.taste.common.NoSuchUserException;
import org.apache.mahout.cf.taste.common.Refreshable;
import org.apache.mahout.cf.taste.common.TasteException;
import org.apache.mahout.cf.taste.impl.recommender.GenericRecommendedItem;
import org.apache.mahout.cf.taste.model.DataModel;
import org.apache.mahout.cf.taste.recommender.IDRescorer;
import org.apache.mahout.cf.taste.recommender.RecommendedItem;
import org.apache.mahout.cf.taste.recommender.Recommender;

/**
 * A Tailor model served behind Taste's {@link Recommender}, so a service running Taste can switch
 * engines without changing its calls.
 *
 * <p>Taste user and item ids are Tailor's external ids read as numbers ({@code Long.toString(id)}).
 * {@link IDRescorer} is honoured: filtered items never appear, and with a rescorer every remaining item is
 * scored and re-ranked by {@code rescore}, as Taste does. Unknown users get Tailor's cold-start answer
 * (most popular items).
 *
 * <p>The model can be replaced while requests run: {@link #swap} is atomic, and {@link #refresh} reloads
 * it from the supplier given at construction (e.g. reading the latest model file). A model always travels
 * with its own id indexes — a retrained model numbers its items differently — and they are copied at
 * the swap, so later changes to the caller's indexes cannot reach the served ones. Thread-safe.
 */
public final class TailorAsTaste implements Recommender {
    private final AtomicReference<Served> served = new AtomicReference<>();
    private final DataModel dataModel;
    private final Supplier<IndexedModel> reload;

    /**
     * A model together with the id indexes it was trained on (what {@link #refresh}'s supplier gives).
     *
     * @param model the Tailor model
     * @param customers the model's customer index (external ids must be numbers)
     * @param items the model's item index, holding at least the model's items (external ids must be numbers)
     */
    public record IndexedModel(dev.tailor.recommend.Recommender model, IdIndex customers, IdIndex items) {
        /** Checks that the pieces are there and fit. */
        public IndexedModel {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(customers, "customers");
            Objects.requireNonNull(items, "items");
            if (items.size() < model.itemCount()) {
                throw new IllegalArgumentException("the item index holds " + items.size() + " ids, the model ranks "
                        + model.itemCount() + " items: they are not the model's own indexes");
            }
        }
    }

    /** A served model together with the id tables it needs. */
    private record Served(dev.tailor.recommend.Recommender model, IdIndex customers, IdIndex items, long[] itemIds) {
    }

    /**
     * Serves a model.
     *
     * @param model the Tailor model
     * @param customers and {@code items}: the model's id indexes (external ids must be numbers)
     * @param dataModel what {@link #getDataModel()} returns and preference changes go to
     * @param reload what {@link #refresh} loads (a model with its own indexes), or null to make refresh a no-op
     * @throws IllegalArgumentException if an item's external id is not a number, or the indexes do not fit the model
     */
    public TailorAsTaste(dev.tailor.recommend.Recommender model, IdIndex customers, IdIndex items, DataModel dataModel,
            Supplier<IndexedModel> reload) {
        this.dataModel = Objects.requireNonNull(dataModel, "dataModel");
        this.reload = reload;
        swap(model, customers, items);
    }

    /**
     * Replaces the served model atomically; requests already running finish on the old one.
     *
     * @param customers and {@code items}: the model's own id indexes (copied)
     * @throws IllegalArgumentException if an item's external id is not a number, or the indexes do not fit
     *     the model; the served model is then left in place
     */
    public void swap(dev.tailor.recommend.Recommender model, IdIndex customers, IdIndex items) {
        IndexedModel checked = new IndexedModel(model, customers, items);
        IdIndex frozenItems = copy(checked.items());
        long[] itemIds = new long[frozenItems.size()];
        for (int i = 0; i < itemIds.length; i++) {
            String external = frozenItems.externalId(i);
            try {
                itemIds[i] = Long.parseLong(external);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("item id '" + external + "' is not a number: Taste needs long ids", e);
            }
        }
        served.set(new Served(model, copy(checked.customers()), frozenItems, itemIds));
    }

    /** Replaces the served model with another and its own indexes; see {@link #swap(dev.tailor.recommend.Recommender, IdIndex, IdIndex)}. */
    public void swap(IndexedModel next) {
        swap(next.model(), next.customers(), next.items());
    }

    private static IdIndex copy(IdIndex index) {
        String[] ids = new String[index.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = index.externalId(i);
        }
        return IdIndex.of(ids);
    }

    @Override
    public List<RecommendedItem> recommend(long userID, int howMany) throws TasteException {
        return recommend(userID, howMany, null, false);
    }

    @Override
    public List<RecommendedItem> recommend(long userID, int howMany, boolean includeKnownItems) throws TasteException {
        return recommend(userID, howMany, null, includeKnownItems);
    }

    @Override
    public List<RecommendedItem> recommend(long userID, int howMany, IDRescorer rescorer) throws TasteException {
        return recommend(userID, howMany, rescorer, false);
    }

    @Override
    public List<RecommendedItem> recommend(long userID, int howMany, IDRescorer rescorer, boolean includeKnownItems)
            throws TasteException {
        if (howMany < 1) {
            throw new IllegalArgumentException("howMany must be at least 1, was " + howMany);
        }
        Served s = served.get();
        int customer = s.customers().find(Long.toString(userID));
        int dense = customer < 0 ? Integer.MAX_VALUE : customer;
        howMany = Math.min(howMany, s.model().itemCount());
        Exclusions exclusions = includeKnownItems ? Exclusions.none() : Exclusions.owned();
        if (rescorer != null) {
            long[] ids = s.itemIds();
            ItemFilter filtered = item -> rescorer.isFiltered(ids[item]);
            exclusions = exclusions.and(filtered);
        }
        int wanted = rescorer == null ? howMany : s.model().itemCount();
        RecommendationList list = s.model().recommend(dense, wanted, exclusions);
        List<RecommendedItem> items = new ArrayList<>(list.size());
        for (int r = 0; r < list.size(); r++) {
            long id = s.itemIds()[list.item(r)];
            double value = rescorer == null ? list.score(r) : rescorer.rescore(id, list.score(r));
            if (!Double.isNaN(value)) {
                items.add(new GenericRecommendedItem(id, (float) value));
            }
        }
        if (rescorer != null) {
            items.sort((a, b) -> Float.compare(b.getValue(), a.getValue()));
        }
        return items.size() > howMany ? new ArrayList<>(items.subList(0, Math.max(0, howMany))) : items;
    }

    /**
     * The model's score of an item for a user (scores every item once; NaN when the model does not rank
     * the item for this user).
     */
    @Override
    public float estimatePreference(long userID, long itemID) throws TasteException {
        Served s = served.get();
        int customer = s.customers().find(Long.toString(userID));
        if (customer < 0) {
            throw new NoSuchUserException(userID);
        }
        int item = s.items().find(Long.toString(itemID));
        if (item < 0) {
            throw new NoSuchItemException(itemID);
        }
        RecommendationList all = s.model().recommend(customer, s.model().itemCount(), Exclusions.none());
        for (int r = 0; r < all.size(); r++) {
            if (all.item(r) == item) {
                return all.score(r);
            }
        }
        return Float.NaN;
    }

    /** Passes the change to the data model; the Tailor model sees it after the next training or reload. */
    @Override
    public void setPreference(long userID, long itemID, float value) throws TasteException {
        dataModel.setPreference(userID, itemID, value);
    }

    /** Passes the change to the data model; the Tailor model sees it after the next training or reload. */
    @Override
    public void removePreference(long userID, long itemID) throws TasteException {
        dataModel.removePreference(userID, itemID);
    }

    @Override
    public DataModel getDataModel() {
        return dataModel;
    }

    /**
     * Refreshes the data model, then swaps in the model the reload supplier gives (if one was given),
     * with that model's own indexes. If the supplier fails, the served model stays and the failure is
     * thrown.
     */
    @Override
    public void refresh(Collection<Refreshable> alreadyRefreshed) {
        dataModel.refresh(alreadyRefreshed);
        if (reload != null) {
            IndexedModel next = Objects.requireNonNull(reload.get(), "the reload supplier returned null");
            swap(next);
        }
    }
}
