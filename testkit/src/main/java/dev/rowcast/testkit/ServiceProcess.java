package dev.rowcast.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged rowcast service ({@code target/quarkus-app/quarkus-run.jar}) run as its own process, as in
 * production: settings as system properties, output to a log file, stopped gently (TERM) or killed (KILL) by pid.
 */
public final class ServiceProcess implements AutoCloseable {

    // HTTP/1.1 only: the JDK client's h2c upgrade attempt can hang against a plain HTTP/1.1 server
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final ChildProcess process;
    private final Path log;
    private final int httpPort;

    private ServiceProcess(String name, ChildProcess process, Path log, int httpPort) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
    }

    /** Starts {@code jar} with the settings and a free HTTP port; returns once it is started (not necessarily ready). */
    public static ServiceProcess start(String name, Path jar, Map<String, String> settings, Path log, String maxHeap) {
        return start(name, jar, settings, log, maxHeap, Ports.free());
    }

    /** As {@link #start(String, Path, Map, Path, String)}, on a given HTTP port. */
    public static ServiceProcess start(String name, Path jar, Map<String, String> settings, Path log, String maxHeap, int port) {
        List<String> command = command(jar, settings, maxHeap, port);
        try {
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            ServiceProcess service = new ServiceProcess(name, new ChildProcess(name, p, log), log, port);
            if (!Ports.awaitListening("127.0.0.1", port, Duration.ofSeconds(60), p::isAlive)) {
                String tail = service.logTail(80);
                service.kill();
                throw new IllegalStateException(name + " did not start\n" + tail);
            }
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How a service that ended by itself ended: its exit code and everything it printed. */
    public record Exit(int code, String output) {
    }

    /**
     * Runs {@code jar} until it exits by itself, as a service refusing its settings at start does; killed (and
     * reported as exit code -1) if it is still running after {@code timeout}.
     */
    public static Exit runUntilExit(Path jar, Map<String, String> settings, Path log, Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);
        Process p = new ProcessBuilder(command(jar, settings, "128m", Ports.free())).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        int code = -1;
        if (p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            code = p.exitValue();
        } else {
            p.destroyForcibly().waitFor();
        }
        return new Exit(code, Files.readString(log));
    }

    private static List<String> command(Path jar, Map<String, String> settings, String maxHeap, int port) {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " not found: package the service first (mvn package)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap, "-XX:+UseSerialGC", "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1"));
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    public int httpPort() {
        return httpPort;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The HTTP status and body of a GET, or status -1 when nothing answers. */
    public HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Waits until {@code /q/health/ready} answers 200. */
    public void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && isAlive()) {
            HttpResponse<String> r = get("/q/health/ready");
            if (r != null && r.statusCode() == 200) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " not ready after " + timeout + "\n" + logTail(60));
    }

    /** Heap in use now, from the service's own Prometheus metrics (0 when it does not answer). */
    public long heapUsedBytes() {
        HttpResponse<String> r = get("/q/metrics");
        if (r == null || r.statusCode() != 200) {
            return 0;
        }
        long sum = 0;
        for (String line : r.body().split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{area=\"heap\"")) {
                sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    public String logTail(int lines) {
        return process.tail(lines);
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /** TERM: a clean shutdown. */
    public void stop() {
        process.stop(30);
    }

    /** KILL: no shutdown hook, no flush, mid-whatever. */
    public void kill() {
        process.process().destroyForcibly();
        try {
            process.process().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
