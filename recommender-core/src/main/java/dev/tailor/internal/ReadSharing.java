package dev.tailor.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The parts of one model file repeat the same ids and labels (an offers model holds the item ids in its shop, its
 * catalog and every source): within one read, one object per distinct text and per equal immutable value keeps a
 * loaded model small and its first collections short. The file reader opens the scope; payload readers ask it.
 *
 * <p>Thread-safety: the scope is the calling thread's.
 */
public final class ReadSharing {
    /** What the current read of this thread shares among the parts it reads, or null outside a read. */
    private static final ThreadLocal<Scope> SCOPE = new ThreadLocal<>();

    private static final class Scope {
        final Map<String, String> strings = new HashMap<>();
        final Map<Object, Object> shared = new HashMap<>();
    }

    private ReadSharing() {
    }

    /**
     * Opens a scope for a read on this thread unless one is open (a part read inside a file's read shares the
     * file's scope).
     *
     * @return whether this call opened it, and must {@link #close} it
     */
    public static boolean open() {
        if (SCOPE.get() != null) {
            return false;
        }
        SCOPE.set(new Scope());
        return true;
    }

    /** Closes this thread's scope. */
    public static void close() {
        SCOPE.remove();
    }

    /** Inside a read, the one String object of this text met so far in the file; outside, the text itself. */
    public static String canonical(String text) {
        Scope scope = SCOPE.get();
        if (scope == null || text == null) {
            return text;
        }
        String first = scope.strings.putIfAbsent(text, text);
        return first == null ? text : first;
    }

    /** Inside a read, the object made for an equal key earlier in the same file (immutable objects only); outside, a new one. */
    public static <T> T sharedWithinRead(Object key, Supplier<T> make) {
        Scope scope = SCOPE.get();
        if (scope == null) {
            return make.get();
        }
        @SuppressWarnings("unchecked")
        T shared = (T) scope.shared.computeIfAbsent(key, k -> make.get());
        return shared;
    }
}
