package dev.tailor.datasets.generator;

import java.util.List;
import java.util.Map;

/**
 * The solution space of the generated made-to-measure shirt: attributes with finite domains, and the
 * pairs of values that cannot be combined.
 */
public final class ShirtOptions {
    /** The product name of the made-to-measure shirt. */
    public static final String PRODUCT = "mtm-shirt";

    /** Attributes in order, each with its values. */
    public static final Map<String, List<String>> DOMAINS = orderedDomains();

    /** Incompatible pairs: {attribute, value, attribute, value}. */
    public static final List<String[]> FORBIDDEN = List.of(
            new String[] {"cuff", "french", "collar", "button-down"},
            new String[] {"cuff", "french", "collar", "mandarin"},
            new String[] {"cuff", "french", "fabric", "linen"},
            new String[] {"cuff", "french", "fabric", "seersucker"},
            new String[] {"fabric", "flannel", "colour", "white"},
            new String[] {"fabric", "flannel", "colour", "pink"},
            new String[] {"fabric", "flannel", "colour", "lavender"},
            new String[] {"fit", "slim", "pocket", "one"});

    private ShirtOptions() {
    }

    private static Map<String, List<String>> orderedDomains() {
        java.util.LinkedHashMap<String, List<String>> d = new java.util.LinkedHashMap<>();
        d.put("fabric", List.of("poplin", "twill", "oxford", "linen", "flannel", "herringbone", "pinpoint", "seersucker"));
        d.put("collar", List.of("cutaway", "spread", "button-down", "classic", "mandarin"));
        d.put("cuff", List.of("single-button", "double-button", "french"));
        d.put("fit", List.of("slim", "regular", "relaxed"));
        d.put("colour", List.of("white", "light-blue", "pink", "navy-stripe", "grey", "lavender", "check", "black"));
        d.put("pocket", List.of("none", "one"));
        return java.util.Collections.unmodifiableMap(d);
    }

    /** Whether a full or partial choice (attribute → value) breaks no rule. */
    public static boolean isValid(Map<String, String> choices) {
        for (String[] rule : FORBIDDEN) {
            if (rule[1].equals(choices.get(rule[0])) && rule[3].equals(choices.get(rule[2]))) {
                return false;
            }
        }
        return true;
    }
}
