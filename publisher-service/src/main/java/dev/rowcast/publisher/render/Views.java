package dev.rowcast.publisher.render;

import java.util.List;

/** What the templates show. Every string is raw: the templates escape it. */
public final class Views {
    private Views() {
    }

    /** One value: shown as it travels (decimals exact, timestamps ISO), NULL and empty text told apart. */
    public record Cell(String column, String type, String text, boolean isNull, boolean isEmpty) {
    }

    public record SourceSummary(String name, String title, String href, long rows, String updated) {
    }

    public record SiteIndex(String title, List<SourceSummary> sources) {
    }

    public record RowLink(String key, String href, List<Cell> cells) {
    }

    public record Pager(int page, int pages, String previousHref, String nextHref) {
        public boolean hasPrevious() {
            return previousHref != null;
        }

        public boolean hasNext() {
            return nextHref != null;
        }
    }

    /** A page of the source's index (row layout) or of its table (table layout). */
    public record SourcePage(String siteTitle, String source, String title, long rows, String updated, List<String> columns,
                             List<RowLink> rowLinks, Pager pager) {
    }

    public record RowPage(String siteTitle, String source, String title, String key, List<Cell> cells, String position, String time) {
    }
}
