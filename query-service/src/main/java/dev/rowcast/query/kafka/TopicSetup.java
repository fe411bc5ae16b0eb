package dev.rowcast.query.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Creates the topics the service writes, compacted, unless they exist. */
public final class TopicSetup {

    private static final Logger LOG = Logger.getLogger(TopicSetup.class);

    private TopicSetup() {
    }

    public static void ensureCompacted(KafkaClients clients, Collection<String> topics) throws Exception {
        try (Admin admin = Admin.create(clients.adminProperties())) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : topics) {
                if (!existing.contains(topic)) {
                    NewTopic t = new NewTopic(topic, Optional.ofNullable(clients.config().partitions().orElse(null)),
                            Optional.ofNullable(clients.config().replicationFactor().orElse(null)));
                    t.configs(Map.of("cleanup.policy", "compact"));
                    missing.add(t);
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                LOG.infof("created compacted topics %s", missing.stream().map(NewTopic::name).toList());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }
}
