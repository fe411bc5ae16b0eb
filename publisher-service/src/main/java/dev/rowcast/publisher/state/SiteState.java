package dev.rowcast.publisher.state;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the pages need, kept on disk beside them (H2's MVStore, one file): per source every current row in index
 * order, the consumed offsets, and a hash of each page last written. Offsets are committed together with the rows
 * they produced, so after a crash the publisher resumes exactly where its pages are.
 */
public final class SiteState implements AutoCloseable {

    private static final String ROWS = "rows.";
    private final MVStore store;
    private final MVMap<String, String> meta;
    private final MVMap<String, Long> offsets;
    private final MVMap<String, Long> pageHashes;

    private SiteState(MVStore store) {
        this.store = store;
        this.meta = store.openMap("meta");
        this.offsets = store.openMap("offsets");
        this.pageHashes = store.openMap("pages");
    }

    public static SiteState open(Path dir) throws IOException {
        Files.createDirectories(dir);
        MVStore store = new MVStore.Builder().fileName(dir.resolve("site-state.mv.db").toString())
                .autoCommitDisabled().cacheSize(16).open();
        SiteState state = new SiteState(store);
        if (state.siteId() == null) {
            state.meta.put("site-id", UUID.randomUUID().toString());
            store.commit();
        }
        return state;
    }

    /** Names this state; the site folder carries the same id while they belong together. */
    public String siteId() {
        return meta.get("site-id");
    }

    /** Forgets everything: the next consumption starts from the beginning of every topic. */
    public void reset() {
        for (String name : new ArrayList<>(store.getMapNames())) {
            if (name.startsWith(ROWS)) {
                store.removeMap(name);
            }
        }
        meta.clear();
        offsets.clear();
        pageHashes.clear();
        meta.put("site-id", UUID.randomUUID().toString());
        store.commit();
    }

    /** A source's rows: sort key to the stored row (see {@link StoredRow}). */
    public MVMap<String, String> rows(String source) {
        MVMap<String, String> rows = store.openMap(ROWS + source);
        meta.putIfAbsent("source." + source, "");
        return rows;
    }

    public List<String> sources() {
        List<String> sources = new ArrayList<>();
        for (String key : meta.keySet()) {
            if (key.startsWith("source.")) {
                sources.add(key.substring("source.".length()));
            }
        }
        return sources;
    }

    public String lastUpdate(String source) {
        String v = meta.get("updated." + source);
        return v == null ? "" : v;
    }

    public void lastUpdate(String source, String isoInstant) {
        String old = meta.get("updated." + source);
        if (old == null || old.compareTo(isoInstant) < 0) {
            meta.put("updated." + source, isoInstant);
        }
    }

    public Map<String, Long> offsets() {
        return offsets;
    }

    /** The hash of the content last written at a page path, or null. */
    public Long pageHash(String path) {
        return pageHashes.get(path);
    }

    public void pageHash(String path, Long hash) {
        if (hash == null) {
            pageHashes.remove(path);
        } else {
            pageHashes.put(path, hash);
        }
    }

    public void commit() {
        store.commit();
    }

    public void rollback() {
        store.rollback();
    }

    @Override
    public void close() {
        store.close();
    }
}
