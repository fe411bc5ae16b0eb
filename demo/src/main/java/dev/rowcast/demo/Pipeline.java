package dev.rowcast.demo;

import dev.rowcast.testkit.ApacheHttpd;
import dev.rowcast.testkit.KafkaBroker;
import dev.rowcast.testkit.Ports;
import dev.rowcast.testkit.ServiceProcess;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The whole pipeline on one machine, each part its own process as in production: database, the writer that
 * changes it, a real Kafka broker, query-service, publisher-service and a web server. Closing it stops everything
 * it started, newest first, by pid.
 */
public final class Pipeline implements AutoCloseable {

    /** What to start and where. */
    public record Options(Path home, Path dir, int sitePort, int kafkaPort, int queryPort, int publisherPort, double writerRate,
                          String interval, Path config, boolean forceStaticServer) {
    }

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final PrintStream out;
    private int dbPort;
    private String siteUrl;
    private ServiceProcess query;
    private ServiceProcess publisher;
    private Path siteRoot;
    private String webServer;

    private Pipeline(PrintStream out) {
        this.out = out;
    }

    public static Pipeline start(Options o, PrintStream out) throws Exception {
        Pipeline p = new Pipeline(out);
        try {
            p.startAll(o);
            return p;
        } catch (Exception | Error e) {
            p.close();
            throw e;
        }
    }

    private void startAll(Options o) throws Exception {
        Files.createDirectories(o.dir());
        Path logs = o.dir().resolve("logs");
        Files.createDirectories(logs);
        siteRoot = o.dir().resolve("site");
        Files.createDirectories(siteRoot);
        ApacheHttpd.makeWorldReadable(o.dir());
        ApacheHttpd.makeWorldReadable(siteRoot);
        int steps = o.config() == null ? 6 : 4;
        int step = 0;
        Map<String, String> sources;
        if (o.config() == null) {
            long t = System.nanoTime();
            dbPort = Ports.free();
            Process db = java(o, logs.resolve("database.log"), "org.h2.tools.Server", "-tcp", "-tcpPort", Integer.toString(dbPort),
                    "-ifNotExists", "-baseDir", o.dir().resolve("db").toString());
            started.push(() -> stop(db));
            if (!Ports.awaitListening("127.0.0.1", dbPort, Duration.ofSeconds(30), db::isAlive)) {
                throw new IllegalStateException("the demo database did not start; see " + logs.resolve("database.log"));
            }
            done(++step, steps, "demo database (H2, MSSQLServer mode) on 127.0.0.1:" + dbPort, t);
            t = System.nanoTime();
            try (var c = DemoDatabase.connect(DemoDatabase.url(dbPort))) {
                DemoDatabase.prepare(c);
            }
            Process writer = java(o, logs.resolve("writer.log"), DemoWriter.class.getName(), DemoDatabase.url(dbPort),
                    Double.toString(o.writerRate()), Long.toString(ProcessHandle.current().pid()));
            started.push(() -> stop(writer));
            done(++step, steps, "writer changing orders " + o.writerRate() + " times a second", t);
            sources = DemoDatabase.sources(DemoDatabase.url(dbPort), o.interval());
        } else {
            sources = new LinkedHashMap<>();
            Properties props = new Properties();
            try (var in = Files.newInputStream(o.config())) {
                props.load(in);
            }
            props.stringPropertyNames().forEach(k -> sources.put(k, props.getProperty(k)));
        }

        long t = System.nanoTime();
        KafkaBroker broker = KafkaBroker.start(o.dir().resolve("kafka"), false, o.kafkaPort());
        started.push(broker);
        done(++step, steps, "Kafka " + org.apache.kafka.common.utils.AppInfoParser.getVersion() + " broker on " + broker.bootstrapServers(), t);

        t = System.nanoTime();
        Map<String, String> q = new LinkedHashMap<>(sources);
        q.put("rowcast.kafka.bootstrap-servers", broker.bootstrapServers());
        query = ServiceProcess.start("query-service", o.home().resolve("query-service/target/quarkus-app/quarkus-run.jar"), q,
                logs.resolve("query-service.log"), "256m", o.queryPort());
        started.push(query);
        Map<String, String> pub = new LinkedHashMap<>();
        pub.put("rowcast.kafka.bootstrap-servers", broker.bootstrapServers());
        pub.put("rowcast.site.root", siteRoot.toString());
        pub.put("rowcast.site.title", "rowcast demo shop");
        pub.put("rowcast.kafka.group-id", "rowcast-demo-publisher");
        pub.put("rowcast.kafka.topic-refresh", "2s");
        if (o.config() == null) {
            pub.put("rowcast.site.pages.orders.title", "Orders");
            pub.put("rowcast.site.pages.regions.title", "Totals per region");
            pub.put("rowcast.site.pages.regions.layout", "table");
        }
        publisher = ServiceProcess.start("publisher-service", o.home().resolve("publisher-service/target/quarkus-app/quarkus-run.jar"), pub,
                logs.resolve("publisher-service.log"), "256m", o.publisherPort());
        started.push(publisher);
        query.awaitReady(Duration.ofSeconds(90));
        done(++step, steps, "query-service ready on http://127.0.0.1:" + query.httpPort(), t);
        t = System.nanoTime();
        publisher.awaitReady(Duration.ofSeconds(90));
        done(++step, steps, "publisher-service ready on http://127.0.0.1:" + publisher.httpPort(), t);

        t = System.nanoTime();
        if (ApacheHttpd.isInstalled() && !o.forceStaticServer()) {
            ApacheHttpd httpd = ApacheHttpd.start(siteRoot, o.dir().resolve("httpd"), "127.0.0.1", o.sitePort());
            started.push(httpd);
            webServer = "Apache httpd";
        } else {
            StaticSite site = StaticSite.start(siteRoot, o.sitePort());
            started.push(site);
            webServer = "built-in Vert.x static server (" + (o.forceStaticServer() ? "--static" : "Apache httpd is not installed") + ")";
        }
        siteUrl = "http://127.0.0.1:" + o.sitePort() + "/";
        done(++step, steps, "site served by " + webServer + " at " + siteUrl, t);
    }

    private void done(int step, int steps, String what, long startNanos) {
        out.printf("[%d/%d] %s (%d ms)%n", step, steps, what, (System.nanoTime() - startNanos) / 1_000_000);
    }

    private static Process java(Options o, Path log, String mainClass, String... args) throws IOException {
        String classpath = System.getProperty("java.class.path");
        var command = new java.util.ArrayList<String>(java.util.List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseSerialGC", "-cp", classpath, mainClass));
        command.addAll(java.util.List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private static void stop(Process p) {
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
        }
    }

    public String siteUrl() {
        return siteUrl;
    }

    public Path siteRoot() {
        return siteRoot;
    }

    public String databaseUrl() {
        return DemoDatabase.url(dbPort);
    }

    public ServiceProcess query() {
        return query;
    }

    public ServiceProcess publisher() {
        return publisher;
    }

    public String webServer() {
        return webServer;
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                out.println("while stopping: " + e);
            }
        }
    }

}
