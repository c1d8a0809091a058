package org.feedletter.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.LocalDate;

/** What every benchmark prints first and measures with: the machine, and peak heap per phase. */
final class Machine {

    private Machine() {}

    static void describe(String benchmark) {
        Runtime rt = Runtime.getRuntime();
        System.out.printf("%s benchmark, %s, %d cores, Java %s, max heap %d MB%n", benchmark, LocalDate.now(),
                rt.availableProcessors(), System.getProperty("java.version"), rt.maxMemory() >> 20);
    }

    static void resetPeakHeap() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** CPU time used by this process so far, in seconds (all threads, including GC and the local servers). */
    static double processCpuSeconds() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    /**
     * CPU time used so far by the processes of a PostgreSQL server on this machine, in seconds; 0 when none runs
     * here. A backend that exits between two readings drops out of the difference, so read it around work done on
     * open connections. With two processes sharing 2 cores, it tells which side a change moved.
     */
    static double databaseCpuSeconds() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .mapToDouble(p -> p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0))
                .sum();
    }

    /** Time the JIT compilers spent so far, in seconds: on 2 cores it competes with the work it compiles. */
    static double jitSeconds() {
        var jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() / 1e3 : Double.NaN;
    }

    /** Sum of the heap pools' peaks since the last reset, in MB. */
    static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }
}
