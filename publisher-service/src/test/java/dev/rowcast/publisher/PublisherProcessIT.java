package dev.rowcast.publisher;

import dev.rowcast.contract.RowEvent;
import dev.rowcast.testkit.ApacheHttpd;
import dev.rowcast.testkit.KafkaBroker;
import dev.rowcast.testkit.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** The packaged publisher as its own process: killed in a burst, restarted on an empty folder, read while it writes. */
class PublisherProcessIT {

    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    static KafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = KafkaBroker.start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static ServiceProcess publisher(Path root, String log) {
        return ServiceProcess.start("publisher-service", JAR, Map.of("rowcast.site.root", root.toString(),
                "rowcast.kafka.bootstrap-servers", broker.bootstrapServers(), "rowcast.kafka.group-id", "it-" + root.getFileName(),
                "rowcast.kafka.topic-refresh", "1s"), Path.of("target/it-logs/" + log + ".log"), "256m");
    }

    /** What the site must hold: file under the root to the text its page must contain. */
    private static Map<String, String> expected(Map<Integer, String> rows) {
        Map<String, String> pages = new TreeMap<>();
        rows.forEach((id, name) -> pages.put("items/rows/" + id + ".html", "<td>" + name + "</td>"));
        return pages;
    }

    private static Set<String> rowFiles(Path root) throws IOException {
        Path rows = root.resolve("items/rows");
        if (!Files.isDirectory(rows)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(rows)) {
            return files.filter(f -> !f.getFileName().toString().startsWith(".")).map(f -> root.relativize(f).toString()).collect(Collectors.toSet());
        }
    }

