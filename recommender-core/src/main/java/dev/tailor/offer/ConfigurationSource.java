package dev.tailor.offer;

import dev.tailor.configure.ConfigurableProduct;
import dev.tailor.configure.Configurator;
import dev.tailor.data.Configuration;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The customer's repeat made-to-measure orders: for every configurable product they ordered before the
 * request's as-of time, the {@link Configurator}'s prefilled configuration (their last order, repaired
 * inside the valid option space if the options changed), as an offer of the product with its choices.
 * Products ordered more often and more recently come first. The ownership rule does not apply.
 */
final class ConfigurationSource implements OfferSource {
    private final Map<String, Product> products;
    private final Map<String, List<Configuration>> ordersByCustomer;

    private record Product(ConfigurableProduct labels, Configurator configurator) {
    }

    private ConfigurationSource(Map<String, Product> products, Map<String, List<Configuration>> ordersByCustomer) {
        this.products = products;
        this.ordersByCustomer = ordersByCustomer;
    }

    /** Starts a source over these configuration orders (those without a customer are ignored). */
    public static Builder builder(List<Configuration> orders) {
        return new Builder(orders);
    }

    @Override
    public String name() {
        return "configuration";
    }

    @Override
    public List<Candidate> propose(CustomerView customer, OfferRequest request, int n) {
        List<Configuration> mine = ordersByCustomer.getOrDefault(customer.id(), List.of());
        Map<String, List<Configuration>> byProduct = new LinkedHashMap<>();
        for (Configuration order : mine) {
            if (order.time() == null || !order.time().isAfter(request.asOf())) {
                byProduct.computeIfAbsent(order.product(), p -> new ArrayList<>()).add(order);
            }
        }
        List<Candidate> out = new ArrayList<>();
        byProduct.forEach((name, orders) -> {
            Product product = products.get(name);
            if (product == null || customer.excludedIgnoringOwnership(name)) {
                return;
            }
            List<int[]> coded = new ArrayList<>();
            for (Configuration order : orders) {
                coded.add(code(product.labels(), order));
            }
            coded.removeIf(row -> Arrays.stream(row).anyMatch(v -> v == ConfigurableProduct.UNSET));
            if (coded.isEmpty()) {
                return;
            }
            Optional<int[]> prefilled = product.configurator().prefill(coded);
            if (prefilled.isEmpty()) {
                return;
            }
            Map<String, String> choices = new LinkedHashMap<>();
            StringBuilder words = new StringBuilder();
            for (int v = 0; v < prefilled.get().length; v++) {
                String variable = product.labels().variables().get(v);
                String value = product.labels().label(v, prefilled.get()[v]);
                choices.put(variable, value);
                words.append(v > 0 ? ", " : "").append(variable).append(' ').append(value);
            }
            Configuration last = orders.get(orders.size() - 1);
            String when = last.time() == null ? "" : " on " + LocalDate.ofInstant(last.time(), ZoneOffset.UTC);
            boolean unchanged = Arrays.equals(prefilled.get(), coded.get(coded.size() - 1));
            String text = "your usual " + name + " (" + words + ")" + (unchanged ? ", as you ordered it" + when
                    : ", your last order" + when + " brought inside today's options") + "; ordered " + orders.size()
                    + (orders.size() == 1 ? " time" : " times");
            // More orders and a more recent last order rank first.
            double score = orders.size() + (last.time() == null ? 0 : last.time().getEpochSecond() / 1e12);
            out.add(new Candidate(name, score, List.of(new Reason(Reason.Kind.REPEAT_CONFIGURATION, List.of(name), text,
                    Map.of("orders", (double) orders.size()))),
                    Optional.of(new Configuration(customer.id(), name, request.asOf(), choices))));
        });
        return Candidate.best(out, n);
    }

    void writeTo(DataOutputStream out) throws IOException {
        List<String> names = new ArrayList<>(new TreeSet<>(products.keySet()));
        out.writeInt(names.size());
        for (String name : names) {
            Product product = products.get(name);
            product.labels().writeTo(out);
            product.configurator().writeTo(out);
        }
        List<String> customers = new ArrayList<>(new TreeSet<>(ordersByCustomer.keySet()));
        out.writeInt(customers.size());
        for (String customer : customers) {
            List<Configuration> orders = ordersByCustomer.get(customer);
            out.writeUTF(customer);
            out.writeInt(orders.size());
            for (Configuration order : orders) {
                out.writeUTF(order.product());
                out.writeBoolean(order.time() != null);
                out.writeLong(order.time() == null ? 0 : order.time().getEpochSecond());
                out.writeInt(order.choices().size());
                for (Map.Entry<String, String> choice : order.choices().entrySet()) {
                    out.writeUTF(choice.getKey());
                    out.writeUTF(choice.getValue());
                }
            }
        }
    }

