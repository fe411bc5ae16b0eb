package dev.rowcast.testkit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class ApacheHttpdTest {

    static Path site;
    static ApacheHttpd httpd;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        site = Files.createTempDirectory("rowcast-site-");
        ApacheHttpd.makeWorldReadable(site);
        httpd = ApacheHttpd.start(site);
    }

    @AfterAll
    static void stop() {
        long pid = httpd.pid();
        httpd.close();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "httpd still alive after close");
        KafkaBroker.deleteTree(site);
        KafkaBroker.deleteTree(httpd.workDir());
    }

    private static HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(httpd.url(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aPageWrittenIntoTheFolderIsServedWithItsTypeAndExactBytes() throws Exception {
        byte[] page = "<!doctype html><title>Grüße 😀</title><p>42</p>\n".getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(site.resolve("orders"));
        ApacheHttpd.makeWorldReadable(site.resolve("orders"));
        Path file = site.resolve("orders/index.html");
        Files.write(file, page);
        file.toFile().setReadable(true, false);

        HttpResponse<byte[]> response = get("/orders/");
        assertEquals(200, response.statusCode(), httpd.errorLogTail(20));
        assertEquals("text/html; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
        assertArrayEquals(page, response.body());
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("Apache", response.headers().firstValue("Server").orElse(""), "no version in Server header");
    }

    @Test
    void missingPagesAre404AndHiddenFilesAndListingsAreRefused() throws Exception {
        assertEquals(404, get("/nope.html").statusCode());
        Files.writeString(site.resolve(".page.tmp"), "half a page");
        site.resolve(".page.tmp").toFile().setReadable(true, false);
        assertEquals(403, get("/.page.tmp").statusCode());
        Path noIndex = site.resolve("no-index");
        Files.createDirectories(noIndex);
        ApacheHttpd.makeWorldReadable(noIndex);
        Files.writeString(noIndex.resolve("secret-name.html"), "x");
        noIndex.resolve("secret-name.html").toFile().setReadable(true, false);
        HttpResponse<byte[]> listing = get("/no-index/");
        assertEquals(404, listing.statusCode(), "a folder without index.html is not listed");
        assertFalse(new String(listing.body(), StandardCharsets.UTF_8).contains("secret-name"));
    }
}
