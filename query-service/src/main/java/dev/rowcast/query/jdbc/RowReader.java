package dev.rowcast.query.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rowcast.contract.ColumnType;
import dev.rowcast.contract.Json;
import dev.rowcast.contract.RowEvent;
import dev.rowcast.contract.SqlType;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Turns result rows into the contract's exact JSON values. Built once per query from the result's metadata:
 * each column gets its contract type and the one JDBC getter that reads it without loss.
 */
public final class RowReader {

    /** The mssql-jdbc type code of DATETIMEOFFSET ({@code microsoft.sql.Types.DATETIMEOFFSET}). */
    private static final int MSSQL_DATETIMEOFFSET = -155;

    @FunctionalInterface
    private interface Getter {
        Object get(ResultSet rs, int index) throws SQLException;
    }

    private record Column(String name, ColumnType type, Getter getter) {
    }

    private final List<Column> columns = new ArrayList<>();
    private final Map<String, ColumnType> columnTypes = new LinkedHashMap<>();
    private final int[] keyIndexes;
    private final List<String> keyNames = new ArrayList<>();
    private Map<String, ColumnType> frozenTypes;

    /**
     * @throws UnknownColumnException when a key column is not in the result
     * @throws UnsupportedTypeException when a column's type has no exact JSON form in the contract
     */
    public RowReader(ResultSetMetaData meta, List<String> key) throws SQLException {
        int count = meta.getColumnCount();
        for (int i = 1; i <= count; i++) {
            String name = meta.getColumnLabel(i);
            Column column = column(name, meta, i);
            columns.add(column);
            columnTypes.put(name, column.type());
        }
        keyIndexes = new int[key.size()];
        for (int k = 0; k < key.size(); k++) {
            keyIndexes[k] = indexOf(key.get(k));
            keyNames.add(columns.get(keyIndexes[k] - 1).name());
        }
    }

