package dev.rowcast.demo;

import java.nio.file.Path;

/**
 * {@code ./rowcast demo} and {@code ./rowcast run --config FILE}: the whole pipeline on this machine until Ctrl-C.
 */
public final class Demo {

    private Demo() {
    }

    static final String USAGE = """
            usage: ./rowcast demo [options]              the pipeline on an embedded demo database that keeps changing
                   ./rowcast run --config FILE [options]  the pipeline on your own sources (rowcast.sources.* in FILE)
            options:
              --dir DIR              where data, logs and the site go (default .rowcast/demo)
              --site-port N          the site's port (default 8080)
              --kafka-port N         the broker's port (default 9092)
              --query-port N         query-service's HTTP port (default 8081)
              --publisher-port N     publisher-service's HTTP port (default 8082)
              --rate N               demo writer's changes per second (default 2)
              --interval D           poll interval of the demo sources (default 1s)
              --static               serve the site with the built-in server even if Apache httpd is installed
            """;

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !(args[0].equals("demo") || args[0].equals("run"))) {
            System.err.print(USAGE);
            System.exit(2);
        }
        Path home = Path.of(System.getProperty("rowcast.home", ".")).toAbsolutePath().normalize();
        Path dir = home.resolve(".rowcast/demo");
        int site = 8080;
        int kafka = 9092;
        int query = 8081;
        int publisher = 8082;
        double rate = 2;
        String interval = "1s";
        Path config = null;
        boolean staticServer = false;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            try {
                switch (a) {
                    case "--dir" -> dir = Path.of(args[++i]).toAbsolutePath();
                    case "--site-port" -> site = Integer.parseInt(args[++i]);
                    case "--kafka-port" -> kafka = Integer.parseInt(args[++i]);
                    case "--query-port" -> query = Integer.parseInt(args[++i]);
                    case "--publisher-port" -> publisher = Integer.parseInt(args[++i]);
                    case "--rate" -> rate = Double.parseDouble(args[++i]);
                    case "--interval" -> interval = args[++i];
                    case "--config" -> config = Path.of(args[++i]).toAbsolutePath();
                    case "--static" -> staticServer = true;
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            } catch (RuntimeException e) {
                System.err.println("rowcast: " + e.getMessage());
                System.err.print(USAGE);
                System.exit(2);
            }
        }
        if (args[0].equals("run") && config == null) {
            System.err.println("rowcast: run needs --config FILE with your rowcast.sources.* settings");
            System.exit(2);
        }
        for (int port : new int[] {site, kafka, query, publisher}) {
            if (!free(port)) {
                System.err.println("rowcast: port " + port + " is in use; choose another with the options below");
                System.err.print(USAGE);
                System.exit(2);
            }
        }
        System.out.println("rowcast: starting the pipeline in " + dir + " (logs in " + dir.resolve("logs") + ")");
        Pipeline pipeline = Pipeline.start(new Pipeline.Options(home, dir, site, kafka, query, publisher, rate, interval, config, staticServer),
                System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nrowcast: stopping everything it started");
            pipeline.close();
            System.out.println("rowcast: stopped");
        }));
        System.out.printf("""

                rowcast is running. Rows become pages:
                  site                   %s
                  query-service health   http://127.0.0.1:%d/q/health   metrics http://127.0.0.1:%d/q/metrics
                  publisher health       http://127.0.0.1:%d/q/health   metrics http://127.0.0.1:%d/q/metrics
                  Kafka                  127.0.0.1:%d
                Ctrl-C stops everything.
                """, pipeline.siteUrl(), query, query, publisher, publisher, kafka);
        Thread.currentThread().join();
    }

    private static boolean free(int port) {
        try (var s = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
