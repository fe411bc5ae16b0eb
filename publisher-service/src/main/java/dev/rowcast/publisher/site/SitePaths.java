package dev.rowcast.publisher.site;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.List;

/**
 * Where every page of the site lives, and the check that it stays inside the site root:
 * {@code index.html}; per source {@code <source>/index.html}, {@code <source>/page-N.html} and, for the row
 * layout, {@code <source>/rows/<slug>.html}.
 */
public final class SitePaths {

    private final Path root;

    public SitePaths(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path siteIndex() {
        return root.resolve("index.html");
    }

    public String sourceDir(String source) {
        return Slug.of(List.of(source));
    }

    public Path sourceIndex(String source, int page) {
        return inside(root.resolve(sourceDir(source)).resolve(page <= 1 ? "index.html" : "page-" + page + ".html"));
    }

    /** The page's address relative to the source's folder. */
    public static String pageHref(int page) {
        return page <= 1 ? "index.html" : "page-" + page + ".html";
    }

    public Path rowPage(String source, ObjectNode key) {
        return inside(root.resolve(sourceDir(source)).resolve("rows").resolve(Slug.of(key) + ".html"));
    }

    /** The row page's address relative to the source's folder. */
    public static String rowHref(ObjectNode key) {
        return "rows/" + Slug.of(key) + ".html";
    }

    /** A path that is not under the root is a bug, not a page: refuse it. */
    Path inside(Path p) {
        Path normal = p.toAbsolutePath().normalize();
        if (!normal.startsWith(root) || normal.equals(root)) {
            throw new IllegalArgumentException("refusing a path outside the site root: " + p);
        }
        return normal;
    }
}
