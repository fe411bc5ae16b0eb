package dev.rowcast.publisher.config;

/** A setting that is missing or wrong; the message is one line that starts with the setting's full name. */
public class InvalidSettingException extends RuntimeException {
    public InvalidSettingException(String key, String problem) {
        super(key + ": " + problem);
    }
}
