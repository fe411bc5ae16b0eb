package dev.rowcast.publisher.bench;

import dev.rowcast.contract.RowEvent;
import dev.rowcast.publisher.Events;
import dev.rowcast.testkit.ApacheHttpd;
import dev.rowcast.testkit.KafkaBroker;
import dev.rowcast.testkit.ServiceProcess;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pages per second from a preloaded topic, next to the bare rate of writing (flushed) and renaming files of the
 * same size into the same kind of folder, measured in the same run. Run with {@code bench/run publisher-load [rows]}.
 */
public final class PublisherLoadBenchmark {

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path jar = Path.of("publisher-service/target/quarkus-app/quarkus-run.jar");
        Path work = Files.createTempDirectory("rowcast-bench-pub-");
        System.out.printf("publisher-load benchmark: %d rows, publisher heap capped at 256 MB%n", rows);
        try (KafkaBroker broker = KafkaBroker.start(); Events events = new Events(broker.bootstrapServers())) {
            long t0 = System.nanoTime();
            List<RowEvent> chunk = new ArrayList<>();
            for (int i = 1; i <= rows; i++) {
                chunk.add(events.upsert("bench", Events.key("Id", i), "Customer", "customer " + (i % 9973), "Note", "n".repeat(120),
                        "Amount", Integer.toString(i)));
                if (chunk.size() == 10_000 || i == rows) {
                    events.send(chunk.toArray(RowEvent[]::new));
                    chunk.clear();
                }
            }
            System.out.printf("  topic preloaded in %d ms%n", (System.nanoTime() - t0) / 1_000_000);

            Path site = work.resolve("site");
            Files.createDirectories(site);
            ApacheHttpd.makeWorldReadable(site);
            long start = System.nanoTime();
            long peakHeap = 0;
            try (ServiceProcess publisher = ServiceProcess.start("publisher-service", jar, Map.of("rowcast.site.root", site.toString(),
                    "rowcast.kafka.bootstrap-servers", broker.bootstrapServers(), "rowcast.kafka.group-id", "bench"), work.resolve("publisher.log"), "256m")) {
                Path index = site.resolve("bench/index.html");
                while (!(Files.exists(index) && Files.readString(index).contains(rows + " rows"))) {
                    Thread.sleep(200);
                    peakHeap = Math.max(peakHeap, publisher.heapUsedBytes());
                    if (!publisher.isAlive()) {
                        throw new IllegalStateException(publisher.logTail(40));
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double pagesPerSecond = rows / seconds;
            Path sample = site.resolve("bench/rows/1.html");
            int pageSize = (int) Files.size(sample);

            // the bare limit: write, flush and rename files of that size, as many as the publisher wrote
            Path bare = work.resolve("bare");
            Files.createDirectories(bare.resolve("rows"));
            byte[] content = new byte[pageSize];
            long b0 = System.nanoTime();
            for (int i = 0; i < rows; i++) {
                Path tmp = bare.resolve("rows/.p" + i + ".tmp");
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    ch.write(ByteBuffer.wrap(content));
                    ch.force(true);
                }
                Files.move(tmp, bare.resolve("rows/" + i + ".html"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            double bareRate = rows / ((System.nanoTime() - b0) / 1e9);
            System.out.printf("  publisher, from process start to the last index page: %,10.0f pages/s (%d-byte row pages, indexes kept current)%n",
                    pagesPerSecond, pageSize);
            System.out.printf("  bare write + flush + rename of the same files:         %,10.0f files/s%n", bareRate);
            System.out.printf("  ratio:                                                  %10.0f %%  (target >= 50 %%)%n", 100 * pagesPerSecond / bareRate);
            System.out.printf("  publisher peak heap used:                               %10d MB (cap 256 MB)%n", peakHeap / (1024 * 1024));
        } finally {
            try (var paths = Files.walk(work)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
