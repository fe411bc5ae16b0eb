package dev.rowcast.publisher.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rowcast.contract.ColumnType;
import dev.rowcast.contract.SqlType;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Values shown as they travel: the contract's exact text, binary shortened, NULL and "" marked. */
public final class CellFormat {

    static final int MAX_BINARY_CHARS = 64;

    private CellFormat() {
    }

    public static List<Views.Cell> cells(ObjectNode columns, Map<String, ColumnType> types, int limit) {
        List<Views.Cell> cells = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = columns.fields();
        while (it.hasNext() && cells.size() < limit) {
            Map.Entry<String, JsonNode> e = it.next();
            ColumnType type = types.get(e.getKey());
            cells.add(cell(e.getKey(), type, e.getValue()));
        }
        return cells;
    }

    public static Views.Cell cell(String column, ColumnType type, JsonNode value) {
        String typeName = type == null ? "" : type.toString();
        if (value == null || value.isNull()) {
            return new Views.Cell(column, typeName, "NULL", true, false);
        }
        String text = value.isTextual() ? value.textValue() : value.toString();
        if (type != null && type.sqlType() == SqlType.VARBINARY && text.length() > MAX_BINARY_CHARS) {
            int bytes = text.length() / 4 * 3;
            text = text.substring(0, MAX_BINARY_CHARS) + "… (" + bytes + " bytes, base64)";
        }
        return new Views.Cell(column, typeName, text, false, text.isEmpty());
    }

    /** A key for people: its values joined, {@code 42} or {@code 7 / 2}. */
    public static String keyText(ObjectNode key) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode v : key) {
            if (sb.length() > 0) {
                sb.append(" / ");
            }
            sb.append(v.isTextual() ? v.textValue() : v.toString());
        }
        return sb.toString();
    }

}
