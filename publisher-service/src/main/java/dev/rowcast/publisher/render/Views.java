package dev.rowcast.publisher.render;

import io.quarkus.qute.TemplateData;

import java.util.List;

/**
 * What the templates show. Every string is raw: the templates escape it. {@code @TemplateData} makes each record
 * resolvable from untyped templates too: the shared fragments (pager, cell) and an operator's overrides.
 */
public final class Views {
    private Views() {
    }

    /** One value: shown as it travels (decimals exact, timestamps ISO), NULL and empty text told apart. */
    @TemplateData
    public record Cell(String column, String type, String text, boolean isNull, boolean isEmpty) {
    }

    @TemplateData
    public record SourceSummary(String name, String title, String href, long rows, String updated) {
    }

    @TemplateData
    public record SiteIndex(String title, List<SourceSummary> sources) {
    }

    @TemplateData
    public record RowLink(String key, String href, List<Cell> cells) {
    }

    @TemplateData
    public record Pager(int page, int pages, String previousHref, String nextHref) {
        public boolean hasPrevious() {
            return previousHref != null;
        }

        public boolean hasNext() {
            return nextHref != null;
        }
    }

    @TemplateData
    /** A page of the source's index (row layout) or of its table (table layout). */
    public record SourcePage(String siteTitle, String source, String title, long rows, String updated, List<String> columns,
                             List<RowLink> rowLinks, Pager pager) {
    }

    @TemplateData
    public record RowPage(String siteTitle, String source, String title, String key, List<Cell> cells, String position, String time) {
    }
}
