package dev.rowcast.contract;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;

/**
 * The SQL types the contract carries, each with its exact JSON form.
 *
 * <p>{@link #encode} takes the canonical Java value of the type (as read through JDBC) and gives the JSON
 * value that travels; {@link #decode} gives the canonical Java value back. Round trips are exact:
 * DECIMAL keeps every digit and its scale, DATETIME2 and TIME keep all 7 fractional digits,
 * DATETIMEOFFSET keeps its offset.
 */
public enum SqlType {
    /** INT, SMALLINT and TINYINT: a JSON integer. */
    INT,
    /** BIGINT: a JSON integer (a consumer in JavaScript should read it as a BigInt above 2^53). */
    BIGINT,
    /** BIT: a JSON boolean. */
    BIT,
    /** DECIMAL / NUMERIC / MONEY: a string of its digits, scale kept ("12.50"). */
    DECIMAL,
    /** FLOAT / REAL: a JSON number with the double's shortest exact decimal form. */
    FLOAT,
    /** NVARCHAR, VARCHAR, NCHAR, CHAR, (N)TEXT, XML: a JSON string (any Unicode, surrogate pairs included). */
    NVARCHAR,
    /** VARBINARY, BINARY, IMAGE, ROWVERSION: standard base64 with padding. */
    VARBINARY,
    /** DATETIME2, DATETIME, SMALLDATETIME: "2024-02-29T23:59:59.1234567", always 7 fractional digits. */
    DATETIME2,
    /** DATETIMEOFFSET: "2024-02-29T23:59:59.1234567+05:30", always 7 fractional digits and an offset. */
    DATETIMEOFFSET,
    /** DATE: "2024-02-29". */
    DATE,
    /** TIME: "23:59:59.1234567", always 7 fractional digits. */
    TIME,
    /** UNIQUEIDENTIFIER: the upper-case text form SQL Server shows. */
    UNIQUEIDENTIFIER;

    static final DateTimeFormatter DATETIME2_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSS", Locale.ROOT);
    static final DateTimeFormatter DATETIMEOFFSET_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSxxx", Locale.ROOT);
    static final DateTimeFormatter TIME_FORMAT = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSSS", Locale.ROOT);

