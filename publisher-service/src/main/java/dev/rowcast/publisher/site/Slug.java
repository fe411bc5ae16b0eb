package dev.rowcast.publisher.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * File names from row keys: deterministic, reversible, and safe on any file system.
 *
 * <p>Each key value's text is kept where it is a lower-case letter, digit or {@code -}; every other byte of its
 * UTF-8 form is written {@code _XX} (upper-case hex), so {@code /}, {@code .}, NUL and upper case never reach the
 * file system as themselves: no name can climb out of its folder, and keys that differ only by case get different
 * names even on a case-insensitive file system. Parts of a composite key are joined with {@code .}; an empty value is a lone {@code _}. A name that
 * would be a Windows device name ({@code con}, {@code nul}, ...) has its first character escaped. A name longer
 * than {@value #MAX_LENGTH} characters is cut and given {@code ~} and 16 hex digits of its SHA-256: still unique,
 * no longer reversible (the publisher's state maps it back).
 */
public final class Slug {

    public static final int MAX_LENGTH = 150;
    private static final Set<String> DEVICE_NAMES = Set.of("con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5",
            "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");

    private Slug() {
    }

    /** The slug of a key, values in key order. */
    public static String of(ObjectNode key) {
        List<String> parts = new ArrayList<>();
        for (JsonNode value : key) {
            parts.add(value.isTextual() ? value.textValue() : value.toString());
        }
        return of(parts);
    }

    public static String of(List<String> parts) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                sb.append('.');
            }
            encodePart(parts.get(i), sb);
        }
        String slug = sb.toString();
        if (DEVICE_NAMES.contains(slug.toLowerCase(Locale.ROOT)) || DEVICE_NAMES.contains(slug.split("\\.")[0].toLowerCase(Locale.ROOT))) {
            slug = String.format("_%02X", (int) slug.charAt(0)) + slug.substring(1);
        }
        if (slug.length() > MAX_LENGTH) {
            String hash = hash(slug);
            int cut = MAX_LENGTH - 17;
            // never cut an escape in half
            int escape = slug.lastIndexOf('_', cut - 1);
            if (escape >= 0 && cut - escape < 3) {
                cut = escape;
            }
            slug = slug.substring(0, cut) + "~" + hash;
        }
        return slug;
    }

    private static void encodePart(String text, StringBuilder sb) {
        if (text.isEmpty()) {
            // a lone "_" is never an escape, so it can stand for the empty value (and no name starts with ".")
            sb.append('_');
            return;
        }
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
                sb.append((char) c);
            } else {
                sb.append('_').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
    }

    /** The key parts a slug was made from; empty if the slug was shortened with a hash. */
    public static Optional<List<String>> decode(String slug) {
        if (slug.contains("~")) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        for (String part : slug.split("\\.", -1)) {
            if (part.equals("_")) {
                parts.add("");
                continue;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (c == '_') {
                    if (i + 3 > part.length()) {
                        throw new IllegalArgumentException("not a slug: " + slug);
                    }
                    out.write(Integer.parseInt(part.substring(i + 1, i + 3), 16));
                    i += 2;
                } else {
                    out.write(c);
                }
            }
            parts.add(out.toString(StandardCharsets.UTF_8));
        }
        return Optional.of(parts);
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
