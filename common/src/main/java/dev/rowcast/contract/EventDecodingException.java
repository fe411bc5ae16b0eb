package dev.rowcast.contract;

/** An event that cannot be read, with the reason a dead-letter record carries. */
public class EventDecodingException extends Exception {

    /** Why an event was rejected; the name travels in the dead-letter topic's headers. */
    public enum Reason {
        MALFORMED_JSON, MISSING_HEADER, UNKNOWN_TYPE, UNSUPPORTED_VERSION, TOO_LARGE, INVALID_FIELD
    }

    private final Reason reason;

    public EventDecodingException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    public EventDecodingException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