    /**
     * {@link #DATETIME2_FORMAT}'s text, written digit by digit: a table's timestamps are formatted once per row, and
     * the formatter was a tenth of the reading thread's time ({@code bench/run query-load}). Years outside 0..9999
     * (not SQL Server's, but possible in H2) take the formatter.
     */
    static String datetime2Text(LocalDateTime t) {
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            return DATETIME2_FORMAT.format(t);
        }
        char[] c = new char[27];
        digits(c, 0, year, 4);
        c[4] = '-';
        digits(c, 5, t.getMonthValue(), 2);
        c[7] = '-';
        digits(c, 8, t.getDayOfMonth(), 2);
        c[10] = 'T';
        time(c, 11, t.toLocalTime());
        return new String(c);
    }

    /** {@link #TIME_FORMAT}'s text, written digit by digit. */
    static String timeText(LocalTime t) {
        char[] c = new char[16];
        time(c, 0, t);
        return new String(c);
    }

    /** HH:mm:ss.SSSSSSS at {@code at}: 16 characters, the fraction cut (not rounded) to 100 ns as the formatter does. */
    private static void time(char[] c, int at, LocalTime t) {
        digits(c, at, t.getHour(), 2);
        c[at + 2] = ':';
        digits(c, at + 3, t.getMinute(), 2);
        c[at + 5] = ':';
        digits(c, at + 6, t.getSecond(), 2);
        c[at + 8] = '.';
        digits(c, at + 9, t.getNano() / 100, 7);
    }

    private static void digits(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--, value /= 10) {
            c[i] = (char) ('0' + value % 10);
        }
    }

    /** The JSON value of a canonical Java value of this type; null stays null. */
    public JsonNode encode(Object value) {
        if (value == null) {
            return Json.NODES.nullNode();
        }
        try {
            switch (this) {
                case INT:
                case BIGINT:
                    return Json.NODES.numberNode(((Number) value).longValue());
                case BIT:
                    return Json.NODES.booleanNode((Boolean) value);
                case DECIMAL:
                    return Json.NODES.textNode(((BigDecimal) value).toPlainString());
                case FLOAT:
                    return Json.NODES.numberNode(new BigDecimal(Double.toString(((Number) value).doubleValue())));
                case NVARCHAR:
                    return Json.NODES.textNode((String) value);
                case VARBINARY:
                    return Json.NODES.textNode(Base64.getEncoder().encodeToString((byte[]) value));
                case DATETIME2:
                    return Json.NODES.textNode(datetime2Text((LocalDateTime) value));
                case DATETIMEOFFSET:
                    return Json.NODES.textNode(DATETIMEOFFSET_FORMAT.format((OffsetDateTime) value));
                case DATE:
                    return Json.NODES.textNode(((LocalDate) value).toString());
                case TIME:
                    return Json.NODES.textNode(timeText((LocalTime) value));
                case UNIQUEIDENTIFIER:
                    return Json.NODES.textNode(value.toString().toUpperCase(Locale.ROOT));
                default:
                    throw new AssertionError(this);
            }
        } catch (ClassCastException e) {
            throw new IllegalArgumentException(this + " cannot carry a " + value.getClass().getName(), e);
        }
    }

    /**
     * The canonical Java value of a JSON value of this type: Long, Boolean, BigDecimal, Double, String,
     * byte[], LocalDateTime, OffsetDateTime, LocalDate, LocalTime or UUID; JSON null gives null.
     *
     * @throws IllegalArgumentException naming the type when the JSON value is not of its form
     */
    public Object decode(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            switch (this) {
                case INT:
                case BIGINT:
                    require(node.isIntegralNumber() && node.canConvertToLong(), node);
                    return node.longValue();
                case BIT:
                    require(node.isBoolean(), node);
                    return node.booleanValue();
                case DECIMAL:
                    require(node.isTextual(), node);
                    return new BigDecimal(node.textValue());
                case FLOAT:
                    require(node.isNumber(), node);
                    return node.doubleValue();
                case NVARCHAR:
                    require(node.isTextual(), node);
                    return node.textValue();
                case VARBINARY:
                    require(node.isTextual(), node);
                    return Base64.getDecoder().decode(node.textValue());
                case DATETIME2:
                    require(node.isTextual(), node);
                    return LocalDateTime.parse(node.textValue(), DATETIME2_FORMAT);
                case DATETIMEOFFSET:
                    require(node.isTextual(), node);
                    return OffsetDateTime.parse(node.textValue(), DATETIMEOFFSET_FORMAT);
                case DATE:
                    require(node.isTextual(), node);
                    return LocalDate.parse(node.textValue());
                case TIME:
                    require(node.isTextual(), node);
                    return LocalTime.parse(node.textValue(), TIME_FORMAT);
                case UNIQUEIDENTIFIER:
                    require(node.isTextual(), node);
                    return UUID.fromString(node.textValue());
                default:
                    throw new AssertionError(this);
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("not a " + this + " value: " + Json.write(node), e);
        }
    }

    private void require(boolean ok, JsonNode node) {
        if (!ok) {
            throw new IllegalArgumentException("not a " + this + " value: " + Json.write(node));
        }
    }

    /** The bytes of a ROWVERSION / BINARY(8) as the unsigned long SQL Server orders them by. */
    public static long rowVersionToLong(byte[] bytes) {
        if (bytes.length != 8) {
            throw new IllegalArgumentException("a rowversion has 8 bytes, not " + bytes.length);
        }
        return ByteBuffer.wrap(bytes).getLong();
    }
}
