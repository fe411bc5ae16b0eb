package dev.rowcast.query.mode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rowcast.contract.Json;
import dev.rowcast.contract.RowEvent;
import dev.rowcast.query.config.SourceSettings;
import dev.rowcast.query.jdbc.RowReader;
import org.jboss.logging.Logger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Report-like queries: runs the whole query each poll and emits only what changed since the last snapshot,
 * with a delete (tombstone) for each key that is gone. The last snapshot is remembered as a hash per key; after
 * a restart it is rebuilt from the source's own compacted topic, so a restart re-emits nothing.
 */
public final class SnapshotQuerier implements Querier {

    private static final Logger LOG = Logger.getLogger(SnapshotQuerier.class);

    /** The rows the source's topic holds now: canonical key to {@link #fingerprint} of its columns. */
    @FunctionalInterface
    public interface PreviousSnapshot {
        Map<String, Long> load();
    }

    private final SourceSettings settings;
    private final Clock clock;
    private final PreviousSnapshot previous;
    private Map<String, Long> committedRows;
    private Map<String, Long> pendingRows;

    public SnapshotQuerier(SourceSettings settings, Clock clock, PreviousSnapshot previous) {
        this.settings = settings;
        this.clock = clock;
        this.previous = previous;
    }

    @Override
    public Position parse(String stored) {
        return SnapshotPosition.parse(stored);
    }

    @Override
    public PollResult poll(Connection connection, Position fromPosition, EventSink sink) throws SQLException {
        if (committedRows == null) {
            committedRows = previous.load();
        }
        SnapshotPosition next = ((SnapshotPosition) fromPosition).next();
        Instant now = clock.instant();
        Map<String, Long> rows = new HashMap<>(Math.max(16, committedRows.size() * 2));
        int changed = 0;
        int duplicates = 0;
        try (PreparedStatement ps = connection.prepareStatement(settings.query())) {
            ps.setFetchSize(settings.fetchSize());
            ps.setQueryTimeout((int) Math.max(1, settings.queryTimeout().toSeconds()));
            try (ResultSet rs = ps.executeQuery()) {
                RowReader reader = new RowReader(rs.getMetaData(), settings.key());
                while (rs.next()) {
                    ObjectNode columns = reader.columns(rs);
                    ObjectNode key = reader.key(columns);
                    if (RowReader.hasNullPart(key)) {
                        continue;
                    }
                    String canonicalKey = Json.write(key);
                    long fingerprint = fingerprint(columns);
                    if (rows.put(canonicalKey, fingerprint) != null) {
                        duplicates++;
                    }
                    Long before = committedRows.get(canonicalKey);
                    if (before == null || before != fingerprint) {
                        sink.emit(RowEvent.upsert(settings.name(), key, next.stored(), now, columns, reader.columnTypes()));
                        changed++;
                    }
                }
            }
        }
        if (duplicates > 0) {
            LOG.warnf("source %s: %d rows share a key with another row; key %s is not unique in the result", settings.name(),
                    duplicates, String.join(",", settings.key()));
        }
        for (String goneKey : committedRows.keySet()) {
            if (!rows.containsKey(goneKey)) {
                sink.emit(RowEvent.delete(settings.name(), parseKey(goneKey), next.stored(), now));
                changed++;
            }
        }
        pendingRows = rows;
        return new PollResult(changed == 0 ? fromPosition : next, rows.size() + duplicates, changed, false, 0L);
    }

    @Override
    public void committed() {
        if (pendingRows != null) {
            committedRows = pendingRows;
            pendingRows = null;
        }
    }

    @Override
    public void aborted() {
        pendingRows = null;
    }

    private static ObjectNode parseKey(String canonical) {
        try {
            return (ObjectNode) Json.parse(canonical);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a key written by this service parses", e);
        }
    }

    /** 64 bits of SHA-256 over the columns' canonical JSON: equal rows, equal fingerprints. */
    public static long fingerprint(ObjectNode columns) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return ByteBuffer.wrap(digest.digest(Json.write(columns).getBytes(StandardCharsets.UTF_8))).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
