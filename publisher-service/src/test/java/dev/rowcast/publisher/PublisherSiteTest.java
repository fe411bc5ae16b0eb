package dev.rowcast.publisher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rowcast.contract.GoldenEvents;
import dev.rowcast.contract.Json;
import dev.rowcast.contract.KafkaRecordParts;
import dev.rowcast.contract.RowEvent;
import dev.rowcast.testkit.ApacheHttpd;
import dev.rowcast.testkit.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.*;

/** Component test: the publisher against the real broker, its pages read through a real Apache httpd. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@TestProfile(PublisherSiteTest.Profile.class)
class PublisherSiteTest {

    static final String ROOT = "rowcasttest.site.root";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rowcast.site.root", root().toString(), "rowcast.site.title", "Shop <live>",
                    "rowcast.site.pages.regions.layout", "table", "rowcast.site.pages.regions.title", "Totals per region",
                    "rowcast.site.page-size", "100", "rowcast.kafka.topic-refresh", "1s");
        }
    }

    static synchronized Path root() {
        synchronized (System.getProperties()) {
            if (System.getProperty(ROOT) == null) {
                try {
                    Path root = Files.createTempDirectory("rowcast-site-");
                    ApacheHttpd.makeWorldReadable(root);
                    System.setProperty(ROOT, root.toString());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return Path.of(System.getProperty(ROOT));
        }
    }

    static ApacheHttpd httpd;
    static Site site;
    static Events events;

    @BeforeAll
    static void start() {
        httpd = ApacheHttpd.start(root());
        site = new Site(httpd);
        events = new Events(KafkaTestResource.broker().bootstrapServers());
    }

    @AfterAll
    static void stop() {
        events.close();
        httpd.close();
    }

    @Test
    void goldenEventsBecomePagesServedByApacheWithExactContent() {
        for (String name : List.of("upsert-all-types", "upsert-composite-key")) {
            KafkaRecordParts parts = GoldenEvents.load(name).record();
            String source = parts.headers().get("ce_source").substring("/rowcast/".length());
            events.send("rowcast.rows." + source, parts);
        }
        HttpResponse<String> row = site.awaitContaining("/orders/rows/42.html", "</html>");
        assertEquals("text/html; charset=utf-8", row.headers().firstValue("Content-Type").orElse(""));
        String html = row.body();
        assertTrue(html.contains("<th>Amount</th><td><small>DECIMAL(38,10)</small></td><td>1234567890123456789012345678.1234567890</td>"), html);
        assertTrue(html.contains("<th>Price</th><td><small>DECIMAL(19,4)</small></td><td>-0.5000</td>"), html);
        assertTrue(html.contains("<td>2024-02-29T23:59:59.1234567</td>"), html);
        assertTrue(html.contains("<td>2024-02-29T23:59:59.0000001+05:30</td>"), html);
        assertTrue(html.contains("<th>Comment</th><td><small>NVARCHAR(MAX)</small></td><td><span class=\"null\">NULL</span></td>"), html);
        assertTrue(html.contains("<th>Empty</th><td><small>NVARCHAR(10)</small></td><td><span class=\"empty\">(empty)</span></td>"), html);
        assertTrue(html.contains("<td>Grüße, 世界 — &quot;quoted&quot; &lt;b&gt;&amp;amp;&lt;/b&gt;</td>"), html);
        assertTrue(html.contains("<td>outside the BMP: 😀 𝄞 𐍈</td>"), html);
        assertTrue(html.contains("<title>42 · orders</title>"), html);

        String composite = site.awaitContaining("/order_5Flines/rows/7.2.html", "</html>").body();
        assertTrue(composite.contains("<h1>order_lines: 7 / 2</h1>"), composite);
        String index = site.awaitContaining("/index.html", "order_lines").body();
        assertTrue(index.contains("<title>Shop &lt;live&gt;</title>"), index);
        assertTrue(index.contains("<a href=\"orders/index.html\">orders</a>"), index);
    }

    @Test
    void anUpdateChangesThePageAndADeleteRemovesIt() {
        ObjectNode key = Events.key("Id", 7);
        events.send(events.upsert("customers", key, "Name", "Ada"));
        site.awaitContaining("/customers/rows/7.html", "<td>Ada</td>");
        events.send(events.upsert("customers", key, "Name", "Ada Lovelace"));
        site.awaitContaining("/customers/rows/7.html", "<td>Ada Lovelace</td>");
        assertTrue(site.get("/customers/index.html").body().contains("<a href=\"rows/7.html\">7</a>"));

        events.send(events.delete("customers", key));
        site.await("/customers/rows/7.html", r -> r.statusCode() == 404);
        String index = site.awaitContaining("/customers/index.html", "0 rows").body();
        assertFalse(index.contains("rows/7.html"), index);
    }

    @Test
    void hostileKeysStayInsideTheRootAndNeverCollide() throws Exception {
        List<String> keys = List.of("../../etc/passwd", "%2e%2e%2f", "a\u0000b", "x".repeat(1000), "😀 emoji", "CON", "con", "Con",
                "Alice", "alice", "..", ".", "", "index", "a/b\\c", "<script>alert(1)</script>", "_41lice");
        List<RowEvent> sent = new ArrayList<>();
        for (String k : keys) {
            sent.add(events.upsert("hostile", Events.key("K", k), "Value", "<script>alert('" + k.length() + "')</script>"));
        }
        events.send(sent.toArray(RowEvent[]::new));
        site.awaitContaining("/hostile/index.html", keys.size() + " rows");

        Path root = root().toRealPath();
        Set<Path> rowPages = new HashSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                try {
                    assertTrue(f.toRealPath().startsWith(root), f + " escaped the root");
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
                if (f.startsWith(root.resolve("hostile/rows"))) {
                    rowPages.add(f);
                }
            });
        }
        assertEquals(keys.size(), rowPages.size(), "one page per key, no two keys share a file: " + rowPages);
        Set<String> lowerCase = new HashSet<>();
        for (Path p : rowPages) {
            assertTrue(lowerCase.add(p.getFileName().toString().toLowerCase()), "names differ even without case: " + p);
            assertTrue(p.getFileName().toString().length() <= 160, p.toString());
        }
        for (Path p : rowPages) {
            String rel = root.relativize(p).toString();
            HttpResponse<String> page = site.get("/" + rel);
            assertEquals(200, page.statusCode(), rel);
            assertFalse(page.body().contains("<script>"), rel + " carries a live script tag");
            assertTrue(page.body().contains("&lt;script&gt;alert("), rel);
        }
        assertFalse(Files.exists(Path.of("/etc/passwd.html")));
    }

    @Test
    void aPoisonEventGoesToTheDeadLetterTopicAndTheRestFlows() throws Exception {
        ProducerRecord<byte[], byte[]> poison = new ProducerRecord<>("rowcast.rows.poison", "{\"Id\":1}".getBytes(StandardCharsets.UTF_8),
                "{not json".getBytes(StandardCharsets.UTF_8));
        poison.headers().add("ce_specversion", "1.0".getBytes()).add("ce_type", "rowcast.row.upserted.v1".getBytes());
        events.sendRaw(poison);
        KafkaRecordParts golden = GoldenEvents.load("upsert-composite-key").record();
        java.util.Map<String, String> wrongVersion = new java.util.LinkedHashMap<>(golden.headers());
        wrongVersion.put("ce_type", "rowcast.row.upserted.v9");
        events.send("rowcast.rows.poison", new KafkaRecordParts(golden.key(), wrongVersion, golden.value()));
        events.send(events.upsert("poison", Events.key("Id", 2), "Name", "after the poison"));
        site.awaitContaining("/poison/rows/2.html", "after the poison");

        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.broker().bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of("rowcast.dlq"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (dead.size() < 2 && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(300)).forEach(dead::add);
            }
        }
        assertEquals(2, dead.size());
        assertEquals("MISSING_HEADER", header(dead.get(0), "rowcast.dlq.reason"));
        assertTrue(header(dead.get(0), "rowcast.dlq.message").startsWith("MISSING_HEADER: missing required header"));
        assertEquals("rowcast.rows.poison", header(dead.get(0), "rowcast.dlq.topic"));
        assertEquals("{not json", new String(dead.get(0).value(), StandardCharsets.UTF_8), "the original value is kept");
        assertEquals("UNSUPPORTED_VERSION", header(dead.get(1), "rowcast.dlq.reason"));
        given().get("/q/metrics").then().body(containsString("rowcast_publisher_dead_letters_total{reason=\"UNSUPPORTED_VERSION\"} 1.0"));
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void aBurstIsPaginatedAndDoesNotRewriteTheIndexPerEvent() {
        double before = metric("rowcast_publisher_pages_written_total");
        List<RowEvent> burst = new ArrayList<>();
        for (int i = 1; i <= 250; i++) {
            burst.add(events.upsert("burst", Events.key("Id", i), "Name", "row " + i));
        }
        events.send(burst.toArray(RowEvent[]::new));
        String last = site.awaitContaining("/burst/page-3.html", "row 250").body();
        assertTrue(last.contains("<span>page 3</span>"), last);
        assertTrue(last.contains("<a href=\"page-2.html\" rel=\"prev\">"), last);
        String first = site.awaitContaining("/burst/index.html", "250 rows").body();
        assertTrue(first.contains("page 1 of 3") && first.contains("<a href=\"page-2.html\" rel=\"next\">"), first);
        assertTrue(first.indexOf("rows/1.html") < first.indexOf("rows/2.html") && first.contains("rows/100.html") && !first.contains("rows/101.html"),
                "page 1 holds keys 1..100 in numeric order");
        double written = metric("rowcast_publisher_pages_written_total") - before;
        assertTrue(written < 250 + 40, "250 row pages plus a few index writes, not one index write per event: " + written);
    }

    @Test
    void theTableLayoutShowsTheWholeResult() {
        events.send(events.upsert("regions", Events.key("Region", "North"), "Total", "1200.50"),
                events.upsert("regions", Events.key("Region", "South"), "Total", "80.00"));
        String page = site.awaitContaining("/regions/index.html", "South").body();
        assertTrue(page.contains("<h1>Totals per region</h1>"), page);
        assertTrue(page.contains("<thead><tr><th>Region</th><th>Total</th></tr></thead>"), page);
        assertTrue(page.contains("<tr><td>North</td><td>1200.50</td></tr>"), page);
        assertFalse(Files.exists(root().resolve("regions/rows")), "the table layout writes no row pages");
    }

    @Test
    void readinessReportsBrokerAndSite() {
        given().get("/q/health/ready").then().statusCode(200).body(containsString("writable"), containsString("reachable"));
    }

    private static double metric(String name) {
        String body = given().get("/q/metrics").then().extract().asString();
        return body.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{")).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
