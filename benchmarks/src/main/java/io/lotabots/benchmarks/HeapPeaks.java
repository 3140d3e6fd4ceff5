package io.lotabots.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Measures the peak use of the heap between a {@link #reset()} and a {@link #read()}: the sum of the peak use of
 * every heap memory pool (for G1: eden, survivor and old generation). The pools peak at different moments, so the
 * sum is an upper bound of the real peak; it counts garbage not yet collected as used.
 */
final class HeapPeaks {
    private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isValid())
            .toList();

    /**
     * Starts a new measurement: every heap pool forgets its peak.
     */
    void reset() {
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /**
     * Returns the sum of the peak use of the heap pools since the last {@link #reset()}.
     *
     * @return bytes
     */
    long read() {
        long sum = 0;
        for (MemoryPoolMXBean pool : pools) {
            sum += pool.getPeakUsage().getUsed();
        }
        return sum;
    }

    /**
     * Returns the heap in use now: the sum of the current use of every heap pool.
     *
     * @return bytes
     */
    static long used() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                sum += pool.getUsage().getUsed();
            }
        }
        return sum;
    }

    /**
     * Returns the largest heap this JVM may use ({@code -Xmx}).
     *
     * @return bytes
     */
    static long maxHeap() {
        return Runtime.getRuntime().maxMemory();
    }
}
