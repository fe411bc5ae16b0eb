package dev.rowcast.query.runtime;

import dev.rowcast.contract.CloudEventCodec;
import dev.rowcast.contract.KafkaRecords;
import dev.rowcast.contract.RowEvent;
import dev.rowcast.contract.SourceStatus;
import dev.rowcast.query.config.SourceSettings;
import dev.rowcast.query.jdbc.Dialect;
import dev.rowcast.query.jdbc.SourceConnection;
import dev.rowcast.query.kafka.KafkaClients;
import dev.rowcast.query.kafka.PositionStore;
import dev.rowcast.query.kafka.TopicSetup;
import dev.rowcast.query.mode.Position;
import dev.rowcast.query.mode.Querier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The loop of one source, on its own thread: poll, send the events, the new position and the heartbeat in one
 * Kafka transaction, commit. It drains while rows keep coming and sleeps only when idle; errors are retried with
 * backoff (transient) or stop this source alone (permanent).
 */
public final class SourceRunner implements Runnable {

    private static final Logger LOG = Logger.getLogger(SourceRunner.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final long TRANSACTION_NANOS = 1_000_000_000L;

    private final SourceSettings settings;
    private final Dialect dialect;
    private final Querier querier;
    private final KafkaClients clients;
    private final PositionStore positions;
    private final SourceMonitor monitor;
    private final Clock clock;
    private final CloudEventCodec codec = new CloudEventCodec();
    private final SourceConnection connection;

    private volatile boolean stopping;
    private KafkaProducer<byte[], byte[]> producer;
    private Position committed;
    private int failures;
    private final DrainProgress progress;
    private final ReadAhead readAhead;
    private final BatchEncoder encoder;

    public SourceRunner(SourceSettings settings, Dialect dialect, Querier querier, KafkaClients clients, PositionStore positions,
                        SourceMonitor monitor, Clock clock) {
        this.settings = settings;
        this.dialect = dialect;
        this.querier = querier;
        this.clients = clients;
        this.positions = positions;
        this.monitor = monitor;
        this.clock = clock;
        this.connection = new SourceConnection(settings, dialect);
        this.progress = new DrainProgress(settings.name(), clock, PROGRESS_EVERY);
        this.readAhead = new ReadAhead(settings.name());
        this.encoder = new BatchEncoder(settings.name(), settings.topic(), codec);
    }

    public SourceMonitor monitor() {
        return monitor;
    }

    public void stop() {
        stopping = true;
    }

    @Override
    public void run() {
        LOG.infof("source %s: polling %s every %s in %s mode into %s", settings.name(), describeTarget(), settings.interval(),
                settings.mode().configName(), settings.topic());
        try {
            while (!stopping) {
                try {
                    if (committed == null) {
                        initialize();
                    }
                    boolean more = pollOnce();
                    failures = 0;
                    if (!more) {
                        progress.finish();
                        sleep(settings.interval());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (Exception | LinkageError e) {
                    if (stopping) {
                        break;
                    }
                    try {
                        if (!handle(e)) {
                            break;
                        }
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        } finally {
            readAhead.close();
            encoder.close();
            closeProducer();
            connection.close();
            LOG.infof("source %s: stopped at position %s", settings.name(), committed == null ? "(none)" : committed.stored());
        }
    }

    private String describeTarget() {
        return settings.table().orElse("a query");
    }

    /** Topics exist, and the committed position is read back: the restart point. */
    private void initialize() throws Exception {
        TopicSetup.ensureCompacted(clients, List.of(settings.topic(), positions.topic(), clients.config().statusTopic()));
        PositionStore.StoredPosition stored = positions.readAll().get(settings.name());
        if (stored == null) {
            committed = querier.parse("");
            LOG.infof("source %s: no committed position, reading from the start", settings.name());
        } else if (stored.mode() != settings.mode()) {
            committed = querier.parse("");
            LOG.warnf("source %s: the committed position was read in %s mode, now %s: reading from the start", settings.name(),
                    stored.mode().configName(), settings.mode().configName());
        } else {
            committed = querier.parse(stored.position());
            LOG.infof("source %s: resuming after committed position %s", settings.name(), stored.position().isEmpty() ? "(start)" : stored.position());
        }
        monitor.position(committed.stored());
        if (committed.isStart() && settings.table().isPresent()) {
            progress.expect(countRows());
        }
    }

    private long countRows() {
        try (Statement st = connection.get().createStatement(); ResultSet rs = st.executeQuery(dialect.count(settings.table().get()))) {
            return rs.next() ? rs.getLong(1) : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    /**
     * One transaction: a poll, and while catching up further polls, until the transaction holds
     * {@code transaction-rows} rows or has been open a second. True when rows are still waiting. While one poll's
     * records are sent and the transaction commits, the next poll is already being read ({@link ReadAhead}).
     */
    private boolean pollOnce() throws Exception {
        ensureProducer();
        long t0 = System.nanoTime();
        if (!readAhead.hasPollAfter(committed)) {
            readAhead.poll(committed, read(null, committed));
        }
        Position inFlight = committed;
        int read = 0;
        int events = 0;
        Querier.PollResult result;
        SourceStatus status;
        boolean more;
        try {
            producer.beginTransaction();
            do {
                ReadAhead.Batch batch = readAhead.take();
                result = batch.result();
                read += result.rowsRead();
                events += result.events();
                inFlight = result.position();
                if (result.more() && !stopping) {
                    readAhead.poll(inFlight, read(batch.connection(), inFlight));
                }
                for (ProducerRecord<byte[], byte[]> record : encoder.encode(batch.events())) {
                    producer.send(record);
                }
                more = result.more() && events < settings.transactionRows() && System.nanoTime() - t0 < TRANSACTION_NANOS && !stopping;
            } while (more);
            if (!inFlight.equals(committed)) {
                producer.send(positions.record(settings.name(), settings.mode(), inFlight.stored()));
            }
            status = monitor.success(read, events, inFlight.stored(), result.lagMillis(), Duration.ofNanos(System.nanoTime() - t0));
            producer.send(KafkaRecords.toProducerRecord(clients.config().statusTopic(), codec.encode(status)));
            producer.commitTransaction();
        } catch (Exception | LinkageError e) {
            readAhead.discard();
            readAhead.then(querier::aborted);
            throw e;
        }
        readAhead.then(querier::committed);
        monitor.committed(status);
        committed = inFlight;
        if (result.more() || progress.active()) {
            progress.add(events, committed.stored());
        }
        return result.more();
    }

    /**
     * Reads the poll after {@code from} on the reading thread, on the connection the previous poll used, or (null)
     * on a connection validated there: a JDBC connection is never used by two threads at once. Encoding is left to
     * the sending thread and its helper ({@link BatchEncoder}): reading alone keeps one thread busy
     * ({@code bench/run query-load}).
     */
    private Callable<ReadAhead.Batch> read(Connection previous, Position from) {
        return () -> {
            Connection c = previous != null ? previous : connection.get();
            List<RowEvent> events = new ArrayList<>();
            Querier.PollResult result = querier.poll(c, from, events::add);
            return new ReadAhead.Batch(result, events, c);
        };
    }

    private void ensureProducer() {
        if (producer == null) {
            producer = clients.transactionalProducer(settings.name());
            producer.initTransactions();
        }
    }

    /** False when the source must stop. */
    private boolean handle(Throwable e) throws InterruptedException {
        ErrorClassifier.Kind kind = ErrorClassifier.classify(e);
        String message = ErrorClassifier.describe(e);
        SourceStatus status = monitor.failure(kind, message);
        // whatever the producer and connection were doing is suspect: start both afresh, once no read uses them
        readAhead.discard();
        closeProducer();
        connection.close();
        if (kind == ErrorClassifier.Kind.PERMANENT) {
            LOG.errorf("source %s: FAILED, stopping this source (the others go on): %s", settings.name(), message);
            publishStatusQuietly(status);
            return false;
        }
        failures++;
        Duration backoff = backoff(failures);
        LOG.warnf("source %s: %s; retry %d in %d ms, position stays %s", settings.name(), message, failures, backoff.toMillis(),
                committed == null ? "(not read yet)" : committed.stored().isEmpty() ? "(start)" : committed.stored());
        publishStatusQuietly(status);
        sleep(backoff);
        return true;
    }

    static Duration backoff(int failures) {
        long ms = 500L << Math.min(failures, 10);
        return Duration.ofMillis(Math.min(ms, MAX_BACKOFF.toMillis()));
    }

    /** A heartbeat saying why the source is not running; Kafka itself may be what is down, so failures are ignored. */
    private void publishStatusQuietly(SourceStatus status) {
        try {
            ensureProducer();
            producer.beginTransaction();
            producer.send(KafkaRecords.toProducerRecord(clients.config().statusTopic(), codec.encode(status)));
            producer.commitTransaction();
        } catch (Exception | LinkageError ignored) {
            closeProducer();
        }
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(5));
            } catch (Exception ignored) {
                // closing a broken producer
            }
            producer = null;
        }
    }

    private void sleep(Duration d) throws InterruptedException {
        long end = System.nanoTime() + d.toNanos();
        while (!stopping) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Thread.sleep(Math.min(200, Math.max(1, left / 1_000_000)));
        }
    }
}
