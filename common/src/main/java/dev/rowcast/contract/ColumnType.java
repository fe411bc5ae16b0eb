package dev.rowcast.contract;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column's type as it travels in each event's {@code columnTypes}: the contract type and, where the
 * database reported them, precision and scale, written {@code DECIMAL(38,4)}, {@code DATETIME2(7)}, {@code INT}.
 */
public record ColumnType(SqlType sqlType, Integer precision, Integer scale) {

    /** The precision written {@code MAX}, as in {@code NVARCHAR(MAX)}. */
    public static final int MAX = -1;

    private static final Pattern FORM = Pattern.compile("([A-Z0-9]+)(?:\\((\\d+|MAX)(?:,(\\d+))?\\))?");

    public ColumnType {
        Objects.requireNonNull(sqlType, "sqlType");
        if (precision == null && scale != null) {
            throw new IllegalArgumentException("a scale needs a precision");
        }
    }

    public static ColumnType of(SqlType type) {
        return new ColumnType(type, null, null);
    }

    /** @throws IllegalArgumentException naming the text when it is not a known type */
    public static ColumnType parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a column type: '" + text + "'");
        }
        SqlType type;
        try {
            type = SqlType.valueOf(m.group(1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown column type: '" + text + "'");
        }
        Integer precision = m.group(2) == null ? null : "MAX".equals(m.group(2)) ? MAX : Integer.valueOf(m.group(2));
        Integer scale = m.group(3) == null ? null : Integer.valueOf(m.group(3));
        return new ColumnType(type, precision, scale);
    }

    @Override
    public String toString() {
        if (precision == null) {
            return sqlType.name();
        }
        return sqlType.name() + "(" + (precision.intValue() == MAX ? "MAX" : precision.toString()) + (scale == null ? "" : "," + scale) + ")";
    }
}
