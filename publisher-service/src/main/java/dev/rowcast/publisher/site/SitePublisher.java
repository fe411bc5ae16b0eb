package dev.rowcast.publisher.site;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rowcast.contract.RowEvent;
import dev.rowcast.publisher.config.PublisherConfig;
import dev.rowcast.publisher.config.SiteSettings;
import dev.rowcast.publisher.render.CellFormat;
import dev.rowcast.publisher.render.PageRenderer;
import dev.rowcast.publisher.render.Views;
import dev.rowcast.publisher.state.SiteState;
import dev.rowcast.publisher.state.SortKeys;
import dev.rowcast.publisher.state.StoredRow;
import org.h2.mvstore.MVMap;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Applies a batch of row events to the state and the site: each row's page written once per batch however many
 * events it had, each index page re-rendered at most once per batch, and only where its rows changed or moved.
 */
public final class SitePublisher {

    private static final int SUMMARY_COLUMNS = 6;

    private final SiteSettings settings;
    private final SiteState state;
    private final SitePaths paths;
    private final PageRenderer renderer;
    private final PageWriter writer;

    public SitePublisher(SiteSettings settings, SiteState state, SitePaths paths, PageRenderer renderer, PageWriter writer) {
        this.settings = settings;
        this.state = state;
        this.paths = paths;
        this.renderer = renderer;
        this.writer = writer;
    }

    /** Applies the events (in consumption order); the caller commits the state with the offsets afterwards. */
    public void apply(List<RowEvent> events) throws IOException {
        Map<String, LinkedHashMap<String, RowEvent>> latest = new LinkedHashMap<>();
        for (RowEvent e : events) {
            latest.computeIfAbsent(e.source(), s -> new LinkedHashMap<>()).put(SortKeys.of(e.key()), e);
        }
        boolean siteChanged = false;
        for (Map.Entry<String, LinkedHashMap<String, RowEvent>> source : latest.entrySet()) {
            siteChanged |= applySource(source.getKey(), source.getValue());
        }
        if (siteChanged) {
            writeSiteIndex();
        }
    }

    private boolean applySource(String source, Map<String, RowEvent> events) throws IOException {
        MVMap<String, String> rows = state.rows(source);
        boolean rowLayout = settings.layout(source) == PublisherConfig.Layout.ROW;
        long oldSize = rows.sizeAsLong();
        long firstShift = Long.MAX_VALUE;
        TreeSet<Long> changedRanks = new TreeSet<>();
        for (Map.Entry<String, RowEvent> entry : events.entrySet()) {
            String sortKey = entry.getKey();
            RowEvent event = entry.getValue();
            String before = rows.get(sortKey);
            if (event.isDelete()) {
                if (before == null) {
                    continue;
                }
                firstShift = Math.min(firstShift, rows.getKeyIndex(sortKey));
                rows.remove(sortKey);
                if (rowLayout) {
                    writer.delete(paths.rowPage(source, event.key()));
                }
            } else {
                if (before != null && StoredRow.load(before).sameAs(event)) {
                    continue;
                }
                rows.put(sortKey, StoredRow.store(event));
                long rank = rows.getKeyIndex(sortKey);
                if (before == null) {
                    firstShift = Math.min(firstShift, rank);
                } else {
                    changedRanks.add(rank);
                }
                if (rowLayout) {
                    writeRowPage(source, StoredRow.load(rows.get(sortKey)));
                }
            }
            state.lastUpdate(source, event.time().toString());
        }
        long newSize = rows.sizeAsLong();
        boolean changed = firstShift != Long.MAX_VALUE || !changedRanks.isEmpty();
        if (!changed && oldSize > 0) {
            return false;
        }
        int size = settings.pageSize();
        int oldPages = pages(oldSize, size);
        int newPages = pages(newSize, size);
        TreeSet<Integer> toRender = new TreeSet<>();
        if (firstShift != Long.MAX_VALUE) {
            for (int p = (int) (firstShift / size) + 1; p <= newPages; p++) {
                toRender.add(p);
            }
        }
        for (long rank : changedRanks) {
            toRender.add((int) (rank / size) + 1);
        }
        if (oldPages != newPages) {
            // the old last page gains or loses its "next" link; only page 1 shows totals, so no other page goes stale
            toRender.add(Math.min(oldPages, newPages));
            toRender.add(newPages);
        }
        toRender.add(1);
        for (int p : toRender) {
            writeSourcePage(source, rows, p, newPages);
        }
        for (int p = newPages + 1; p <= oldPages; p++) {
            writer.delete(paths.sourceIndex(source, p));
        }
        return true;
    }

    static int pages(long rows, int size) {
        return (int) Math.max(1, (rows + size - 1) / size);
    }

    private void writeRowPage(String source, StoredRow row) throws IOException {
        Views.RowPage view = new Views.RowPage(settings.title(), source, settings.title(source), CellFormat.keyText(row.key()),
                CellFormat.cells(row.columns(), row.types(), Integer.MAX_VALUE), row.position(), row.time());
        writer.write(paths.rowPage(source, row.key()), renderer.row(view));
    }

    private void writeSourcePage(String source, MVMap<String, String> rows, int page, int pages) throws IOException {
        boolean table = settings.layout(source) == PublisherConfig.Layout.TABLE;
        int size = settings.pageSize();
        long start = (long) (page - 1) * size;
        List<Views.RowLink> links = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        if (start < rows.sizeAsLong()) {
            Iterator<String> keys = rows.keyIterator(rows.getKey(start));
            while (keys.hasNext() && links.size() < size) {
                StoredRow row = StoredRow.load(rows.get(keys.next()));
                if (columns.isEmpty()) {
                    row.columns().fieldNames().forEachRemaining(columns::add);
                }
                links.add(new Views.RowLink(CellFormat.keyText(row.key()), SitePaths.rowHref(row.key()),
                        CellFormat.cells(row.columns(), row.types(), table ? Integer.MAX_VALUE : SUMMARY_COLUMNS)));
            }
        }
        List<String> shown = table ? columns : columns.subList(0, Math.min(SUMMARY_COLUMNS, columns.size()));
        Views.Pager pager = new Views.Pager(page, pages, page > 1 ? SitePaths.pageHref(page - 1) : null,
                page < pages ? SitePaths.pageHref(page + 1) : null);
        Views.SourcePage view = new Views.SourcePage(settings.title(), source, settings.title(source), rows.sizeAsLong(),
                state.lastUpdate(source), shown, links, pager);
        writer.write(paths.sourceIndex(source, page), renderer.sourcePage(view, table));
    }

    public void writeSiteIndex() throws IOException {
        List<Views.SourceSummary> sources = new ArrayList<>();
        for (String source : state.sources()) {
            sources.add(new Views.SourceSummary(source, settings.title(source), paths.sourceDir(source) + "/index.html",
                    state.rows(source).sizeAsLong(), state.lastUpdate(source)));
        }
        writer.write(paths.siteIndex(), renderer.siteIndex(new Views.SiteIndex(settings.title(), sources)));
    }

}
