package dev.rowcast.demo;

import dev.rowcast.testkit.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.*;

/**
 * End to end, every part its own process: the demo database, a real Kafka broker, query-service,
 * publisher-service and the real Apache httpd. A row inserted, updated and deleted in the database appears,
 * changes and disappears on the site; the latency from commit to page is measured and printed.
 */
class PipelineIT {

    static Pipeline pipeline;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final Duration BOUND = Duration.ofSeconds(10);

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("rowcast-e2e-");
        pipeline = Pipeline.start(new Pipeline.Options(Path.of("..").toAbsolutePath().normalize(), dir, Ports.free(), Ports.free(),
                Ports.free(), Ports.free(), 0, "1s", null, false), System.out);
        assertEquals("Apache httpd", pipeline.webServer(), "the test reads the site through the real Apache");
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(pipeline.siteUrl() + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Milliseconds until the page matches. */
    private static long await(String path, Predicate<HttpResponse<String>> done, long commitNanos) throws Exception {
        long deadline = commitNanos + BOUND.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = get(path);
            if (done.test(last)) {
                return (System.nanoTime() - commitNanos) / 1_000_000;
            }
            Thread.sleep(10);
        }
        throw new AssertionError(path + " did not match within " + BOUND + "; last " + (last == null ? "-" : last.statusCode() + " " + last.body())
                + "\n" + pipeline.query().logTail(20) + "\n" + pipeline.publisher().logTail(20));
    }

    @Test
    void aRowAppearsChangesAndDisappearsOnTheSite() throws Exception {
        await("index.html", r -> r.statusCode() == 200 && r.body().contains("Orders") && r.body().contains("Totals per region"), System.nanoTime());
        int id;
        long t0;
        try (Connection c = DemoDatabase.connect(pipeline.databaseUrl())) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO Orders (Customer, Region, Amount, Status) VALUES (?, 'Antarctica', 1234.50, 'new')",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, "E2E <b>probe</b>");
                ps.executeUpdate();
                t0 = System.nanoTime();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getInt(1);
                }
            }
            String page = "orders/rows/" + id + ".html";
            long insert = await(page, r -> r.statusCode() == 200 && r.body().contains("E2E &lt;b&gt;probe&lt;/b&gt;") && r.body().contains("<td>1234.50</td>"), t0);
            long report = await("regions/index.html", r -> r.body().contains("<tr><td>Antarctica</td><td>1</td><td>1234.50</td></tr>"), t0);

            try (Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE Orders SET Status = 'shipped', Amount = 99.99 WHERE OrderId = " + id);
                t0 = System.nanoTime();
            }
            long update = await(page, r -> r.statusCode() == 200 && r.body().contains("<td>shipped</td>") && r.body().contains("<td>99.99</td>"), t0);

            try (Statement st = c.createStatement()) {
                st.executeUpdate("DELETE FROM Orders WHERE OrderId = " + id);
                t0 = System.nanoTime();
            }
            long delete = await(page, r -> r.statusCode() == 404, t0);
            long gone = await("regions/index.html", r -> r.statusCode() == 200 && !r.body().contains("Antarctica"), t0);
            // the row page and the index are rewritten in one batch, but not in one instant: wait for the index too
            await("orders/index.html", r -> r.statusCode() == 200 && !r.body().contains("rows/" + id + ".html"), t0);
            System.out.printf("commit-to-page latency through Apache (1 s poll): insert %d ms, update %d ms, delete %d ms;"
                    + " report table %d ms after the insert, %d ms after the delete%n", insert, update, delete, report, gone);
        }
    }
}
