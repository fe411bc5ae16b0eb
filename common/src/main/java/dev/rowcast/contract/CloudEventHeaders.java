package dev.rowcast.contract;

import java.util.List;

/** The CloudEvents 1.0 Kafka binary-mode header names and fixed values of contract v1. */
public final class CloudEventHeaders {
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String DATA_SCHEMA = "ce_dataschema";
    /** Extension attribute: the source position the row was read at (also in the value for upserts). */
    public static final String POSITION = "ce_position";
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";
    /** The contract version every type name of this build ends with. */
    public static final String VERSION = "v1";
    public static final String STATUS_TYPE = "rowcast.source.status";
    public static final String ROW_SCHEMA = "urn:rowcast:schema:row-event:v1";
    public static final String STATUS_SCHEMA = "urn:rowcast:schema:source-status:v1";
    public static final String SOURCE_PREFIX = "/rowcast/";

    /** Headers a row event must carry; {@code ce_dataschema} and {@code ce_position} are optional on read. */
    public static final List<String> REQUIRED = List.of(SPEC_VERSION, ID, SOURCE, TYPE, SUBJECT, TIME);

    private CloudEventHeaders() {
    }

    /** {@code rowcast.row.upserted} becomes {@code rowcast.row.upserted.v1}. */
    public static String versioned(String typeName) {
        return typeName + "." + VERSION;
    }

    public static String sourceUri(String source) {
        return SOURCE_PREFIX + source;
    }
}
