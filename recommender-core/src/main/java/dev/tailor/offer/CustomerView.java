package dev.tailor.offer;

import dev.tailor.data.CatalogItem;
import dev.tailor.data.EventKind;
import dev.tailor.data.EventLog;
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
 */
public final class CustomerView {
    private final Shop shop;
    private final String id;
    private final int customer;
    private final OfferRequest request;
    private final Offers.Settings settings;
    private final int[] events;
    private final Set<Integer> owned = new HashSet<>();
    private final Map<Integer, String> usualSizeByCategory = new HashMap<>();
    private final int requestedCategory;

    CustomerView(Shop shop, String id, OfferRequest request, Offers.Settings settings) {
        this.shop = shop;
        this.id = id;
        this.customer = shop.log.customers().find(id);
        this.request = request;
        this.settings = settings;
        EventLog log = shop.log;
        long asOf = request.asOf().getEpochSecond();
        int[] all = shop.eventsOf(customer);
        int count = 0;
        while (count < all.length && log.epochSecond(all[count]) <= asOf) {
            count++;
        }
        this.events = Arrays.copyOf(all, count);
        long rentalSince = asOf - settings.rentalWindow.getSeconds();
        long purchaseSince = settings.purchaseWindow == null ? Long.MIN_VALUE : asOf - settings.purchaseWindow.getSeconds();
        Map<Integer, Map<String, Integer>> sizeCounts = new HashMap<>();
        for (int e : events) {
            int item = log.item(e);
            EventKind kind = log.kind(e);
            if (kind == EventKind.PURCHASE && log.epochSecond(e) >= purchaseSince
                    || kind == EventKind.RENT && log.epochSecond(e) >= rentalSince) {
                owned.add(item);
            } else if (kind == EventKind.RETURN && shop.log.fit(e).isBadFit()) {
                owned.remove(item);
            }
            String size = log.sizeLabel(e);
            if (size != null && Shop.isTaking(kind)) {
                sizeCounts.computeIfAbsent(shop.catalog.category(item), k -> new HashMap<>()).merge(size, 1, Integer::sum);
            }
        }
        // The most frequent size; among equally frequent ones the first in label order, so answers repeat.
        sizeCounts.forEach((category, counts) -> usualSizeByCategory.put(category, counts.entrySet().stream()
                .min((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey())
                        : Integer.compare(b.getValue(), a.getValue())).orElseThrow().getKey()));
        this.requestedCategory = request.category().map(shop.catalog::categoryId).orElse(-1);
    }

    /** The customer's external id. */
    public String id() {
        return id;
    }

    /** Whether the shop's log has any event of this customer (otherwise sources give cold-start answers). */
    public boolean known() {
        return events.length > 0;
    }

    /** The number of the customer's events up to the as-of time. */
    public int eventCount() {
        return events.length;
    }

    /** The item of the customer's i-th event (oldest first). */
    public String item(int i) {
        return shop.log.items().externalId(shop.log.item(events[i]));
    }

    /** The kind of the customer's i-th event. */
    public EventKind kind(int i) {
        return shop.log.kind(events[i]);
    }

    /** The time of the customer's i-th event. */
    public Instant time(int i) {
        return Instant.ofEpochSecond(shop.log.epochSecond(events[i]));
    }

    /** The size of the customer's i-th event, when it had one. */
    public Optional<String> size(int i) {
        return Optional.ofNullable(shop.log.sizeLabel(events[i]));
    }

    /** The customer's items with a rental, purchase or wear, most recent first, each once. */
    public List<String> takenItems() {
        List<String> items = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (int i = events.length - 1; i >= 0; i--) {
            int item = shop.log.item(events[i]);
            if (Shop.isTaking(shop.log.kind(events[i])) && seen.add(item)) {
                items.add(shop.log.items().externalId(item));
            }
        }
        return items;
    }

    /** Whether the customer bought (and kept) the item within the purchase window, or rented it within the rental window. */
    public boolean owns(String item) {
        return owned.contains(shop.log.items().find(item));
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
        int dense = shop.log.items().find(item);
        return owned.contains(dense) || excludedIgnoringOwnership(item, dense);
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

    /** The shop's dense id of an item, or -1. */
    int dense(String item) {
        return shop.log.items().find(item);
    }

    Shop shop() {
        return shop;
    }

    int[] events() {
        return events;
    }

    OfferRequest request() {
        return request;
    }
}
