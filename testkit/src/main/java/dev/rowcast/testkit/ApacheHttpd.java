package dev.rowcast.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/**
 * A private Apache httpd: its own config (never {@code /etc/apache2}), a loopback port, a given document root,
 * started as a child process and stopped by its pid. Its logs stay in its work folder for a failing test to show.
 *
 * <p>Started as root, httpd's workers run as {@code www-data}: the site folder must be world-readable.
 */
public final class ApacheHttpd implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/sbin/apache2");
    private static final Path MODULES = Path.of("/usr/lib/apache2/modules");

    private final ChildProcess process;
    private final Path workDir;
    private final int port;

    private ApacheHttpd(ChildProcess process, Path workDir, int port) {
        this.process = process;
        this.workDir = workDir;
        this.port = port;
    }

    public static boolean isInstalled() {
        return Files.isExecutable(BINARY);
    }

    /** Serves {@code documentRoot} on a free loopback port; config, pid and logs go to a new temporary folder. */
    public static ApacheHttpd start(Path documentRoot) {
        try {
            return start(documentRoot, Files.createTempDirectory("rowcast-httpd-"), "127.0.0.1", Ports.free());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ApacheHttpd start(Path documentRoot, Path workDir, String host, int port) {
        if (!isInstalled()) {
            throw new IllegalStateException(BINARY + " not found: install Apache httpd (apt-get install -y apache2)");
        }
        try {
            Files.createDirectories(workDir);
            makeWorldReadable(workDir);
            Path conf = workDir.resolve("httpd.conf");
            Files.writeString(conf, config(documentRoot.toAbsolutePath(), workDir.toAbsolutePath(), host, port));
            Path log = workDir.resolve("httpd.out");
            Process p = new ProcessBuilder(BINARY.toString(), "-f", conf.toString(), "-DFOREGROUND")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            ChildProcess child = new ChildProcess("httpd", p, workDir.resolve("error.log"));
            if (!Ports.awaitListening(host, port, Duration.ofSeconds(20), child::isAlive)) {
                String why = Files.exists(log) ? Files.readString(log) : "";
                child.stop(5);
                throw new IllegalStateException("Apache httpd did not start on " + host + ":" + port + "\n" + why + "\n" + child.tail(30));
            }
            return new ApacheHttpd(child, workDir, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes a config for {@code documentRoot} on host:port into {@code workDir} and returns the command that runs
     * httpd in the foreground with it, for a caller that starts it elsewhere (e.g. in a network namespace).
     */
    public static java.util.List<String> prepare(Path documentRoot, Path workDir, String host, int port) throws IOException {
        Files.createDirectories(workDir);
        makeWorldReadable(workDir);
        Path conf = workDir.resolve("httpd.conf");
        Files.writeString(conf, config(documentRoot.toAbsolutePath(), workDir.toAbsolutePath(), host, port));
        return java.util.List.of(BINARY.toString(), "-f", conf.toString(), "-DFOREGROUND");
    }

    /** The configuration rowcast's web tier uses too: no listings, no version in headers, safe defaults. */
    static String config(Path documentRoot, Path workDir, String host, int port) {
        List<String> lines = List.of(
                "ServerRoot " + workDir,
                "Listen " + host + ":" + port,
                "ServerName " + host,
                "PidFile " + workDir.resolve("httpd.pid"),
                "DefaultRuntimeDir " + workDir,
                "LoadModule mpm_event_module " + MODULES.resolve("mod_mpm_event.so"),
                "LoadModule authz_core_module " + MODULES.resolve("mod_authz_core.so"),
                "LoadModule mime_module " + MODULES.resolve("mod_mime.so"),
                "LoadModule dir_module " + MODULES.resolve("mod_dir.so"),
                "LoadModule headers_module " + MODULES.resolve("mod_headers.so"),
                "ErrorLog " + workDir.resolve("error.log"),
                "LogLevel warn",
                "LogFormat \"%h %t \\\"%r\\\" %>s %b %D\" rowcast",
                "CustomLog " + workDir.resolve("access.log") + " rowcast",
                "TypesConfig /etc/mime.types",
                "AddDefaultCharset utf-8",
                "ServerTokens Prod",
                "ServerSignature Off",
                "TraceEnable Off",
                "DocumentRoot " + documentRoot,
                "DirectoryIndex index.html",
                "<Directory />",
                "  AllowOverride None",
                "  Require all denied",
                "</Directory>",
                "<Directory " + documentRoot + ">",
                "  Options -Indexes -FollowSymLinks",
                "  Require all granted",
                "</Directory>",
                // temporary files of atomic writes and the publisher's own folders are never served
                "<FilesMatch \"^\\.\">",
                "  Require all denied",
                "</FilesMatch>",
                "<DirectoryMatch \"/\\.\">",
                "  Require all denied",
                "</DirectoryMatch>",
                "Header always set X-Content-Type-Options nosniff",
                "Header always set Content-Security-Policy \"default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self'\"",
                "Header always set Referrer-Policy no-referrer",
                "Header set Cache-Control \"no-cache\"",
                "");
        return String.join("\n", lines);
    }

    /** Lets www-data read the folder and traverse to it. */
    public static void makeWorldReadable(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + "/" + (path.startsWith("/") ? path.substring(1) : path));
    }

    public Path workDir() {
        return workDir;
    }

    public String errorLogTail(int lines) {
        return process.tail(lines);
    }

    @Override
    public void close() {
        process.stop(10);
    }
}
