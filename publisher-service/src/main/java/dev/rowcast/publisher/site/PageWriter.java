package dev.rowcast.publisher.site;

import dev.rowcast.publisher.state.SiteState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Writes pages atomically and only when their content changed (the state remembers a hash of what each path
 * holds), so a re-delivered event or an index page that did not move rewrites nothing.
 */
public final class PageWriter {

    private final SitePaths paths;
    private final SiteState state;
    private final Counter written;
    private final Counter unchanged;
    private final Counter deleted;
    private final Timer writeTime;

    public PageWriter(SitePaths paths, SiteState state, MeterRegistry registry) {
        this.paths = paths;
        this.state = state;
        this.written = Counter.builder("rowcast.publisher.pages.written").description("Pages written (new or changed)").register(registry);
        this.unchanged = Counter.builder("rowcast.publisher.pages.unchanged").description("Page writes skipped: same content").register(registry);
        this.deleted = Counter.builder("rowcast.publisher.pages.deleted").description("Pages removed").register(registry);
        this.writeTime = Timer.builder("rowcast.publisher.page.write").description("Time to write one page atomically")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    public void write(Path page, String html) throws IOException {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        String rel = relative(page);
        long hash = hash(bytes);
        Long before = state.pageHash(rel);
        if (before != null && before == hash && java.nio.file.Files.exists(page)) {
            unchanged.increment();
            return;
        }
        long t0 = System.nanoTime();
        AtomicFiles.write(page, bytes);
        writeTime.record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
        state.pageHash(rel, hash);
        written.increment();
    }

    public void delete(Path page) throws IOException {
        if (AtomicFiles.delete(page)) {
            deleted.increment();
        }
        state.pageHash(relative(page), null);
    }

    private String relative(Path page) {
        return paths.root().relativize(page).toString();
    }

    private static long hash(byte[] bytes) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(bytes)).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
