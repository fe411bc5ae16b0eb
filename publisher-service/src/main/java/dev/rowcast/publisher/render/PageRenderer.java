package dev.rowcast.publisher.render;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.Variant;
import dev.rowcast.settings.InvalidSettingException;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Renders pages with the built-in templates, or with an operator's own from {@code rowcast.site.templates}
 * (same file names: siteIndex.html, sourceIndex.html, table.html, row.html; the data is {@code view}).
 * Overrides are parsed as HTML, so their values are escaped too.
 */
public final class PageRenderer {

    private static final Logger LOG = Logger.getLogger(PageRenderer.class);
    static final String[] NAMES = {"siteIndex", "sourceIndex", "table", "row"};

    private final Map<String, Template> overrides = new HashMap<>();

    public PageRenderer(Engine engine, Optional<Path> folder) {
        if (folder.isEmpty()) {
            return;
        }
        for (String name : NAMES) {
            Path file = folder.get().resolve(name + ".html");
            if (Files.isRegularFile(file)) {
                try {
                    overrides.put(name, engine.parse(Files.readString(file, StandardCharsets.UTF_8), Variant.forContentType(Variant.TEXT_HTML),
                            "override/" + name + ".html"));
                    LOG.infof("using template %s", file);
                } catch (IOException | RuntimeException e) {
                    throw new InvalidSettingException("rowcast.site.templates", "cannot use " + file + ": " + e.getMessage());
                }
            }
        }
    }

    private String render(String name, Supplier<TemplateInstance> builtIn, Object view) {
        Template override = overrides.get(name);
        return override == null ? builtIn.get().render() : override.data("view", view).render();
    }

    public String siteIndex(Views.SiteIndex view) {
        return render("siteIndex", () -> Pages.siteIndex(view), view);
    }

    public String sourcePage(Views.SourcePage view, boolean table) {
        return table ? render("table", () -> Pages.table(view), view) : render("sourceIndex", () -> Pages.sourceIndex(view), view);
    }

    public String row(Views.RowPage view) {
        return render("row", () -> Pages.row(view), view);
    }
}
