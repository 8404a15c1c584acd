package dev.tailor.offer;

import dev.tailor.data.CatalogItem;
import dev.tailor.data.Event;
import dev.tailor.data.EventKind;
import dev.tailor.data.FitFeedback;
import dev.tailor.data.IdIndex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One customer as the sources see them during one request: their events up to the request's as-of time,
 * oldest first, what they own, their usual sizes, and which items the rules rule out. Made by
 * {@link Offers} per request.
 *
 * <p>The built-in rules, in order: the request's category and price band; not what the customer bought
 * (and did not return for a bad fit) within the purchase window (default: ever) or rented within the rental
 * window; not blocked; available in the customer's usual
 * size of the category when the item has sizes in stock and no fit model chooses sizes; then the caller's
 * {@link OfferRule}s.
 *
 * <p>Thread-safety: used by the thread of its request only (the sources are asked one after another).
 */
public final class CustomerView {
    private final Shop shop;
    private final String id;
    private final OfferRequest request;
    private final Offers.Settings settings;
    /** The customer's events up to the as-of time, oldest first: the log's, then those recorded since. */
    private final String[] items;
    private final EventKind[] kinds;
    private final long[] seconds;
    private final String[] sizes;
    private final FitFeedback[] fits;
    /** Whether the i-th event is one of {@link #recorded}. */
    private final boolean[] recordedAt;
    private final List<Event> recorded;
    /** Owned items by external id (they need not be in the shop's index: an item recorded live may be new). */
    private final Set<String> owned = new HashSet<>();
    private final Map<Integer, String> usualSizeByCategory = new HashMap<>();
    private final int requestedCategory;
    /** The shop's dense ids of {@link #owned} (those the shop knows), sorted. */
    private final int[] ownedInShop;
    /**
     * Per category, the {@link Shop#stockSizeNumber} of the customer's usual size there, {@link #NO_USUAL_SIZE}, or
     * {@link #NEVER_STOCKED}; only when no fit model chooses sizes (else the rule does not apply).
     */
    private final int[] usualStockSize;
    private static final int NO_USUAL_SIZE = -1;
    private static final int NEVER_STOCKED = -2;
    private final boolean hasMinPrice;
    private final boolean hasMaxPrice;
    private final double minPrice;
    private final double maxPrice;
    /** {@link #fitFeedbackSince()}, made at the first call: a request asks once per offer. */
    private List<Event> fitFeedback;

