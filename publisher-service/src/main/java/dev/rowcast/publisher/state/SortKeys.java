package dev.rowcast.publisher.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The order rows are listed in: by key, numbers as numbers (2 before 10), text as text. The sort key is a string
 * that orders that way, so the state store's own ordering is the index order.
 */
public final class SortKeys {
    private SortKeys() {
    }

    public static String of(ObjectNode key) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode v : key) {
            if (sb.length() > 0) {
                sb.append('\u0001');
            }
            if (v.isIntegralNumber() && v.canConvertToLong()) {
                // flip the sign bit: unsigned order of the result is signed order of the value
                sb.append('n').append(String.format("%016x", v.longValue() ^ Long.MIN_VALUE));
            } else if (v.isNull()) {
                sb.append('0');
            } else {
                sb.append('s').append(v.isTextual() ? v.textValue() : v.toString());
            }
        }
        return sb.toString();
    }
}
