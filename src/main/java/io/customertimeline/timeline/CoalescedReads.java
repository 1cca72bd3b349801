package io.customertimeline.timeline;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Concurrent requests for the same read share one computation, and it is always one that started
 * after each of them arrived: an answer is never older than the request, so a caller sees every
 * write that committed before it asked (no cache, nothing to invalidate).
 *
 * <p>Per key there is at most one computation running and one waiting to start. A request that
 * finds none runs its own; one that finds a computation running queues the next and runs it when
 * the first is done; every request arriving meanwhile joins that queued one. Eight people asking
 * for the same list at once cost two computations instead of eight, and none of them waits longer
 * than for two. A failure reaches every request that shared the computation; the next request
 * computes anew.
 */
final class CoalescedReads<K, V> {

    /** The computation running for a key and the one queued behind it (null when none). */
    private static final class Slot<V> {
        CompletableFuture<V> running;
        CompletableFuture<V> queued;
    }

    /** One slot per key, kept for good: keys must come from a small set (a list's limit, say). */
    private final ConcurrentMap<K, Slot<V>> slots = new ConcurrentHashMap<>();

    V get(K key, Supplier<V> compute) {
        Slot<V> slot = slots.computeIfAbsent(key, k -> new Slot<>());
        CompletableFuture<V> shared;
        CompletableFuture<V> before = null;
        boolean joining;
        synchronized (slot) {
            joining = slot.queued != null; // queued, not started: it will see what committed before now
            if (joining) {
                shared = slot.queued;
            } else {
                shared = new CompletableFuture<>();
                if (slot.running == null) {
                    slot.running = shared;
                } else {
                    before = slot.running;
                    slot.queued = shared;
                }
            }
        }
        if (joining) {
            return await(shared); // outside the lock, or the computation could never hand over
        }
        if (before != null) {
            before.handle((v, e) -> null).join(); // its outcome is not ours: wait only for it to end
            synchronized (slot) {
                slot.running = shared;
                slot.queued = null;
            }
        }
        try {
            V value = compute.get();
            shared.complete(value);
            return value;
        } catch (Throwable e) { // whatever ends it must release the requests that share it
            shared.completeExceptionally(e);
            throw e;
        } finally {
            synchronized (slot) {
                if (slot.running == shared) {
                    slot.running = null;
                }
            }
        }
    }

    private static <V> V await(CompletableFuture<V> shared) {
        try {
            return shared.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a shared read", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new CompletionException(e.getCause());
        }
    }
}
