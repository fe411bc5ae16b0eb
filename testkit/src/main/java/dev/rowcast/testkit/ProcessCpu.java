package dev.rowcast.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time a process has used so far (user + system, all its threads), read from Linux's {@code /proc/<pid>/stat}.
 * Benchmarks use it to say where a run's CPU went: on a 2-core machine the database, the broker and a service
 * compete for the same cores, and a rate alone cannot tell which of them is the cost.
 */
public final class ProcessCpu {

    /** USER_HZ: the unit of the stat file's times; 100 on every Linux that ships a stock kernel. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {
    }

    /** CPU seconds used by {@code pid} so far, or NaN when it cannot be read (no /proc, or the process is gone). */
    public static double seconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) is in parentheses and may hold spaces: count fields after its closing one
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(fields[11]);
            long stime = Long.parseLong(fields[12]);
            return (utime + stime) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    public static double self() {
        return seconds(ProcessHandle.current().pid());
    }
}
