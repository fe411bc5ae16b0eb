package dev.rowcast.publisher.runtime;

import dev.rowcast.publisher.config.PublisherConfig;
import dev.rowcast.publisher.config.SiteSettings;
import dev.rowcast.publisher.kafka.DeadLetters;
import dev.rowcast.publisher.kafka.EventConsumer;
import dev.rowcast.publisher.render.PageRenderer;
import dev.rowcast.publisher.site.AtomicFiles;
import dev.rowcast.publisher.site.PageWriter;
import dev.rowcast.publisher.site.SitePaths;
import dev.rowcast.publisher.site.SitePublisher;
import dev.rowcast.publisher.state.SiteState;
import dev.rowcast.settings.InvalidSettingException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.qute.Engine;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Wires the publisher at start: checks the settings, opens the state, rebuilds from the topics when the site
 * folder is new or empty, and starts the consuming thread.
 */
@ApplicationScoped
public class PublisherService {

    private static final Logger LOG = Logger.getLogger(PublisherService.class);
    /** The site folder's marker: the id of the state it was built from. */
    static final String MARKER = ".rowcast-site";

    @Inject
    PublisherConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    Engine engine;

    private SiteSettings settings;
    private SiteState state;
    private EventConsumer consumer;
    private DeadLetters deadLetters;
    private Thread thread;

    void start(@Observes StartupEvent event) throws Exception {
        PageRenderer renderer;
        try {
            settings = SiteSettings.from(config);
            renderer = new PageRenderer(engine, settings.templates());
        } catch (InvalidSettingException e) {
            // Quarkus prints a ConfigurationException without a cause as its message alone: one line naming the setting
            throw new ConfigurationException(e.getMessage(), Set.of(e.key()));
        }
        state = SiteState.open(settings.state());
        SitePaths paths = new SitePaths(settings.root());
        Path marker = settings.root().resolve(MARKER);
        String markerId = Files.exists(marker) ? Files.readString(marker, StandardCharsets.UTF_8).trim() : null;
        if (!state.siteId().equals(markerId)) {
            LOG.infof("site folder %s is new or was emptied: rebuilding every page from the compacted topics", settings.root());
            state.reset();
            AtomicFiles.write(marker, state.siteId().getBytes(StandardCharsets.UTF_8));
        }
        PageWriter writer = new PageWriter(paths, state, registry);
        SitePublisher publisher = new SitePublisher(settings, state, paths, renderer, writer);
        if (!Files.exists(paths.siteIndex())) {
            publisher.writeSiteIndex();
            state.commit();
        }
        deadLetters = new DeadLetters(settings.bootstrapServers(), settings.dlqTopic(), settings.groupId(), registry);
        consumer = new EventConsumer(settings, state, publisher, deadLetters, Clock.systemUTC());
        Gauge.builder("rowcast.publisher.consumer.lag", consumer, EventConsumer::lag)
                .description("Row events not yet consumed, over all partitions (-1 before the first poll)").register(registry);
        Gauge.builder("rowcast.publisher.seconds.since.last.event", consumer, c -> c.lastEvent() == null ? -1
                : Duration.between(c.lastEvent(), Instant.now()).toMillis() / 1000.0)
                .description("Seconds since the newest event published was read from its source (-1 before the first)").register(registry);
        thread = new Thread(consumer, "rowcast-publisher");
        thread.setDaemon(true);
        thread.start();
        LOG.infof("publisher-service started: site %s, group %s, sources %s, Kafka %s", settings.root(), settings.groupId(),
                settings.sources().map(Object::toString).orElse("every " + SiteSettings.TOPIC_PREFIX + "*"), settings.bootstrapServers());
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (consumer != null) {
            consumer.stop();
            thread.join(20_000);
            deadLetters.close();
            state.close();
        }
    }

    public SiteSettings settings() {
        return settings;
    }

    public EventConsumer consumer() {
        return consumer;
    }

    public boolean running() {
        return thread != null && thread.isAlive();
    }
}
