package dev.rowcast.query.runtime;

import dev.rowcast.query.config.QueryServiceConfig;
import dev.rowcast.query.config.SourceSettings;
import dev.rowcast.query.config.Sources;
import dev.rowcast.query.jdbc.Dialect;
import dev.rowcast.query.kafka.KafkaClients;
import dev.rowcast.query.kafka.PositionStore;
import dev.rowcast.query.kafka.TopicSnapshot;
import dev.rowcast.query.mode.IncrementingQuerier;
import dev.rowcast.query.mode.KeyScanDeletes;
import dev.rowcast.query.mode.Querier;
import dev.rowcast.query.mode.RowVersionQuerier;
import dev.rowcast.query.mode.SnapshotQuerier;
import dev.rowcast.query.mode.TimestampQuerier;
import dev.rowcast.settings.InvalidSettingException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/** Starts one {@link SourceRunner} thread per configured source, after every setting has been checked. */
@ApplicationScoped
public class QueryService {

    private static final Logger LOG = Logger.getLogger(QueryService.class);

    @Inject
    QueryServiceConfig config;

    @Inject
    MeterRegistry registry;

    private final List<SourceRunner> runners = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    void start(@Observes StartupEvent event) {
        List<SourceSettings> sources;
        try {
            sources = Sources.validate(config);
        } catch (InvalidSettingException e) {
            // Quarkus prints a ConfigurationException without a cause as its message alone: one line naming the setting
            throw new ConfigurationException(e.getMessage(), Set.of(e.key()));
        }
        KafkaClients clients = new KafkaClients(config.kafka());
        PositionStore positions = new PositionStore(clients);
        Clock clock = Clock.systemUTC();
        for (SourceSettings source : sources) {
            Dialect dialect = Dialect.forUrl(source.jdbcUrl());
            SourceRunner runner = new SourceRunner(source, dialect, querier(source, dialect, clients, clock), clients, positions,
                    new SourceMonitor(source.name(), clock, registry), clock);
            runners.add(runner);
            Thread thread = new Thread(runner, "rowcast-source-" + source.name());
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        LOG.infof("query-service started with %d source(s) %s, Kafka %s", sources.size(), sources.stream().map(SourceSettings::name).toList(),
                config.kafka().bootstrapServers());
    }

    static Querier querier(SourceSettings source, Dialect dialect, KafkaClients clients, Clock clock) {
        TopicSnapshot topic = new TopicSnapshot(clients, source.name(), source.topic());
        Querier querier = switch (source.mode()) {
            case SNAPSHOT -> new SnapshotQuerier(source, clock, topic);
            case INCREMENTING -> new IncrementingQuerier(source, dialect, clock);
            case TIMESTAMP -> new TimestampQuerier(source, dialect, clock);
            case ROWVERSION -> new RowVersionQuerier(source, dialect, clock);
        };
        return source.deletes() == QueryServiceConfig.Deletes.KEY_SCAN ? new KeyScanDeletes(querier, source, dialect, clock, topic) : querier;
    }

    void stop(@Observes ShutdownEvent event) {
        runners.forEach(SourceRunner::stop);
        for (Thread thread : threads) {
            try {
                thread.join(20_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public List<SourceMonitor> monitors() {
        return Collections.unmodifiableList(runners.stream().map(SourceRunner::monitor).toList());
    }
}
