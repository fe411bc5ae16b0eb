package dev.rowcast.contract;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

class SqlTypeTest {

    private static Object roundTrip(SqlType type, Object value) throws Exception {
        // through text, as on the wire
        JsonNode parsed = Json.parse(Json.write(type.encode(value)));
        return type.decode(parsed);
    }

    @Test
    void decimalKeepsEveryDigitAndItsScale() throws Exception {
        BigDecimal big = new BigDecimal("1234567890123456789012345678.1234567890");
        assertEquals("\"1234567890123456789012345678.1234567890\"", Json.write(SqlType.DECIMAL.encode(big)));
        BigDecimal back = (BigDecimal) roundTrip(SqlType.DECIMAL, big);
        assertEquals(big, back);
        assertEquals(10, back.scale());
        assertEquals("\"12.50\"", Json.write(SqlType.DECIMAL.encode(new BigDecimal("12.50"))));
        assertEquals("\"10000000000000000000000\"", Json.write(SqlType.DECIMAL.encode(new BigDecimal("1E+22"))));
    }

    @Test
    void datetime2AndTimeTextIsTheFormattersTextForAnyValue() {
        Random random = new Random(20261204);
        List<LocalDateTime> values = new ArrayList<>(List.of(LocalDateTime.of(1, 1, 1, 0, 0), LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999),
                LocalDateTime.of(0, 1, 1, 0, 0, 0, 99), LocalDateTime.of(10000, 1, 1, 0, 0), LocalDateTime.of(-1, 6, 15, 12, 30, 0, 100)));
        for (int i = 0; i < 20_000; i++) {
            values.add(LocalDateTime.of(random.nextInt(10_200) - 100, 1 + random.nextInt(12), 1 + random.nextInt(28),
                    random.nextInt(24), random.nextInt(60), random.nextInt(60), random.nextInt(1_000_000_000)));
        }
        for (LocalDateTime t : values) {
            assertEquals(SqlType.DATETIME2_FORMAT.format(t), SqlType.datetime2Text(t), t::toString);
            assertEquals(SqlType.TIME_FORMAT.format(t.toLocalTime()), SqlType.timeText(t.toLocalTime()), t::toString);
        }
    }

    @Test
    void datetime2KeepsAllSevenFractionalDigits() throws Exception {
        LocalDateTime t = LocalDateTime.parse("2024-02-29T23:59:59.1234567");
        assertEquals("\"2024-02-29T23:59:59.1234567\"", Json.write(SqlType.DATETIME2.encode(t)));
        assertEquals(t, roundTrip(SqlType.DATETIME2, t));
        assertEquals("\"2024-01-01T00:00:00.0000000\"", Json.write(SqlType.DATETIME2.encode(LocalDateTime.parse("2024-01-01T00:00"))));
    }

    @Test
    void datetimeoffsetKeepsItsOffset() throws Exception {
        OffsetDateTime t = OffsetDateTime.parse("2024-02-29T23:59:59.0000001-08:00");
        assertEquals("\"2024-02-29T23:59:59.0000001-08:00\"", Json.write(SqlType.DATETIMEOFFSET.encode(t)));
        assertEquals(t, roundTrip(SqlType.DATETIMEOFFSET, t));
        assertEquals("\"2024-02-29T23:59:59.0000000+00:00\"",
                Json.write(SqlType.DATETIMEOFFSET.encode(OffsetDateTime.parse("2024-02-29T23:59:59Z"))));
    }

    @Test
    void otherTypesRoundTripExactly() throws Exception {
        assertEquals(Long.MAX_VALUE, roundTrip(SqlType.BIGINT, Long.MAX_VALUE));
        assertEquals(-2147483648L, roundTrip(SqlType.INT, Integer.MIN_VALUE));
        assertEquals(true, roundTrip(SqlType.BIT, true));
        assertEquals(0.1d, roundTrip(SqlType.FLOAT, 0.1d));
        String astral = "\uD83D\uDE00 \uD834\uDD1E \u0000 end";
        assertEquals(astral, roundTrip(SqlType.NVARCHAR, astral));
        assertArrayEquals(new byte[] {0, -1, 127, -128}, (byte[]) roundTrip(SqlType.VARBINARY, new byte[] {0, -1, 127, -128}));
        assertEquals(LocalDate.parse("9999-12-31"), roundTrip(SqlType.DATE, LocalDate.parse("9999-12-31")));
        assertEquals(LocalTime.parse("00:00:00.0000001"), roundTrip(SqlType.TIME, LocalTime.parse("00:00:00.0000001")));
        UUID id = UUID.fromString("6f9619ff-8b86-d011-b42d-00c04fc964ff");
        assertEquals("\"6F9619FF-8B86-D011-B42D-00C04FC964FF\"", Json.write(SqlType.UNIQUEIDENTIFIER.encode(id)));
        assertEquals(id, roundTrip(SqlType.UNIQUEIDENTIFIER, id));
        for (SqlType type : SqlType.values()) {
            assertNull(roundTrip(type, null), type + " null");
        }
    }

    @Test
    void wrongFormsAreRejectedNamingTheType() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SqlType.DECIMAL.decode(Json.NODES.numberNode(1.5)));
        assertEquals("not a DECIMAL value: 1.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SqlType.DATETIME2.decode(Json.NODES.textNode("2024-02-29T23:59:59.123")));
        assertTrue(e.getMessage().startsWith("not a DATETIME2 value"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SqlType.INT.encode("42"));
        assertEquals("INT cannot carry a java.lang.String", e.getMessage());
    }

    @Test
    void columnTypesParseAndPrint() {
        assertEquals("DECIMAL(38,4)", ColumnType.parse("DECIMAL(38,4)").toString());
        assertEquals("NVARCHAR(MAX)", ColumnType.parse("NVARCHAR(MAX)").toString());
        assertEquals(SqlType.DATETIME2, ColumnType.parse("DATETIME2(7)").sqlType());
        assertEquals("unknown column type: 'MONEYBAGS'", assertThrows(IllegalArgumentException.class, () -> ColumnType.parse("MONEYBAGS")).getMessage());
        assertEquals("not a column type: 'int'", assertThrows(IllegalArgumentException.class, () -> ColumnType.parse("int")).getMessage());
    }
}
