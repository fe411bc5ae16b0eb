package dev.rowcast.query.config;

import dev.rowcast.settings.InvalidSettingException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** All configured sources, checked together at start. */
public final class Sources {
    private Sources() {
    }

    /** @throws InvalidSettingException for the first wrong setting, in source-name order */
    public static List<SourceSettings> validate(QueryServiceConfig config) {
        if (config.sources().isEmpty()) {
            throw new InvalidSettingException("rowcast.sources",
                    "no source configured (set at least rowcast.sources.<name>.jdbc-url, .query or .table, and .key)");
        }
        List<SourceSettings> sources = new ArrayList<>();
        Map<String, String> topics = new HashMap<>();
        for (Map.Entry<String, QueryServiceConfig.SourceConfig> e : new TreeMap<>(config.sources()).entrySet()) {
            SourceSettings source = SourceSettings.from(e.getKey(), e.getValue());
            String other = topics.putIfAbsent(source.topic(), source.name());
            if (other != null) {
                throw new InvalidSettingException("rowcast.sources." + source.name() + ".topic",
                        "topic " + source.topic() + " is already used by source " + other);
            }
            if (source.topic().equals(config.kafka().positionsTopic()) || source.topic().equals(config.kafka().statusTopic())) {
                throw new InvalidSettingException("rowcast.sources." + source.name() + ".topic",
                        "topic " + source.topic() + " is reserved for positions or status");
            }
            sources.add(source);
        }
        return sources;
    }
}
