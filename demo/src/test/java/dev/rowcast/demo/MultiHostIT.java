package dev.rowcast.demo;

import dev.rowcast.testkit.ApacheHttpd;
import dev.rowcast.testkit.KafkaBroker;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * rowcast across hosts, on network namespaces joined by a VXLAN overlay: the database and query-service on one
 * host, Kafka on another, publisher + Apache on two web hosts (a third joins later with an empty volume). Rows
 * written to the database become pages on every web host; a web host cut off for some seconds catches up with
 * nothing lost; a new web host rebuilds the whole site. Needs root (it creates namespaces), as CI runs it.
 */
class MultiHostIT {

    static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    static final String DB_URL = "jdbc:h2:tcp://127.0.0.1:9101/shop" + DemoDatabase.OPTIONS;
    static final String KAFKA = Hosts.overlay(2) + ":9092";

    private Path dir;

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private List<String> jvm(String heap, String... rest) {
        List<String> c = new ArrayList<>(List.of(java(), "-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        c.addAll(List.of(rest));
        return c;
    }

    private void sql(Hosts hosts, String... statements) throws Exception {
        List<String> c = new ArrayList<>(List.of(java(), "-Xmx64m", "-cp", System.getProperty("java.class.path"), Sql.class.getName(), DB_URL));
        c.addAll(List.of(statements));
        hosts.in("db", c.toArray(String[]::new));
    }

    private void webHost(Hosts hosts, String host, int id) throws Exception {
        hosts.add(host, id);
        Path site = dir.resolve(host + "/site");
        Files.createDirectories(site);
        ApacheHttpd.makeWorldReadable(dir.resolve(host));
        ApacheHttpd.makeWorldReadable(site);
        hosts.start(host, dir.resolve(host + "/publisher.log"), jvm("256m", "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=8082",
                "-Drowcast.site.root=" + site, "-Drowcast.kafka.bootstrap-servers=" + KAFKA, "-Drowcast.kafka.group-id=rowcast-publisher-" + host,
                "-Drowcast.kafka.topic-refresh=2s", "-jar", HOME.resolve("publisher-service/target/quarkus-app/quarkus-run.jar").toString()));
        hosts.start(host, dir.resolve(host + "/httpd.out"), ApacheHttpd.prepare(site, dir.resolve(host + "/httpd"), Hosts.overlay(id), 8080));
    }

    /** Milliseconds until the host's Apache serves an orders index with {@code rows} rows and {@code mustContain}. */
    private long converge(Hosts hosts, String host, int id, int rows, String page, String mustContain, Duration bound) throws Exception {
        long t0 = System.nanoTime();
        String last = null;
        while (System.nanoTime() - t0 < bound.toNanos()) {
            String index = hosts.output(host, "curl", "-sf", "--max-time", "3", "http://" + Hosts.overlay(id) + ":8080/orders/index.html");
            if (index != null && index.contains(rows + " rows")) {
                last = hosts.output(host, "curl", "-sf", "--max-time", "3", "http://" + Hosts.overlay(id) + ":8080/" + page);
                if (last != null && last.contains(mustContain)) {
                    return (System.nanoTime() - t0) / 1_000_000;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError(host + " did not converge to " + rows + " rows with " + page + " showing '" + mustContain + "' within "
                + bound + "; last page: " + last);
    }

    @Test
    void rowsBecomePagesOnEveryWebHostThroughCutsAndJoins() throws Exception {
        dir = Files.createTempDirectory("rowcast-multihost-");
        ApacheHttpd.makeWorldReadable(dir);
        try (Hosts hosts = new Hosts()) {
            hosts.add("db", 1);
            hosts.add("kafka", 2);
            // Kafka on its own host, listening on the overlay
            hosts.start("kafka", dir.resolve("kafka.log"), jvm("512m", "-cp", KafkaBroker.brokerClasspath(), "dev.rowcast.testkit.KafkaBrokerMain",
                    "--data", dir.resolve("kafka").toString(), "--port", "9092", "--host", Hosts.overlay(2),
                    "--parent-pid", Long.toString(ProcessHandle.current().pid())));
            // the database and query-service together on the database host
            hosts.start("db", dir.resolve("h2.log"), jvm("128m", "-cp", System.getProperty("java.class.path"), "org.h2.tools.Server", "-tcp",
                    "-tcpPort", "9101", "-ifNotExists", "-baseDir", dir.resolve("db").toString()));
            Thread.sleep(1500);
            sql(hosts, "CREATE SEQUENCE IF NOT EXISTS rv_seq", "CREATE TABLE IF NOT EXISTS Orders (OrderId INT PRIMARY KEY, Customer NVARCHAR(100),"
                    + " Status NVARCHAR(20), RV BINARY(8) DEFAULT CAST(NEXT VALUE FOR rv_seq AS BINARY(8)) ON UPDATE CAST(NEXT VALUE FOR rv_seq AS BINARY(8)))");
            List<String> q = new ArrayList<>(List.of("-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=8081", "-Drowcast.kafka.bootstrap-servers=" + KAFKA));
            DemoDatabase.sources(DB_URL, "1s").forEach((k, v) -> {
                if (k.startsWith("rowcast.sources.orders.")) {
                    q.add("-D" + k + "=" + v);
                }
            });
            q.addAll(List.of("-jar", HOME.resolve("query-service/target/quarkus-app/quarkus-run.jar").toString()));
            hosts.start("db", dir.resolve("query-service.log"), jvm("256m", q.toArray(String[]::new)));
            webHost(hosts, "web1", 3);
            webHost(hosts, "web2", 4);

            sql(hosts, "INSERT INTO Orders (OrderId, Customer, Status) SELECT X, CONCAT('customer ', X), 'new' FROM SYSTEM_RANGE(1, 50)");
            long first1 = converge(hosts, "web1", 3, 50, "orders/rows/50.html", "customer 50", Duration.ofSeconds(120));
            long first2 = converge(hosts, "web2", 4, 50, "orders/rows/50.html", "customer 50", Duration.ofSeconds(60));

            // web2 is cut off while rows change
            hosts.link("web2", false);
            long cut = System.nanoTime();
            sql(hosts, "INSERT INTO Orders (OrderId, Customer, Status) SELECT X, CONCAT('customer ', X), 'new' FROM SYSTEM_RANGE(51, 80)",
                    "UPDATE Orders SET Status = 'shipped' WHERE OrderId <= 10", "DELETE FROM Orders WHERE OrderId BETWEEN 41 AND 45");
            long during1 = converge(hosts, "web1", 3, 75, "orders/rows/10.html", "<td>shipped</td>", Duration.ofSeconds(60));
            String isolated = hosts.output("web2", "curl", "-sf", "--max-time", "3", "http://" + Hosts.overlay(4) + ":8080/orders/index.html");
            assertTrue(isolated != null && isolated.contains("50 rows"), "web2 still serves what it had while cut off");
            long sleep = 8000 - (System.nanoTime() - cut) / 1_000_000;
            if (sleep > 0) {
                Thread.sleep(sleep);
            }
            long cutFor = (System.nanoTime() - cut) / 1_000_000;
            hosts.link("web2", true);
            long after2 = converge(hosts, "web2", 4, 75, "orders/rows/10.html", "<td>shipped</td>", Duration.ofSeconds(120));
            assertEquals(null, hosts.output("web2", "curl", "-sf", "--max-time", "3", "http://" + Hosts.overlay(4) + ":8080/orders/rows/43.html"),
                    "a row deleted during the cut is gone on web2 too");

            // a third web host joins with an empty volume
            long join = System.nanoTime();
            webHost(hosts, "web3", 5);
            long joined = converge(hosts, "web3", 5, 75, "orders/rows/80.html", "customer 80", Duration.ofSeconds(120));
            System.out.printf("multi-host convergence: first 50 rows on web1 %d ms, on web2 %d ms; web1 during web2's %d ms cut %d ms;"
                    + " web2 after its link came back %d ms; new web3 with an empty volume %d ms (join to full site %d ms)%n",
                    first1, first2, cutFor, during1, after2, joined, (System.nanoTime() - join) / 1_000_000);
        }
    }
}