    private static void awaitSite(Path root, Map<Integer, String> rows) throws Exception {
        Map<String, String> want = expected(rows);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (rowFiles(root).equals(want.keySet()) && Files.readString(root.resolve("items/index.html")).contains(rows.size() + " rows")
                    && want.entrySet().stream().allMatch(e -> contains(root.resolve(e.getKey()), e.getValue()))) {
                return;
            }
            Thread.sleep(200);
        }
        Set<String> have = rowFiles(root);
        fail("site did not converge: " + have.size() + " row pages, want " + want.size());
    }

    private static boolean contains(Path p, String text) {
        try {
            return Files.readString(p).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void killedInABurstThenRebuiltFromEmptyTheSiteEqualsTheTopic() throws Exception {
        Path root = Files.createTempDirectory("rowcast-it-site-");
        ApacheHttpd.makeWorldReadable(root);
        Map<Integer, String> truth = new TreeMap<>();
        try (Events events = new Events(broker.bootstrapServers())) {
            List<RowEvent> burst = new ArrayList<>();
            for (int i = 1; i <= 20000; i++) {
                burst.add(events.upsert("items", Events.key("Id", i), "Name", "item " + i));
                truth.put(i, "item " + i);
            }
            for (int i = 1; i <= 20000; i += 7) {
                burst.add(events.upsert("items", Events.key("Id", i), "Name", "item " + i + " v2"));
                truth.put(i, "item " + i + " v2");
            }
            for (int i = 5; i <= 20000; i += 50) {
                burst.add(events.delete("items", Events.key("Id", i)));
                truth.remove(i);
            }
            events.send(burst.toArray(RowEvent[]::new));
            ServiceProcess first = publisher(root, "publisher-kill-1");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (rowFiles(root).size() < 1000 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            first.kill();
            int atKill = rowFiles(root).size();
            assertTrue(atKill < truth.size(), "the kill must land mid-burst (" + atKill + " pages)");
            System.out.printf("publisher killed with %d of %d row pages written%n", atKill, truth.size());

            long t0 = System.nanoTime();
            try (ServiceProcess second = publisher(root, "publisher-kill-2")) {
                awaitSite(root, truth);
                System.out.printf("after kill -9 and restart, the site equals the topic in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            }

            // an empty folder (state included): a full rebuild from the compacted topic
            try (Stream<Path> all = Files.walk(root)) {
                all.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(root)).forEach(p -> p.toFile().delete());
            }
            long t1 = System.nanoTime();
            try (ServiceProcess third = publisher(root, "publisher-rebuild")) {
                awaitSite(root, truth);
                assertTrue(third.log().contains("rebuilding every page from the compacted topics"), third.logTail(20));
                assertTrue(third.log().matches("(?s).*catching up: \\d+ events applied so far at \\d+ events/s, \\d+ behind.*"),
                        "a long rebuild shows its progress in the log\n" + third.logTail(20));
                System.out.printf("empty site folder rebuilt (%d rows) in %d ms%n", truth.size(), (System.nanoTime() - t1) / 1_000_000);
            }
        }
    }

    @Test
    void readersNeverSeeAHalfWrittenPage() throws Exception {
        Path root = Files.createTempDirectory("rowcast-it-readers-");
        ApacheHttpd.makeWorldReadable(root);
        try (Events events = new Events(broker.bootstrapServers());
             ServiceProcess service = publisher(root, "publisher-readers");
             ApacheHttpd httpd = ApacheHttpd.start(root)) {
            events.send(events.upsert("hot", Events.key("Id", 1), "Name", "v0 " + "x".repeat(4000)));
            Site site = new Site(httpd);
            site.awaitContaining("/hot/rows/1.html", "v0");
            AtomicBoolean writing = new AtomicBoolean(true);
            Thread writer = new Thread(() -> {
                int v = 1;
                while (writing.get()) {
                    // pages of different lengths, so a cut or mixed page would show
                    events.send(events.upsert("hot", Events.key("Id", 1), "Name", "v" + v + " " + "x".repeat(1000 + (v * 997) % 6000)));
                    v++;
                }
            });
            writer.start();
            AtomicLong ok = new AtomicLong();
            AtomicLong bad = new AtomicLong();
            List<Thread> readers = new ArrayList<>();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            long end = System.nanoTime() + Duration.ofSeconds(8).toNanos();
            for (int r = 0; r < 4; r++) {
                Thread t = new Thread(() -> {
                    while (System.nanoTime() < end) {
                        try {
                            HttpResponse<String> resp = http.send(HttpRequest.newBuilder(httpd.url("/hot/rows/1.html")).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            String body = resp.body();
                            boolean complete = resp.statusCode() == 200 && body.startsWith("<!DOCTYPE html>") && body.endsWith("</html>\n");
                            (complete ? ok : bad).incrementAndGet();
                        } catch (Exception e) {
                            bad.incrementAndGet();
                        }
                    }
                });
                t.start();
                readers.add(t);
            }
            for (Thread t : readers) {
                t.join();
            }
            writing.set(false);
            writer.join();
            System.out.printf("readers: %d complete pages, %d incomplete, while the page was being replaced%n", ok.get(), bad.get());
            assertTrue(ok.get() > 500, "enough reads to mean something: " + ok.get());
            // Apache stats a file before it opens it: a rename in between serves the new page cut to the old length
            // (ENVIRONMENT.md). Under this load (a new version about every 10 ms) that is about 1 read in 2,000; the bound
            // is a regression guard, the number is reported.
            assertTrue(bad.get() * 200 <= ok.get() + bad.get(), bad.get() + " incomplete of " + (ok.get() + bad.get()));
        }
    }

    @Test
    void aWrongSettingStopsThePackagedServiceAtStartNamingIt() throws Exception {
        Path root = Files.createTempDirectory("rowcast-bad-setting-");
        ServiceProcess.Exit exit = ServiceProcess.runUntilExit(JAR, Map.of("rowcast.site.root", root.toString(), "rowcast.site.page-size", "0",
                "rowcast.kafka.bootstrap-servers", broker.bootstrapServers()), Path.of("target/it-logs/bad-setting.log"), Duration.ofSeconds(60));
        assertEquals(1, exit.code(), exit.output());
        assertTrue(exit.output().lines().anyMatch("rowcast.site.page-size: 0 is outside 1..10000"::equals), exit.output());
        assertFalse(exit.output().contains("\tat "), "the line, not a stack trace\n" + exit.output());
        try (Stream<Path> files = Files.list(root)) {
            assertEquals(List.of(), files.toList(), "a refused start writes nothing into the site");
        }
    }
}