    static ConfigurationSource readFrom(DataInputStream in) throws IOException {
        int productCount = in.readInt();
        if (productCount < 1 || productCount > in.available() / 8) {
            throw new IOException("configuration: " + productCount + " products do not fit the bytes left");
        }
        Builder builder = new Builder(List.of());
        for (int p = 0; p < productCount; p++) {
            ConfigurableProduct labels = ConfigurableProduct.readFrom(in);
            Configurator configurator = Configurator.readFrom(in);
            try {
                builder.product(labels, configurator);
            } catch (IllegalArgumentException e) {
                throw new IOException("configuration: " + e.getMessage(), e);
            }
        }
        int customers = in.readInt();
        if (customers < 0 || customers > in.available() / 6) {
            throw new IOException("configuration: " + customers + " customers do not fit the bytes left");
        }
        Map<String, List<Configuration>> byCustomer = new HashMap<>();
        for (int c = 0; c < customers; c++) {
            String customer = in.readUTF();
            int count = in.readInt();
            if (count < 1 || count > in.available() / 15) {
                throw new IOException("configuration: " + count + " orders do not fit the bytes left");
            }
            List<Configuration> orders = new ArrayList<>(count);
            for (int o = 0; o < count; o++) {
                String product = in.readUTF();
                boolean timed = in.readBoolean();
                long second = in.readLong();
                int choices = in.readInt();
                if (choices < 0 || choices > in.available() / 4) {
                    throw new IOException("configuration: " + choices + " choices do not fit the bytes left");
                }
                Map<String, String> chosen = new LinkedHashMap<>();
                for (int k = 0; k < choices; k++) {
                    chosen.put(in.readUTF(), in.readUTF());
                }
                try {
                    orders.add(new Configuration(customer, product, timed ? Instant.ofEpochSecond(second) : null, chosen));
                } catch (RuntimeException e) {
                    throw new IOException("configuration: order " + o + " of a customer: " + e.getMessage(), e);
                }
            }
            byCustomer.put(customer, List.copyOf(orders));
        }
        return new ConfigurationSource(Map.copyOf(builder.products), byCustomer);
    }

    private static int[] code(ConfigurableProduct labels, Configuration order) {
        int[] row = new int[labels.size()];
        for (int v = 0; v < row.length; v++) {
            String value = order.choices().get(labels.variables().get(v));
            row[v] = value == null ? ConfigurableProduct.UNSET : labels.valueOf(v, value);
        }
        return row;
    }

    /** Adds products to a configuration source. */
    public static final class Builder {
        private final List<Configuration> orders;
        private final Map<String, Product> products = new HashMap<>();

        private Builder(List<Configuration> orders) {
            this.orders = List.copyOf(orders);
        }

        /** A product, with its labels (variables and value names) and its configurator. */
        public Builder product(ConfigurableProduct labels, Configurator configurator) {
            Objects.requireNonNull(labels, "labels");
            Objects.requireNonNull(configurator, "configurator");
            if (!labels.variables().equals(configurator.variables())) {
                throw new IllegalArgumentException("product '" + labels.name() + "': the configurator's variables "
                        + configurator.variables() + " differ from the product's " + labels.variables());
            }
            products.put(labels.name(), new Product(labels, configurator));
            return this;
        }

        /** The source. @throws IllegalArgumentException if no product was added */
        public ConfigurationSource build() {
            if (products.isEmpty()) {
                throw new IllegalArgumentException("a configuration source needs at least one product");
            }
            Map<String, List<Configuration>> byCustomer = new HashMap<>();
            List<Configuration> sorted = new ArrayList<>(orders);
            sorted.sort(Comparator.comparing(c -> c.time() == null ? Instant.MIN : c.time()));
            for (Configuration order : sorted) {
                if (order.hasCustomer()) {
                    byCustomer.computeIfAbsent(order.customer(), c -> new ArrayList<>()).add(order);
                }
            }
            return new ConfigurationSource(Map.copyOf(products), byCustomer);
        }
    }
}
