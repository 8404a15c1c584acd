package dev.tailor.internal;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * Scratch arrays for scoring, shared by every model of one kind: at most two per core are kept, so memory
 * does not grow with the number of threads (or virtual threads, one per request) and a swapped-out model
 * leaves nothing behind. A caller takes one with {@link #acquire}, gives it back cleaned with
 * {@link #release} (in a {@code finally}); when none is free — more callers than kept arrays — a fresh one is
 * made and dropped afterwards if the pool is full.
 *
 * <p>Thread-safety: safe for concurrent use, without locks.
 *
 * @param <T> the scratch type
 */
public final class ScratchPool<T> {
    private final AtomicReferenceArray<T> slots;
    private final IntFunction<T> factory;
    private final ToIntFunction<T> capacity;

    /**
     * A pool.
     *
     * @param factory makes a scratch for a given number of items
     * @param capacity how many items a scratch can hold
     */
    public ScratchPool(IntFunction<T> factory, ToIntFunction<T> capacity) {
        this.slots = new AtomicReferenceArray<>(2 * Runtime.getRuntime().availableProcessors());
        this.factory = factory;
        this.capacity = capacity;
    }

    /** A clean scratch for at least {@code items} items, owned by the caller until {@link #release}. */
    public T acquire(int items) {
        int start = (int) (Thread.currentThread().getId() % slots.length());
        for (int i = 0; i < slots.length(); i++) {
            int slot = (start + i) % slots.length();
            T held = slots.get(slot);
            if (held != null && slots.compareAndSet(slot, held, null)) {
                if (capacity.applyAsInt(held) >= items) {
                    return held;
                }
                // Too small for this model: let it go, a bigger one takes its place on release.
                break;
            }
        }
        return factory.apply(items);
    }

    /** Gives a scratch back; it must be clean (every slot back to its initial value). */
    public void release(T scratch) {
        int start = (int) (Thread.currentThread().getId() % slots.length());
        for (int i = 0; i < slots.length(); i++) {
            if (slots.compareAndSet((start + i) % slots.length(), null, scratch)) {
                return;
            }
        }
    }
}
