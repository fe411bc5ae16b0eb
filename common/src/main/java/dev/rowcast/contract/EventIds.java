package dev.rowcast.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic event ids: the same source, key and position always give the same {@code ce_id}, so a
 * consumer that sees an event twice (re-delivery, a replayed batch) can drop the copy.
 */
public final class EventIds {

    /** Cloned per id: cheaper than looking the algorithm up among the providers each time. */
    private static final MessageDigest PROTOTYPE;

    static {
        try {
            PROTOTYPE = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private EventIds() {
    }

    /** 32 hex digits of SHA-256 over the three parts, each length-prefixed so no two triples collide by concatenation. */
    public static String of(String source, String canonicalKey, String position) {
        try {
            MessageDigest digest = (MessageDigest) PROTOTYPE.clone();
            for (String part : new String[] {source, canonicalKey, position}) {
                byte[] bytes = (part == null ? "" : part).getBytes(StandardCharsets.UTF_8);
                digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                digest.update((byte) ':');
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JRE's SHA-256 can be cloned", e);
        }
    }
}
