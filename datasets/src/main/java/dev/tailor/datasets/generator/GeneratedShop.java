package dev.tailor.datasets.generator;

import dev.tailor.data.Catalog;
import dev.tailor.data.CatalogItem;
import dev.tailor.data.Configuration;
import dev.tailor.data.EventLog;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A generated shop: its events, catalog, made-to-measure orders and ground truth.
 *
 * @param events all events, grouped by customer and in time order within a customer
 * @param catalog every item, including the made-to-measure shirt
 * @param configurations made-to-measure shirt orders, in customer then time order
 * @param truth what the generator drew
 */
public record GeneratedShop(EventLog events, Catalog catalog, List<Configuration> configurations, GroundTruth truth) {

    /** Copies the list. */
    public GeneratedShop {
        configurations = List.copyOf(configurations);
    }

    /**
     * Writes {@code events.csv}, {@code catalog.csv}, {@code configurations.csv} and
     * {@code truth_cycles.csv} into a folder (created if needed). {@link ShopFiles} reads them back.
     */
    public void writeCsv(Path folder) throws IOException {
        Files.createDirectories(folder);
        try (BufferedWriter out = Files.newBufferedWriter(folder.resolve(ShopFiles.EVENTS), StandardCharsets.UTF_8)) {
            out.write("customer,item,time,kind,quantity,amount,rating,fit,size\n");
            StringBuilder line = new StringBuilder(96);
            for (int e = 0; e < events.size(); e++) {
                line.setLength(0);
                line.append(events.customers().externalId(events.customer(e))).append(',')
                        .append(events.items().externalId(events.item(e))).append(',')
                        .append(Instant.ofEpochSecond(events.epochSecond(e))).append(',')
                        .append(events.kind(e).name()).append(',')
                        .append(events.quantity(e)).append(',')
                        .append(String.format(Locale.ROOT, "%.2f", events.amount(e))).append(',');
                float rating = events.rating(e);
                if (!Float.isNaN(rating)) {
                    line.append((int) rating);
                }
                line.append(',');
                if (events.fit(e) != dev.tailor.data.FitFeedback.NONE) {
                    line.append(events.fit(e).name());
                }
                line.append(',');
                if (events.sizeLabel(e) != null) {
                    line.append(events.sizeLabel(e));
                }
                line.append('\n');
                out.append(line);
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(folder.resolve(ShopFiles.CATALOG), StandardCharsets.UTF_8)) {
            out.write("item,category,price,sizes_in_stock,colour\n");
            for (int i = 0; i < catalog.items().size(); i++) {
                if (!catalog.has(i)) {
                    continue;
                }
                CatalogItem item = catalog.get(i);
                out.write(item.id() + "," + item.category() + "," + String.format(Locale.ROOT, "%.2f", item.price()) + ","
                        + String.join(";", new TreeSet<>(item.sizesInStock())) + ","
                        + item.attributes().getOrDefault("colour", "") + "\n");
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(folder.resolve(ShopFiles.CONFIGURATIONS), StandardCharsets.UTF_8)) {
            out.write("customer,product,time," + String.join(",", ShirtOptions.DOMAINS.keySet()) + "\n");
            for (Configuration c : configurations) {
                StringBuilder line = new StringBuilder().append(c.customer()).append(',').append(c.product()).append(',')
                        .append(c.time());
                for (String attribute : ShirtOptions.DOMAINS.keySet()) {
                    line.append(',').append(c.choices().get(attribute));
                }
                out.write(line.append('\n').toString());
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(folder.resolve(ShopFiles.TRUTH_CYCLES), StandardCharsets.UTF_8)) {
            out.write("customer,category,true_cycle_days\n");
            for (int c = 0; c < truth.cycleDays().length; c++) {
                for (int k = 0; k < truth.consumableCategories().size(); k++) {
                    double days = truth.cycleDays()[c][k];
                    if (!Double.isNaN(days)) {
                        out.write(events.customers().externalId(c) + "," + truth.consumableCategories().get(k) + ","
                                + String.format(Locale.ROOT, "%.1f", days) + "\n");
                    }
                }
            }
        }
    }

    /** Customers who ordered a made-to-measure shirt, with their favourites. */
    public Map<Integer, Map<String, String>> shirtCustomers() {
        return truth.shirtFavorites();
    }
}
