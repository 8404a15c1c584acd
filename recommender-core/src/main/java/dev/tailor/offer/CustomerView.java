package dev.tailor.offer;

import dev.tailor.data.CatalogItem;
import dev.tailor.data.Event;
import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
import dev.tailor.data.FitFeedback;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
    private final List<Event> recorded;
    /** Owned items by external id (they need not be in the shop's index: an item recorded live may be new). */
    private final Set<String> owned = new HashSet<>();
    private final Map<Integer, String> usualSizeByCategory = new HashMap<>();
    private final int requestedCategory;
    /** {@link #fitFeedbackSince()}, made at the first call: a request asks once per offer. */
    private List<Event> fitFeedback;

    CustomerView(Shop shop, String id, OfferRequest request, Offers.Settings settings, List<Event> recorded) {
        this.shop = shop;
        this.id = id;
        this.request = request;
        this.settings = settings;
        EventLog log = shop.log;
        long asOf = request.asOf().getEpochSecond();
        int[] all = shop.eventsOf(log.customers().find(id));
        List<Event> since = new ArrayList<>();
        for (Event event : recorded) {
            if (event.time().getEpochSecond() <= asOf) {
                since.add(event);
            }
        }
        since.sort(java.util.Comparator.comparing(Event::time));
        this.recorded = List.copyOf(since);
        int fromLog = 0;
        while (fromLog < all.length && log.epochSecond(all[fromLog]) <= asOf) {
            fromLog++;
        }
        int count = fromLog + since.size();
        items = new String[count];
        kinds = new EventKind[count];
        seconds = new long[count];
        sizes = new String[count];
        for (int i = 0; i < fromLog; i++) {
            int e = all[i];
            items[i] = log.items().externalId(log.item(e));
            kinds[i] = log.kind(e);
            seconds[i] = log.epochSecond(e);
            sizes[i] = log.sizeLabel(e);
        }
        for (int j = 0; j < since.size(); j++) {
            Event event = since.get(j);
            items[fromLog + j] = event.item();
            kinds[fromLog + j] = event.kind();
            seconds[fromLog + j] = event.time().getEpochSecond();
            sizes[fromLog + j] = event.size();
        }
        long rentalSince = asOf - settings.rentalWindow.getSeconds();
        long purchaseSince = settings.purchaseWindow == null ? Long.MIN_VALUE : asOf - settings.purchaseWindow.getSeconds();
        Map<Integer, Map<String, Integer>> sizeCounts = new HashMap<>();
        for (int i = 0; i < count; i++) {
            EventKind kind = kinds[i];
            if (kind == EventKind.PURCHASE && seconds[i] >= purchaseSince || kind == EventKind.RENT && seconds[i] >= rentalSince) {
                owned.add(items[i]);
            } else if (kind == EventKind.RETURN && isBadFitReturn(i, fromLog, all, since)) {
                owned.remove(items[i]);
            }
            if (sizes[i] != null && Shop.isTaking(kind)) {
                sizeCounts.computeIfAbsent(shop.catalog.category(log.items().find(items[i])), k -> new HashMap<>())
                        .merge(sizes[i], 1, Integer::sum);
            }
        }
        // The most frequent size; among equally frequent ones the first in label order, so answers repeat.
        sizeCounts.forEach((category, counts) -> usualSizeByCategory.put(category, counts.entrySet().stream()
                .min((x, y) -> x.getValue().equals(y.getValue()) ? x.getKey().compareTo(y.getKey())
                        : Integer.compare(y.getValue(), x.getValue())).orElseThrow().getKey()));
        this.requestedCategory = request.category().map(shop.catalog::categoryId).orElse(-1);
    }

    private boolean isBadFitReturn(int i, int fromLog, int[] all, List<Event> since) {
        return i < fromLog ? shop.log.fit(all[i]).isBadFit() : since.get(i - fromLog).fit().isBadFit();
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
        int fromLog = items.length - recorded.size();
        for (int j = 0; j < recorded.size(); j++) {
            Event event = recorded.get(j);
            if (event.fit() == FitFeedback.NONE) {
                continue;
            }
            if (event.size() == null && event.kind() == EventKind.RETURN) {
                for (int i = fromLog + j - 1; i >= 0; i--) {
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
        int dense = shop.log.items().find(item);
        return shop.catalog.has(dense) ? Optional.of(shop.catalog.get(dense)) : Optional.empty();
    }

    /** Whether every rule allows the item: see the class comment. */
    public boolean excluded(String item) {
        return owned.contains(item) || excludedIgnoringOwnership(item, shop.log.items().find(item));
    }

    /**
     * The rules without the ownership rule: for what a customer is meant to have again (a consumable due
     * for replenishment, a repeat made-to-measure order).
     */
    public boolean excludedIgnoringOwnership(String item) {
        return excludedIgnoringOwnership(item, shop.log.items().find(item));
    }

    private boolean excludedIgnoringOwnership(String item, int dense) {
        if (settings.blocked.contains(item)) {
            return true;
        }
        if (shop.catalog.has(dense)) {
            CatalogItem entry = shop.catalog.get(dense);
            if (requestedCategory >= 0 && shop.catalog.category(dense) != requestedCategory
                    || request.minPrice().isPresent() && entry.price() < request.minPrice().getAsDouble()
                    || request.maxPrice().isPresent() && entry.price() > request.maxPrice().getAsDouble()) {
                return true;
            }
            if (settings.fitModel == null && !entry.sizesInStock().isEmpty()) {
                String usual = usualSizeByCategory.get(shop.catalog.category(dense));
                if (usual != null && !entry.sizesInStock().contains(usual)) {
                    return true;
                }
            }
        } else if (request.category().isPresent() || request.minPrice().isPresent() || request.maxPrice().isPresent()) {
            // An item the catalog does not describe cannot be shown to be in the category or price band.
            return true;
        }
        for (OfferRule rule : settings.rules) {
            if (rule.excludes(this, request, item)) {
                return true;
            }
        }
        return false;
    }
}
