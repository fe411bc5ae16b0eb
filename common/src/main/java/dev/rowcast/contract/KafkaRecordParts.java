package dev.rowcast.contract;

import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An event as Kafka carries it, free of any Kafka type so the contract needs no client library:
 * key bytes, headers (UTF-8 text values, in order) and value bytes (null for a tombstone).
 */
public record KafkaRecordParts(byte[] key, Map<String, String> headers, byte[] value) {

    public KafkaRecordParts {
        Objects.requireNonNull(key, "key");
        headers = headers instanceof Owned ? headers : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** For the codec, which builds a fresh header map per event and never touches it again: kept without a copy. */
    static KafkaRecordParts owning(byte[] key, LinkedHashMap<String, String> headers, byte[] value) {
        return new KafkaRecordParts(key, new Owned(headers), value);
    }

    /** A header map no one else holds, so it needs no defensive copy; read-only like every other. */
    private static final class Owned extends AbstractMap<String, String> {
        private final Map<String, String> map;

        Owned(Map<String, String> headers) {
            map = Collections.unmodifiableMap(headers);
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return map.entrySet();
        }

        @Override
        public String get(Object key) {
            return map.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return map.containsKey(key);
        }

        @Override
        public void forEach(BiConsumer<? super String, ? super String> action) {
            map.forEach(action);
        }
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
