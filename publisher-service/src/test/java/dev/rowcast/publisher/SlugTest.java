package dev.rowcast.publisher;

import dev.rowcast.publisher.site.Slug;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class SlugTest {

    static final List<String> HOSTILE = List.of("../../etc/passwd", "%2e%2e%2f", "a\u0000b", "😀", "CON", "con", "Alice", "alice", "", ".",
            "..", "a/b\\c", "_41lice", "index", "x y", "NUL.txt");

    @Test
    void slugsAreSafeDistinctAndReversible() {
        Set<String> seen = new HashSet<>();
        for (String key : HOSTILE) {
            String slug = Slug.of(List.of(key));
            assertTrue(slug.matches("[a-z0-9_A-F~.-]+"), slug);
            assertFalse(slug.startsWith(".") || slug.contains("/") || slug.contains(".."), slug);
            assertTrue(seen.add(slug.toLowerCase()), "collision for " + key + ": " + slug);
            assertEquals(Optional.of(List.of(key)), Slug.decode(slug), key);
        }
        assertEquals("_41lice", Slug.of(List.of("Alice")));
        assertEquals("_2E_2E_2F_2E_2E_2Fetc_2Fpasswd", Slug.of(List.of("../../etc/passwd")));
        assertEquals("_63on", Slug.of(List.of("con")));
        assertEquals("7.2", Slug.of(List.of("7", "2")));
        assertEquals(Optional.of(List.of("7", "2")), Slug.decode("7.2"));
        assertEquals("_._", Slug.of(List.of("", "")));
        assertEquals(Optional.of(List.of("", "")), Slug.decode("_._"));
    }

    @Test
    void longKeysAreShortenedWithAHashAndStayDistinct() {
        String a = Slug.of(List.of("x".repeat(1000)));
        String b = Slug.of(List.of("x".repeat(999) + "y"));
        assertTrue(a.length() <= Slug.MAX_LENGTH, a);
        assertNotEquals(a, b);
        assertTrue(a.contains("~"));
        assertEquals(Optional.empty(), Slug.decode(a));
    }
}