    CustomerView(Shop shop, String id, OfferRequest request, Offers.Settings settings, List<Event> recorded) {
        this.shop = shop;
        this.id = id;
        this.request = request;
        this.settings = settings;
        long asOf = request.asOf().getEpochSecond();
        int customer = shop.customers.find(id);
        int from = shop.begin(customer);
        int to = from;
        while (to < shop.end(customer) && shop.second(to) <= asOf) {
            to++;
        }
        List<Event> since = new ArrayList<>();
        for (Event event : recorded) {
            if (event.time().getEpochSecond() <= asOf) {
                since.add(event);
            }
        }
        // Stable by time: the recorded events in the order they came, after the shop's events of the same second —
        // the order a log with the recorded events appended would give.
        since.sort(Comparator.comparing(Event::time));
        this.recorded = List.copyOf(since);
        int count = to - from + since.size();
        items = new String[count];
        kinds = new EventKind[count];
        seconds = new long[count];
        sizes = new String[count];
        fits = new FitFeedback[count];
        recordedAt = new boolean[count];
        int i = 0;
        int j = 0;
        for (int e = from; e < to || j < since.size(); i++) {
            if (j < since.size() && (e >= to || since.get(j).time().getEpochSecond() < shop.second(e))) {
                Event event = since.get(j++);
                items[i] = event.item();
                kinds[i] = event.kind();
                seconds[i] = event.time().getEpochSecond();
                sizes[i] = event.size();
                fits[i] = event.fit();
                recordedAt[i] = true;
            } else {
                items[i] = shop.items.externalId(shop.item(e));
                kinds[i] = shop.kind(e);
                seconds[i] = shop.second(e);
                sizes[i] = shop.sizeLabel(e);
                fits[i] = shop.fit(e);
                e++;
            }
        }
        long rentalSince = asOf - settings.rentalWindow.getSeconds();
        long purchaseSince = settings.purchaseWindow == null ? Long.MIN_VALUE : asOf - settings.purchaseWindow.getSeconds();
        Map<Integer, Map<String, Integer>> sizeCounts = new HashMap<>();
        for (int k = 0; k < count; k++) {
            EventKind kind = kinds[k];
            if (kind == EventKind.PURCHASE && seconds[k] >= purchaseSince || kind == EventKind.RENT && seconds[k] >= rentalSince) {
                owned.add(items[k]);
            } else if (kind == EventKind.RETURN && fits[k].isBadFit()) {
                owned.remove(items[k]);
            }
            if (sizes[k] != null && Shop.isTaking(kind)) {
                sizeCounts.computeIfAbsent(shop.catalog.category(shop.items.find(items[k])), c -> new HashMap<>())
                        .merge(sizes[k], 1, Integer::sum);
            }
        }
        // The most frequent size; among equally frequent ones the first in label order, so answers repeat.
        sizeCounts.forEach((category, counts) -> usualSizeByCategory.put(category, counts.entrySet().stream()
                .min((x, y) -> x.getValue().equals(y.getValue()) ? x.getKey().compareTo(y.getKey())
                        : Integer.compare(y.getValue(), x.getValue())).orElseThrow().getKey()));
        this.requestedCategory = request.category().map(shop.catalog::categoryId).orElse(-1);
        ownedInShop = owned.stream().mapToInt(shop.items::find).filter(dense -> dense >= 0).sorted().toArray();
        usualStockSize = new int[shop.catalog.categoryCount()];
        Arrays.fill(usualStockSize, NO_USUAL_SIZE);
        if (settings.fitModel == null) {
            usualSizeByCategory.forEach((category, label) -> {
                if (category >= 0) {
                    int number = shop.stockSizeNumber(label);
                    usualStockSize[category] = number >= 0 ? number : NEVER_STOCKED;
                }
            });
        }
        hasMinPrice = request.minPrice().isPresent();
        hasMaxPrice = request.maxPrice().isPresent();
        minPrice = request.minPrice().orElse(Double.NEGATIVE_INFINITY);
        maxPrice = request.maxPrice().orElse(Double.POSITIVE_INFINITY);
    }

    /** The customer's external id. */
    public String id() {
        return id;
    }

    /** Whether the customer has any event (otherwise sources give cold-start answers). */
    public boolean known() {
        return items.length > 0;
    }

    /**
     * The number of the customer's events up to the as-of time: the shop's log, then the events recorded
     * since (see {@link #recorded()}).
     */
    public int eventCount() {
        return items.length;
    }

    /** The item of the customer's i-th event (oldest first). */
    public String item(int i) {
        return items[i];
    }

    /** The kind of the customer's i-th event. */
    public EventKind kind(int i) {
        return kinds[i];
    }

    /** The time of the customer's i-th event. */
    public Instant time(int i) {
        return Instant.ofEpochSecond(seconds[i]);
    }

    /** The size of the customer's i-th event, when it had one. */
    public Optional<String> size(int i) {
        return Optional.ofNullable(sizes[i]);
    }

    /** The fit feedback of the customer's i-th event. */
    public FitFeedback fit(int i) {
        return fits[i];
    }

    /** The customer's events up to the as-of time as values, oldest first (quantities, amounts and ratings are not kept). */
    public List<Event> events() {
        List<Event> all = new ArrayList<>(items.length);
        for (int i = 0; i < items.length; i++) {
            all.add(new Event(id, items[i], Instant.ofEpochSecond(seconds[i]), kinds[i], 1, 0, Double.NaN, fits[i], sizes[i]));
        }
        return all;
    }

    /** The events recorded since the models were trained (not in the shop's log), oldest first. */
    public List<Event> recorded() {
        return recorded;
    }

    /**
     * The recorded events that carry fit feedback, for the fit model's live update: a return marked too small
     * or too large without a size takes the size of the customer's latest rental or purchase of the item
     * before it (that is the size that did not fit); one with no such rental stays without a size.
     */
    List<Event> fitFeedbackSince() {
        if (fitFeedback == null) {
            fitFeedback = fitFeedbackOfRecorded();
        }
        return fitFeedback;
    }

