package dev.rowcast.publisher.config;

import dev.rowcast.settings.InvalidSettingException;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The publisher's settings after the rules between them are checked: what the rest of the service works from. */
public record SiteSettings(Path root, Path state, Optional<List<String>> sources, Map<String, PublisherConfig.PageConfig> pages,
                           Optional<Path> templates, String title, int pageSize, String bootstrapServers, String groupId,
                           String dlqTopic, int maxValueBytes, java.time.Duration topicRefresh) {

    public static final String TOPIC_PREFIX = "rowcast.rows.";
    private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");

    /** @throws InvalidSettingException naming the first wrong setting */
    public static SiteSettings from(PublisherConfig c) {
        Path root = c.site().root().orElseThrow(() -> new InvalidSettingException("rowcast.site.root", "missing: the folder Apache serves"))
                .toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
        } catch (IOException | SecurityException e) {
            throw new InvalidSettingException("rowcast.site.root", "cannot create " + root + " (" + e.getClass().getSimpleName() + ")");
        }
        if (!Files.isDirectory(root) || !Files.isWritable(root)) {
            throw new InvalidSettingException("rowcast.site.root", root + " is not a writable folder");
        }
        Path state = c.site().state().map(p -> p.toAbsolutePath().normalize()).orElse(root.resolve(".rowcast"));
        if (c.site().templates().isPresent() && !Files.isDirectory(c.site().templates().get())) {
            throw new InvalidSettingException("rowcast.site.templates", c.site().templates().get() + " is not a folder");
        }
        if (c.site().sources().isPresent()) {
            for (String s : c.site().sources().get()) {
                if (!SOURCE.matcher(s.trim()).matches()) {
                    throw new InvalidSettingException("rowcast.site.sources", "'" + s + "' is not a source name");
                }
            }
        }
        for (String s : c.site().pages().keySet()) {
            if (!SOURCE.matcher(s).matches()) {
                throw new InvalidSettingException("rowcast.site.pages." + s, "'" + s + "' is not a source name");
            }
        }
        if (c.site().pageSize() < 1 || c.site().pageSize() > 10_000) {
            throw new InvalidSettingException("rowcast.site.page-size", c.site().pageSize() + " is outside 1..10000");
        }
        if (c.kafka().maxValueBytes() < 1024) {
            throw new InvalidSettingException("rowcast.kafka.max-value-bytes", c.kafka().maxValueBytes() + " is below 1024");
        }
        String group = c.kafka().groupId().orElseGet(() -> "rowcast-publisher-" + hostname());
        return new SiteSettings(root, state, c.site().sources().map(l -> l.stream().map(String::trim).toList()), c.site().pages(),
                c.site().templates(), c.site().title(), c.site().pageSize(), c.kafka().bootstrapServers(), group, c.kafka().dlqTopic(),
                c.kafka().maxValueBytes(), c.kafka().topicRefresh());
    }

    private static String hostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "local";
        }
    }

    public PublisherConfig.Layout layout(String source) {
        PublisherConfig.PageConfig page = pages.get(source);
        return page == null ? PublisherConfig.Layout.ROW : page.layout();
    }

    public String title(String source) {
        PublisherConfig.PageConfig page = pages.get(source);
        return page == null ? source : page.title().orElse(source);
    }
}
