package dev.rowcast.publisher;

import dev.rowcast.settings.InvalidSettingException;
import dev.rowcast.publisher.render.PageRenderer;
import dev.rowcast.publisher.render.Views;
import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.Variant;
import io.quarkus.qute.ReflectionValueResolver;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/** An operator's template replaces the built-in one, and its values are still HTML-escaped. */
class PageRendererTest {

    /**
     * The engine as Quarkus builds it for the service: HTML escaping for text/html templates; outside Quarkus no
     * resolvers are generated for the view records, so reflection stands in for them.
     */
    private static Engine engine() {
        return Engine.builder().addDefaults().addValueResolver(new ReflectionValueResolver())
                .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML))).build();
    }

    @Test
    void anOverrideTemplateIsUsedAndEscapes() throws Exception {
        Path folder = Files.createTempDirectory("rowcast-templates-");
        Files.writeString(folder.resolve("row.html"), "<h1>{view.title}: {view.key}</h1>{#for c in view.cells}<p>{c.column}={c.text}</p>{/for}");
        PageRenderer renderer = new PageRenderer(engine(), Optional.of(folder));
        String html = renderer.row(new Views.RowPage("site", "orders", "Orders", "<script>x</script>",
                List.of(new Views.Cell("Note", "NVARCHAR(10)", "a & b", false, false)), "1", "2026-01-01T00:00:00Z"));
        assertEquals("<h1>Orders: &lt;script&gt;x&lt;/script&gt;</h1><p>Note=a &amp; b</p>", html);
    }

    @Test
    void aBrokenOverrideStopsTheStartNamingTheSetting() throws Exception {
        Path folder = Files.createTempDirectory("rowcast-templates-");
        Files.writeString(folder.resolve("siteIndex.html"), "{#for s in view.sources}unclosed");
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> new PageRenderer(engine(), Optional.of(folder)));
        assertTrue(e.getMessage().startsWith("rowcast.site.templates: cannot use " + folder.resolve("siteIndex.html")), e.getMessage());
    }
}
