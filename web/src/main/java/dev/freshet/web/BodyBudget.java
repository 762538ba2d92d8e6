package dev.freshet.web;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory all request bodies still arriving may hold together. Read ahead without a thread each, bodies are no
 * longer bounded by the worker pool: without this, a few hundred clients that each send most of a 16 MiB body and
 * then stall would hold gigabytes until their deadline.
 */
final class BodyBudget {
    private final long capacity;
    private final AtomicLong used = new AtomicLong();

    BodyBudget(long capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("the body budget must be positive, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** A quarter of the heap, at most 256 MiB. */
    static BodyBudget forHeap() {
        return new BodyBudget(Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 4));
    }

    long capacity() {
        return capacity;
    }

    long used() {
        return used.get();
    }

    /** Takes {@code bytes} from the budget; false (and nothing taken) when that would exceed it. */
    boolean reserve(long bytes) {
        while (true) {
            long now = used.get();
            if (now + bytes > capacity) {
                return false;
            }
            if (used.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }
}