    /** The 1-based index of a column, matched without regard to case as SQL Server's default collation does. */
    public int indexOf(String name) throws UnknownColumnException {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(name)) {
                return i + 1;
            }
        }
        throw new UnknownColumnException(name, columns.stream().map(Column::name).toList());
    }

    /** The same map for every row of the query: an event keeps it without a copy. */
    public Map<String, ColumnType> columnTypes() {
        if (frozenTypes == null) {
            frozenTypes = RowEvent.frozen(columnTypes);
        }
        return frozenTypes;
    }

    public ColumnType typeOf(int index) {
        return columns.get(index - 1).type();
    }

    /** The result's name of each key column, in configured order. */
    public List<String> keyNames() {
        return keyNames;
    }

    /** All columns of the current row, in result order. */
    public ObjectNode columns(ResultSet rs) throws SQLException {
        ObjectNode node = Json.object();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            node.set(c.name(), c.type().sqlType().encode(c.getter().get(rs, i + 1)));
        }
        return node;
    }

    /** The key of a row already read by {@link #columns}, in configured order. */
    public ObjectNode key(ObjectNode columns) {
        ObjectNode key = Json.object();
        for (String name : keyNames) {
            key.set(name, columns.get(name));
        }
        return key;
    }

    /** True when any key column is NULL: such a row cannot be addressed and is skipped with a warning. */
    public static boolean hasNullPart(ObjectNode key) {
        for (JsonNode v : key) {
            if (v.isNull()) {
                return true;
            }
        }
        return false;
    }

    private static Column column(String name, ResultSetMetaData meta, int i) throws SQLException {
        int jdbcType = meta.getColumnType(i);
        String typeName = String.valueOf(meta.getColumnTypeName(i)).toLowerCase(Locale.ROOT);
        int precision = meta.getPrecision(i);
        int scale = meta.getScale(i);
        if (typeName.equals("uniqueidentifier")) {
            return new Column(name, ColumnType.of(SqlType.UNIQUEIDENTIFIER), (rs, x) -> rs.getString(x));
        }
        if (typeName.equals("uuid")) {
            return new Column(name, ColumnType.of(SqlType.UNIQUEIDENTIFIER), (rs, x) -> rs.getObject(x, UUID.class));
        }
        if (typeName.equals("timestamp") && jdbcType == Types.BINARY) {
            // SQL Server's rowversion type is reported as "timestamp"
            return new Column(name, new ColumnType(SqlType.VARBINARY, 8, null), (rs, x) -> rs.getBytes(x));
        }
        switch (jdbcType) {
            case Types.TINYINT:
            case Types.SMALLINT:
            case Types.INTEGER:
                return new Column(name, ColumnType.of(SqlType.INT), (rs, x) -> nullable(rs, rs.getLong(x)));
            case Types.BIGINT:
                return new Column(name, ColumnType.of(SqlType.BIGINT), (rs, x) -> nullable(rs, rs.getLong(x)));
            case Types.BIT:
            case Types.BOOLEAN:
                return new Column(name, ColumnType.of(SqlType.BIT), (rs, x) -> nullable(rs, rs.getBoolean(x)));
            case Types.DECIMAL:
            case Types.NUMERIC:
                return new Column(name, new ColumnType(SqlType.DECIMAL, precision, Math.max(scale, 0)), (rs, x) -> rs.getBigDecimal(x));
            case Types.FLOAT:
            case Types.DOUBLE:
            case Types.REAL:
                return new Column(name, new ColumnType(SqlType.FLOAT, precision > 0 ? precision : null, null),
                        (rs, x) -> nullable(rs, rs.getDouble(x)));
            case Types.CHAR:
            case Types.VARCHAR:
            case Types.NCHAR:
            case Types.NVARCHAR:
            case Types.LONGVARCHAR:
            case Types.LONGNVARCHAR:
            case Types.CLOB:
            case Types.NCLOB:
            case Types.SQLXML:
                return new Column(name, new ColumnType(SqlType.NVARCHAR, length(precision), null), (rs, x) -> rs.getString(x));
            case Types.BINARY:
            case Types.VARBINARY:
            case Types.LONGVARBINARY:
            case Types.BLOB:
                return new Column(name, new ColumnType(SqlType.VARBINARY, length(precision), null), (rs, x) -> rs.getBytes(x));
            case Types.TIMESTAMP:
                return new Column(name, new ColumnType(SqlType.DATETIME2, fraction(scale), null),
                        (rs, x) -> rs.getObject(x, LocalDateTime.class));
            case Types.TIMESTAMP_WITH_TIMEZONE:
            case MSSQL_DATETIMEOFFSET:
                return new Column(name, new ColumnType(SqlType.DATETIMEOFFSET, fraction(scale), null),
                        (rs, x) -> rs.getObject(x, OffsetDateTime.class));
            case Types.DATE:
                return new Column(name, ColumnType.of(SqlType.DATE), (rs, x) -> rs.getObject(x, LocalDate.class));
            case Types.TIME:
            case Types.TIME_WITH_TIMEZONE:
                return new Column(name, new ColumnType(SqlType.TIME, fraction(scale), null), (rs, x) -> rs.getObject(x, LocalTime.class));
            default:
                throw new UnsupportedTypeException(name, meta.getColumnTypeName(i), jdbcType);
        }
    }

    private static Object nullable(ResultSet rs, Object value) throws SQLException {
        return rs.wasNull() ? null : value;
    }

    private static Integer length(int precision) {
        // (MAX) columns report 2^30-1 or 2^31-1 (H2: 10^9); a sized column is at most 8000
        return precision <= 0 || precision > 8000 ? ColumnType.MAX : precision;
    }

    private static Integer fraction(int scale) {
        return scale >= 0 && scale <= 9 ? scale : null;
    }

    /** A configured column the result does not have. */
    public static final class UnknownColumnException extends SQLException {
        public UnknownColumnException(String name, List<String> available) {
            super("column " + name + " is not in the query's result (it has " + String.join(", ", available) + ")", "42S22");
        }
    }

    /** A column type the contract cannot carry exactly. */
    public static final class UnsupportedTypeException extends SQLException {
        public UnsupportedTypeException(String column, String typeName, int jdbcType) {
            super("column " + column + " has type " + typeName + " (JDBC " + jdbcType + "), which rowcast cannot carry exactly;"
                    + " CAST it in the query", "0A000");
        }
    }
}
