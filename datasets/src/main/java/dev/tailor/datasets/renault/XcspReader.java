package dev.tailor.datasets.renault;

import dev.tailor.configure.ConfigurableProduct;
import dev.tailor.configure.TableConstraint;
import dev.tailor.ingest.IngestException;
import dev.tailor.ingest.IngestProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads constraint models in XCSP 2.1 with extensional constraints (the Renault configurator models of the
 * BR4CP benchmarks): {@code <domain>} value lists (single values or {@code a..b} ranges), {@code <variable>}s,
 * {@code <relation>}s whose tuples are separated by {@code |} with {@code supports} or {@code conflicts}
 * semantics, and {@code <constraint>}s referring to a relation over a scope. Uses the JDK's StAX parser.
 * Anything else (intensional predicates, global constraints) is an error naming the file and line.
 */
public final class XcspReader {
    /** The most values one domain may have: configuration options, not number ranges. */
    static final int MAX_DOMAIN_VALUES = 1 << 16;

    /** The most variables one relation may relate. */
    static final int MAX_ARITY = 1 << 10;

    /** The most values one relation's tuples may hold in all. */
    static final long MAX_RELATION_VALUES = 1L << 26;

    private XcspReader() {
    }

    /** Reads a model. @throws IngestException naming the file, line and element at the first problem */
    public static ConfigurableProduct read(Path file) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        String source = file.toString();
        Map<String, int[]> domains = new HashMap<>();
        List<String> variables = new ArrayList<>();
        List<String> variableDomains = new ArrayList<>();
        List<Integer> variableLines = new ArrayList<>();
        Map<String, int[][]> relations = new HashMap<>();
        Map<String, Boolean> relationSupports = new HashMap<>();
        List<String[]> constraints = new ArrayList<>();
        List<Integer> constraintLines = new ArrayList<>();
        String name = file.getFileName().toString();
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            while (xml.hasNext()) {
                if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                int line = xml.getLocation().getLineNumber();
                switch (xml.getLocalName()) {
                    case "presentation" -> {
                        String n = xml.getAttributeValue(null, "name");
                        if (n != null) {
                            name = n;
                        }
                    }
                    case "domain" -> {
                        String domainName = required(xml, "name", source, line);
                        int[] domain = values(xml.getElementText(), source, line, "domain " + domainName, MAX_DOMAIN_VALUES);
                        if (domain.length == 0) {
                            throw problem(source, line, "domain " + domainName, "", "at least one value");
                        }
                        if (domains.put(domainName, domain) != null) {
                            throw problem(source, line, "domain", domainName, "a domain name used once");
                        }
                    }
                    case "variable" -> {
                        variables.add(required(xml, "name", source, line));
                        variableDomains.add(required(xml, "domain", source, line));
                        variableLines.add(line);
                    }
                    case "relation" -> {
                        String relationName = required(xml, "name", source, line);
                        String arityText = required(xml, "arity", source, line);
                        int arity;
                        try {
                            arity = Integer.parseInt(arityText.strip());
                        } catch (NumberFormatException e) {
                            throw problem(source, line, "arity", arityText, "a whole number of variables from 1 to " + MAX_ARITY);
                        }
                        if (arity < 1 || arity > MAX_ARITY) {
                            throw problem(source, line, "arity", arityText, "a whole number of variables from 1 to " + MAX_ARITY);
                        }
                        String semantics = required(xml, "semantics", source, line);
                        if (!semantics.equals("supports") && !semantics.equals("conflicts")) {
                            throw problem(source, line, "semantics", semantics, "supports or conflicts");
                        }
                        relationSupports.put(relationName, semantics.equals("supports"));
                        relations.put(relationName, tuples(xml.getElementText(), arity, source, line, relationName));
                    }
                    case "constraint" -> {
                        constraints.add(new String[] {required(xml, "name", source, line),
                            required(xml, "reference", source, line), required(xml, "scope", source, line)});
                        constraintLines.add(line);
                    }
                    case "predicate", "function" -> throw problem(source, line, xml.getLocalName(), null,
                            "extensional constraints only (relations with tuples)");
                    default -> {
                        // instance, domains, variables, relations, constraints: containers.
                    }
                }
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
            throw new IngestException(new IngestProblem(source, line, null, null, "well-formed XML (" + e.getMessage() + ")"), e);
        } catch (IOException e) {
            throw new IngestException(new IngestProblem(source, 0, null, null, "a readable file (" + e + ")"), e);
        }
        Map<String, Integer> variableIndex = new HashMap<>();
        int[][] domainValues = new int[variables.size()][];
        for (int v = 0; v < variables.size(); v++) {
            variableIndex.put(variables.get(v), v);
            domainValues[v] = domains.get(variableDomains.get(v));
            if (domainValues[v] == null) {
                throw problem(source, variableLines.get(v), "variable " + variables.get(v), variableDomains.get(v), "a declared domain");
            }
        }
        List<TableConstraint> tables = new ArrayList<>();
        for (int c = 0; c < constraints.size(); c++) {
            String[] constraint = constraints.get(c);
            int line = constraintLines.get(c);
            int[][] tuples = relations.get(constraint[1]);
            if (tuples == null) {
                throw problem(source, line, "reference", constraint[1], "a declared relation");
            }
            String[] names = constraint[2].trim().split("\\s+");
            int[] scope = new int[names.length];
            for (int i = 0; i < names.length; i++) {
                Integer v = variableIndex.get(names[i]);
                if (v == null) {
                    throw problem(source, line, "scope", names[i], "a declared variable");
                }
                scope[i] = v;
            }
            try {
                tables.add(new TableConstraint(constraint[0], scope, tuples, relationSupports.get(constraint[1])));
            } catch (IllegalArgumentException e) {
                throw problem(source, line, "constraint " + constraint[0], null, e.getMessage());
            }
        }
        try {
            return new ConfigurableProduct(name, variables, domainValues, tables);
        } catch (IllegalArgumentException e) {
            throw problem(source, 0, null, null, "a consistent model (" + e.getMessage() + ")");
        }
    }

    private static String required(XMLStreamReader xml, String attribute, String source, int line) {
        String value = xml.getAttributeValue(null, attribute);
        if (value == null) {
            throw problem(source, line, xml.getLocalName(), null, "a '" + attribute + "' attribute");
        }
        return value;
    }

    /**
     * The values of a domain or tuple: whole numbers and ranges {@code a..b}, at most {@code limit} in all,
     * counted before anything is expanded (a range of two billion values is refused, not enumerated).
     */
    private static int[] values(String text, String source, int line, String what, long limit) {
        int[] values = new int[16];
        int n = 0;
        for (String token : text.trim().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            int range = token.indexOf("..");
            long from;
            long to;
            try {
                from = Integer.parseInt(range > 0 ? token.substring(0, range) : token);
                to = range > 0 ? Integer.parseInt(token.substring(range + 2)) : from;
            } catch (NumberFormatException e) {
                throw problem(source, line, what, token, "integer values or ranges a..b");
            }
            if (to < from) {
                throw problem(source, line, what, token, "a range a..b with a <= b (this one is empty)");
            }
            if (n + (to - from + 1) > limit) {
                throw problem(source, line, what, token, "at most " + limit + " values (" + what + " has more)");
            }
            for (long v = from; v <= to; v++) {
                if (n == values.length) {
                    values = java.util.Arrays.copyOf(values, (int) Math.min(limit, 2L * n));
                }
                values[n++] = (int) v;
            }
        }
        return java.util.Arrays.copyOf(values, n);
    }

    private static int[][] tuples(String text, int arity, String source, int line, String relation) {
        List<int[]> tuples = new ArrayList<>();
        long total = 0;
        for (String tuple : text.split("\\|")) {
            if (tuple.isBlank()) {
                continue;
            }
            int[] values = values(tuple, source, line, "relation " + relation, arity);
            total += values.length;
            if (total > MAX_RELATION_VALUES) {
                throw problem(source, line, "relation " + relation, null, "at most " + MAX_RELATION_VALUES
                        + " values in one relation's tuples");
            }
            if (values.length != arity) {
                throw problem(source, line, "relation " + relation, tuple.trim(), arity + " values per tuple");
            }
            tuples.add(values);
        }
        return tuples.toArray(new int[0][]);
    }

    private static IngestException problem(String source, int line, String column, String raw, String expected) {
        return new IngestException(new IngestProblem(source, line, column, raw, expected));
    }
}
