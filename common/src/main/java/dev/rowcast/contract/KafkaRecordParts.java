package dev.rowcast.contract;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An event as Kafka carries it, free of any Kafka type so the contract needs no client library:
 * key bytes, headers (UTF-8 text values, in order) and value bytes (null for a tombstone).
 */
public record KafkaRecordParts(byte[] key, Map<String, String> headers, byte[] value) {

    public KafkaRecordParts {
        Objects.requireNonNull(key, "key");
        headers = FrozenMap.of(headers);
    }

    /** For the codec, which builds a fresh header map per event and never touches it again: kept without a copy. */
    static KafkaRecordParts owning(byte[] key, LinkedHashMap<String, String> headers, byte[] value) {
        return new KafkaRecordParts(key, FrozenMap.owning(headers), value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KafkaRecordParts other
                && Arrays.equals(key, other.key) && headers.equals(other.headers) && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(key) + headers.hashCode()) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "KafkaRecordParts[key=" + new String(key, java.nio.charset.StandardCharsets.UTF_8) + ", headers=" + headers
                + ", value=" + (value == null ? "null" : new String(value, java.nio.charset.StandardCharsets.UTF_8)) + "]";
    }
}
