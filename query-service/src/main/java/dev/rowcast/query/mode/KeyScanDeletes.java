package dev.rowcast.query.mode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rowcast.contract.Json;
import dev.rowcast.contract.RowEvent;
import dev.rowcast.query.config.SourceSettings;
import dev.rowcast.query.jdbc.Dialect;
import dev.rowcast.query.jdbc.RowReader;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Gives an incremental mode sight of deletes ({@code deletes=key-scan}): once caught up, every
 * {@code delete-scan-interval} it reads the key columns of the whole source and emits a delete for each key that
 * the topic holds but the source no longer does, in the same transaction as the poll. The keys the topic holds are
 * rebuilt from the topic at start, like a snapshot's rows.
 */
public final class KeyScanDeletes implements Querier {

    private final Querier delegate;
    private final SourceSettings settings;
    private final Dialect dialect;
    private final Clock clock;
    private final SnapshotQuerier.PreviousSnapshot topic;
    private Set<String> live;
    private Set<String> pending;
    private Instant nextScan = Instant.MIN;

    public KeyScanDeletes(Querier delegate, SourceSettings settings, Dialect dialect, Clock clock, SnapshotQuerier.PreviousSnapshot topic) {
        this.delegate = delegate;
        this.settings = settings;
        this.dialect = dialect;
        this.clock = clock;
        this.topic = topic;
    }

    @Override
    public Position parse(String stored) {
        return delegate.parse(stored);
    }

    @Override
    public PollResult poll(Connection connection, Position from, EventSink sink) throws SQLException {
        if (live == null) {
            live = new HashSet<>(topic.load().keySet());
        }
        if (pending == null) {
            pending = new HashSet<>(live);
        }
        PollResult result = delegate.poll(connection, from, event -> {
            pending.add(event.canonicalKey());
            sink.emit(event);
        });
        Instant now = clock.instant();
        if (result.more() || now.isBefore(nextScan)) {
            return result;
        }
        nextScan = now.plus(settings.deleteScanInterval());
        Set<String> present = new HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement(dialect.keys(settings.fromClause(), settings.key()))) {
            ps.setFetchSize(settings.fetchSize());
            ps.setQueryTimeout((int) Math.max(1, settings.queryTimeout().toSeconds()));
            try (ResultSet rs = ps.executeQuery()) {
                RowReader reader = new RowReader(rs.getMetaData(), settings.key());
                while (rs.next()) {
                    present.add(Json.write(reader.key(reader.columns(rs))));
                }
            }
        }
        int deletes = 0;
        for (String key : Set.copyOf(pending)) {
            if (!present.contains(key)) {
                sink.emit(RowEvent.delete(settings.name(), keyNode(key), result.position().stored(), now));
                pending.remove(key);
                deletes++;
            }
        }
        return new PollResult(result.position(), result.rowsRead(), result.events() + deletes, false, result.lagMillis());
    }

    private static ObjectNode keyNode(String key) {
        try {
            return (ObjectNode) Json.parse(key);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void committed() {
        delegate.committed();
        live = pending;
        pending = null;
    }

    @Override
    public void aborted() {
        delegate.aborted();
        pending = null;
    }

}
