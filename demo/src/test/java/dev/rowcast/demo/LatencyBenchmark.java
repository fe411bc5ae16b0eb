package dev.rowcast.demo;

import dev.rowcast.testkit.Ports;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Commit-to-page latency under a steady load: the whole pipeline as in {@code ./rowcast demo} (1 s poll), a writer
 * committing 100 row changes per second (half inserts, half updates), and a watcher that sees each row page land
 * (inotify on the site folder). Run with {@code bench/run latency [seconds] [changes-per-second]}; not a test.
 */
public final class LatencyBenchmark {

    private static final Pattern MARK = Pattern.compile("lat (\\d+)");

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path dir = Files.createTempDirectory("rowcast-latency-");
        try (Pipeline pipeline = Pipeline.start(new Pipeline.Options(Path.of(".").toAbsolutePath(), dir, Ports.free(), Ports.free(), Ports.free(),
                Ports.free(), 0, "1s", null, true), System.out)) {
            Path rows = pipeline.siteRoot().resolve("orders/rows");
            while (!Files.isDirectory(rows)) {
                Thread.sleep(100);
            }
            // row id -> (sequence -> commit time) for changes not yet seen on a page
            Map<Integer, ConcurrentSkipListMap<Long, Long>> pending = new ConcurrentHashMap<>();
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            Thread watcher = new Thread(() -> watch(rows, pending, latencies), "watcher");
            watcher.setDaemon(true);
            watcher.start();
            Thread.sleep(500);
            long total = (long) seconds * rate;
            long period = 1_000_000_000L / rate;
            try (Connection c = DemoDatabase.connect(pipeline.databaseUrl());
                 PreparedStatement insert = c.prepareStatement("INSERT INTO Orders (OrderId, Customer, Region, Amount, Status) VALUES (?, ?, 'North', 1, 'new')");
                 PreparedStatement update = c.prepareStatement("UPDATE Orders SET Customer = ? WHERE OrderId = ?")) {
                long next = System.nanoTime();
                int id = 1_000_000;
                for (long seq = 1; seq <= total; seq++) {
                    int row;
                    if (seq % 2 == 1 || id < 1_000_010) {
                        row = ++id;
                        insert.setInt(1, row);
                        insert.setString(2, "lat " + seq);
                        insert.executeUpdate();
                    } else {
                        row = id - 5;
                        update.setString(1, "lat " + seq);
                        update.setInt(2, row);
                        update.executeUpdate();
                    }
                    pending.computeIfAbsent(row, r -> new ConcurrentSkipListMap<>()).put(seq, System.nanoTime());
                    next += period;
                    long sleep = next - System.nanoTime();
                    if (sleep > 0) {
                        TimeUnit.NANOSECONDS.sleep(sleep);
                    }
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (latencies.size() < total && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            System.out.printf("commit-to-page latency, %d changes at %d/s with a 1 s poll (%d seen on a page):%n", total, rate, sorted.size());
            System.out.printf("  p50 %d ms, p95 %d ms, p99 %d ms, max %d ms  (target p99 <= 1250 ms)%n", pct(sorted, 50), pct(sorted, 95),
                    pct(sorted, 99), sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1));
        }
    }

    private static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static void watch(Path rows, Map<Integer, ConcurrentSkipListMap<Long, Long>> pending, List<Long> latencies) {
        try (WatchService ws = FileSystems.getDefault().newWatchService()) {
            rows.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            while (true) {
                WatchKey key = ws.take();
                long now = System.nanoTime();
                for (WatchEvent<?> e : key.pollEvents()) {
                    Path name = (Path) e.context();
                    if (name == null || name.toString().startsWith(".")) {
                        continue;
                    }
                    int row;
                    try {
                        row = Integer.parseInt(name.toString().replace(".html", ""));
                    } catch (NumberFormatException notOurs) {
                        continue;
                    }
                    ConcurrentSkipListMap<Long, Long> waiting = pending.get(row);
                    if (waiting == null) {
                        continue;
                    }
                    try {
                        Matcher m = MARK.matcher(Files.readString(rows.resolve(name)));
                        if (m.find()) {
                            long seq = Long.parseLong(m.group(1));
                            // this page shows change seq: it and every earlier change of the row are now visible
                            for (Map.Entry<Long, Long> done : waiting.headMap(seq, true).entrySet()) {
                                latencies.add((now - done.getValue()) / 1_000_000);
                            }
                            waiting.headMap(seq, true).clear();
                        }
                    } catch (java.io.IOException raced) {
                        // replaced again meanwhile; the next event covers it
                    }
                }
                key.reset();
            }
        } catch (Exception e) {
            // the benchmark is over
        }
    }
}