    private List<Event> fitFeedbackOfRecorded() {
        List<Event> feedback = new ArrayList<>();
        int next = 0; // the index in recorded of the next recorded event met in the merged order
        for (int k = 0; k < items.length; k++) {
            if (!recordedAt[k]) {
                continue;
            }
            Event event = recorded.get(next++);
            if (fits[k] == FitFeedback.NONE) {
                continue;
            }
            if (event.size() == null && event.kind() == EventKind.RETURN) {
                for (int i = k - 1; i >= 0; i--) {
                    if (sizes[i] != null && items[i].equals(event.item()) && Shop.isTaking(kinds[i])) {
                        event = new Event(event.customer(), event.item(), event.time(), event.kind(), event.quantity(),
                                event.amount(), event.rating(), event.fit(), sizes[i]);
                        break;
                    }
                }
            }
            feedback.add(event);
        }
        return feedback;
    }

    /** The customer's items with a rental, purchase or wear, most recent first, each once. */
    public List<String> takenItems() {
        List<String> taken = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = items.length - 1; i >= 0; i--) {
            if (Shop.isTaking(kinds[i]) && seen.add(items[i])) {
                taken.add(items[i]);
            }
        }
        return taken;
    }

    /** Whether the customer bought (and kept) the item within the purchase window, or rented it within the rental window. */
    public boolean owns(String item) {
        return owned.contains(item);
    }

    /** The size the customer takes most often in a category, when their events have sizes there. */
    public Optional<String> usualSize(String category) {
        return Optional.ofNullable(usualSizeByCategory.get(shop.catalog.categoryId(category)));
    }

    /** The item's catalog entry, when the catalog describes it. */
    public Optional<CatalogItem> catalogItem(String item) {
        int dense = shop.items.find(item);
        return shop.catalog.has(dense) ? Optional.of(shop.catalog.get(dense)) : Optional.empty();
    }

    /** Whether every rule allows the item: see the class comment. */
    public boolean excluded(String item) {
        return owned.contains(item) || excludedIgnoringOwnership(item, shop.items.find(item));
    }

    /**
     * The rules without the ownership rule: for what a customer is meant to have again (a consumable due
     * for replenishment, a repeat made-to-measure order).
     */
    public boolean excludedIgnoringOwnership(String item) {
        return excludedIgnoringOwnership(item, shop.items.find(item));
    }

    /**
     * {@link #excluded(String)} for the item with dense id {@code id} in another index (a model's, a source's
     * catalog), answered from the shop's arrays: no external id is looked up, which in a scan that asks the rules
     * hundreds of times per request is most of their cost.
     */
    boolean excluded(IdIndex index, int id) {
        int dense = shop.translate(index, id);
        if (dense < 0) {
            return excluded(index.externalId(id));
        }
        return Arrays.binarySearch(ownedInShop, dense) >= 0 || excludedIgnoringOwnership(null, dense);
    }

    /** The rules but ownership, for an item by external id (may be null when dense ≥ 0) and the shop's dense id (or -1). */
    private boolean excludedIgnoringOwnership(String item, int dense) {
        if (!settings.blocked.isEmpty() && settings.blocked.contains(item != null ? item : shop.items.externalId(dense))) {
            return true;
        }
        if (shop.catalog.has(dense)) {
            double price = shop.price(dense);
            if (requestedCategory >= 0 && shop.catalog.category(dense) != requestedCategory
                    || hasMinPrice && !(price >= minPrice) || hasMaxPrice && !(price <= maxPrice)) { // an unknown price is in no band
                return true;
            }
            if (shop.hasSizesInStock(dense)) {
                int usual = usualStockSize[shop.catalog.category(dense)];
                if (usual != NO_USUAL_SIZE && !shop.inStock(dense, usual)) {
                    return true;
                }
            }
        } else if (request.category().isPresent() || hasMinPrice || hasMaxPrice) {
            // An item the catalog does not describe cannot be shown to be in the category or price band.
            return true;
        }
        if (!settings.rules.isEmpty()) {
            String external = item != null ? item : shop.items.externalId(dense);
            for (OfferRule rule : settings.rules) {
                if (rule.excludes(this, request, external)) {
                    return true;
                }
            }
        }
        return false;
    }
}
