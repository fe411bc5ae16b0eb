package dev.rowcast.publisher;

import dev.rowcast.testkit.ApacheHttpd;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** Reads the site as a reader does: through the real Apache httpd. */
public final class Site {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ApacheHttpd httpd;

    public Site(ApacheHttpd httpd) {
        this.httpd = httpd;
    }

    public HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(httpd.url(path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the page at {@code path} answers as {@code done} wants. */
    public HttpResponse<String> await(String path, Predicate<HttpResponse<String>> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = get(path);
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("page " + path + " never matched; last: " + (last == null ? "none" : last.statusCode() + "\n" + last.body())
                + "\n" + httpd.errorLogTail(10));
    }

    public HttpResponse<String> awaitContaining(String path, String text) {
        return await(path, r -> r.statusCode() == 200 && r.body().contains(text));
    }
}
