package dev.rowcast.settings;

/**
 * A setting that is missing or wrong; the message is one line that starts with the setting's full name. Shared by
 * both services so that a bad setting reads the same everywhere.
 */
public class InvalidSettingException extends RuntimeException {
    private final String key;

    public InvalidSettingException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
