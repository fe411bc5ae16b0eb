package dev.rowcast.contract;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A read-only map in insertion order that the contract's types recognise as already safe to keep, so a map that is
 * handed on (a query's column types, the codec's headers) is not copied again per event.
 */
final class FrozenMap<K, V> extends AbstractMap<K, V> {

    private final Map<K, V> map;

    private FrozenMap(Map<K, V> map) {
        this.map = Collections.unmodifiableMap(map);
    }

    /** {@code map} itself when it is frozen already, else a frozen copy. */
    static <K, V> Map<K, V> of(Map<K, V> map) {
        return map instanceof FrozenMap ? map : new FrozenMap<>(new LinkedHashMap<>(map));
    }

    /** Freezes a map no one else holds, without copying it. */
    static <K, V> Map<K, V> owning(LinkedHashMap<K, V> map) {
        return new FrozenMap<>(map);
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        return map.entrySet();
    }

    @Override
    public V get(Object key) {
        return map.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return map.containsKey(key);
    }

    @Override
    public void forEach(BiConsumer<? super K, ? super V> action) {
        map.forEach(action);
    }
}
