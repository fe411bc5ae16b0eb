package dev.rowcast.publisher.render;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The built-in, type-checked templates ({@code templates/Pages/*.html}); HTML-escaped by default. */
@CheckedTemplate(basePath = "Pages")
public class Pages {
    public static native TemplateInstance siteIndex(Views.SiteIndex view);

    public static native TemplateInstance sourceIndex(Views.SourcePage view);

    public static native TemplateInstance table(Views.SourcePage view);

    public static native TemplateInstance row(Views.RowPage view);
}
