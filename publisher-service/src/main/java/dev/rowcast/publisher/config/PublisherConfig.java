package dev.rowcast.publisher.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every setting of the publisher, declared once; checked at start by {@link SiteSettings#from}. */
@ConfigMapping(prefix = "rowcast")
public interface PublisherConfig {

    Site site();

    Kafka kafka();

    interface Site {
        /** The folder Apache serves. Required. */
        Optional<Path> root();

        /** Sources to publish, read from {@code rowcast.rows.<source>}; empty = every {@code rowcast.rows.*} topic. */
        Optional<List<String>> sources();

        /** Per source: layout and title. */
        Map<String, PageConfig> pages();

        /** A folder of templates (site-index.html, source-index.html, row.html, table.html) that override the built-in ones. */
        Optional<Path> templates();

        /** Where the publisher keeps the state its pages need; default {@code <root>/.rowcast} (never served). */
        Optional<Path> state();

        /** The site's title on the index page. */
        @WithDefault("rowcast")
        String title();

        /** Rows per index (and table) page. */
        @WithDefault("100")
        int pageSize();
    }

    interface PageConfig {
        /** {@code row}: a page per row plus a paginated index; {@code table}: the result as paginated tables. */
        @WithDefault("row")
        Layout layout();

        Optional<String> title();
    }

    enum Layout { ROW, TABLE }

    interface Kafka {
        @WithDefault("localhost:9092")
        String bootstrapServers();

        /** Each web host's publisher needs its own group, so every host gets every page: default {@code rowcast-publisher-<hostname>}. */
        Optional<String> groupId();

        @WithDefault("rowcast.dlq")
        String dlqTopic();

        /** Larger values are dead-lettered as TOO_LARGE. */
        @WithDefault("1048576")
        int maxValueBytes();

        /** How often topics matching {@code rowcast.rows.*} are looked for. */
        @WithDefault("10s")
        Duration topicRefresh();
    }
}
