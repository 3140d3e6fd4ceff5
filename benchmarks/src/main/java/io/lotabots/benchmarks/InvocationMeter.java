package io.lotabots.benchmarks;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.OperatingSystemMXBean;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Measures single-shot invocations from their {@code Level.Invocation} fixtures, for reads of a known number of
 * bytes: wall time and MB/s, CPU time of the benchmark thread and of the whole process (so that the work of the
 * garbage collector and the JIT compiler on the other core shows), and heap. {@link #start} collects garbage,
 * takes the heap in use as the baseline and forgets the heap peaks; {@link #stop} records:
 *
 * <ul>
 *   <li>the peak of the heap pools above the baseline ({@link HeapPeaks}: an upper bound that counts garbage not yet
 *       collected, so it mostly shows how large the young generation was allowed to grow), and</li>
 *   <li>the largest heap in use right after a collection during the read, above the baseline: what survived a
 *       collection, an upper bound of the memory the read really holds. It is empty if no collection ran.</li>
 * </ul>
 *
 * <p>The fixtures run on the benchmark thread, just before and after the measured call, so the wall time agrees
 * with JMH's score to within the fixtures' own cost (microseconds). MB are 10<sup>6</sup> bytes for throughput and
 * 2<sup>20</sup> bytes for heap, as in {@code docs/performance.md}.</p>
 */
@SuppressFBWarnings(value = {"AT_NONATOMIC_64BIT_PRIMITIVE", "AT_STALE_THREAD_WRITE_OF_PRIMITIVE"},
        justification = "start() and stop() run on the benchmark thread only (JMH Level.Invocation fixtures); only the"
                + " atomics are shared with the thread that delivers the collection notifications")
final class InvocationMeter {
    private static final double MEGABYTE = 1e6;
    private static final double MEBIBYTE = 1024.0 * 1024.0;
    private static final double NANOS = 1e9;

    private final HeapPeaks heap = new HeapPeaks();
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isValid())
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toUnmodifiableSet());
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
    private final AtomicLong maxAfterGc = new AtomicLong(-1);
    private final AtomicLong collections = new AtomicLong();
    private final NotificationListener listener = this::collected;
    private final List<Sample> samples = new ArrayList<>();

    private boolean warmup;
    private long baseline;
    private long wallStart;
    private long threadCpuStart;
    private long processCpuStart;

    /**
     * Listens to the end of every garbage collection of this JVM.
     */
    InvocationMeter() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter) {
                ((NotificationEmitter) collector).addNotificationListener(listener, null, null);
            }
        }
    }

    /**
     * Starts measuring an invocation.
     *
     * @param warmupIteration whether the invocation belongs to a warm-up iteration
     */
    void start(final boolean warmupIteration) {
        warmup = warmupIteration;
        System.gc();
        baseline = HeapPeaks.used();
        heap.reset();
        maxAfterGc.set(-1);
        collections.set(0);
        processCpuStart = os.getProcessCpuTime();
        threadCpuStart = threads.getCurrentThreadCpuTime();
        wallStart = System.nanoTime();
    }

    /**
     * Ends measuring an invocation.
     */
    void stop() {
        long wall = System.nanoTime() - wallStart;
        long threadCpu = threads.getCurrentThreadCpuTime() - threadCpuStart;
        long processCpu = os.getProcessCpuTime() - processCpuStart;
        samples.add(new Sample(warmup, wall, threadCpu, processCpu, baseline, heap.read(), maxAfterGc.get(),
                collections.get()));
    }

    /**
     * Returns what was measured, one line per invocation and a mean over the measured (not warm-up) ones, and stops
     * listening to collections.
     *
     * @param benchmark the benchmark's name
     * @param bytes how many bytes of reports one invocation reads
     * @return the text to print
     */
    String report(final String benchmark, final long bytes) {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter) {
                try {
                    ((NotificationEmitter) collector).removeNotificationListener(listener);
                }
                catch (ListenerNotFoundException e) {
                    // never added
                }
            }
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%n%s: %,d bytes a read, -Xmx %s MB%n"
                + "  %-7s %9s %8s %12s %9s %9s %13s %15s %4s%n", benchmark, bytes, mb(HeapPeaks.maxHeap()),
                "kind", "wall ms", "MB/s", "MB/thread-s", "thread-s", "process-s", "baseline MB",
                "peak/afterGC+MB", "GCs"));
        double wall = 0;
        double threadCpu = 0;
        double processCpu = 0;
        long maxPeak = 0;
        long maxLive = -1;
        int measured = 0;
        for (Sample sample : samples) {
            text.append(String.format(Locale.ROOT, "  %-7s %9.1f %8.1f %12.1f %9.2f %9.2f %13s %15s %4d%n",
                    sample.warmup ? "warm-up" : "measure", sample.wall / 1e6, bytes / MEGABYTE / (sample.wall / NANOS),
                    bytes / MEGABYTE / (sample.threadCpu / NANOS), sample.threadCpu / NANOS,
                    sample.processCpu / NANOS, mb(sample.baseline), mb(sample.peak - sample.baseline) + "/"
                            + (sample.afterGc < 0 ? "-" : mb(sample.afterGc - sample.baseline)),
                    sample.collections));
            if (!sample.warmup) {
                measured++;
                wall += sample.wall;
                threadCpu += sample.threadCpu;
                processCpu += sample.processCpu;
                maxPeak = Math.max(maxPeak, sample.peak - sample.baseline);
                maxLive = Math.max(maxLive, sample.afterGc < 0 ? -1 : sample.afterGc - sample.baseline);
            }
        }
        if (measured > 0) {
            text.append(String.format(Locale.ROOT, "  MEAN of %d measured: %.1f ms, %.1f MB/s wall, %.1f MB per CPU "
                    + "second of the benchmark thread, %.2f cores busy (process CPU / wall); heap above baseline: "
                    + "pool peaks max %s MB, after-GC max %s MB%n", measured, wall / measured / 1e6,
                    bytes / MEGABYTE / (wall / measured / NANOS), bytes / MEGABYTE / (threadCpu / measured / NANOS),
                    processCpu / wall, mb(maxPeak), maxLive < 0 ? "- (no collection)" : mb(maxLive)));
        }
        return text.toString();
    }

    private void collected(final Notification notification, final Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                (CompositeData) notification.getUserData());
        if ("System.gc()".equals(info.getGcCause())) {
            return; // the collection start() asks for
        }
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        maxAfterGc.accumulateAndGet(used, Math::max);
        collections.incrementAndGet();
    }

    private static String mb(final long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / MEBIBYTE);
    }

    /** What one invocation took. */
    private record Sample(boolean warmup, long wall, long threadCpu, long processCpu, long baseline, long peak,
            long afterGc, long collections) {
    }
}
