package dev.rowcast.publisher.kafka;

import dev.rowcast.contract.CloudEventCodec;
import dev.rowcast.contract.EventDecodingException;
import dev.rowcast.contract.KafkaRecordParts;
import dev.rowcast.contract.KafkaRecords;
import dev.rowcast.contract.RowEvent;
import dev.rowcast.publisher.config.SiteSettings;
import dev.rowcast.publisher.site.SitePublisher;
import dev.rowcast.publisher.state.SiteState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.PartitionInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * The publisher's loop on its own thread: consume committed row events, dead-letter what cannot be read, apply
 * the rest to the site, then commit the state with the offsets it reached. Positions come from the state, not the
 * group (which only mirrors them for lag tools): on an empty state every partition is read from its beginning, so
 * the compacted topics rebuild the site.
 */
public final class EventConsumer implements Runnable {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    private final SiteSettings settings;
    private final SiteState state;
    private final SitePublisher publisher;
    private final DeadLetters deadLetters;
    private final CloudEventCodec codec;
    private final Clock clock;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean stopping;
    private volatile Instant lastEvent;
    private volatile long lag = -1;
    private final CatchUpProgress progress;
    private volatile Instant lastPoll;
    private volatile String lastError;

    public EventConsumer(SiteSettings settings, SiteState state, SitePublisher publisher, DeadLetters deadLetters, Clock clock) {
        this.settings = settings;
        this.state = state;
        this.publisher = publisher;
        this.deadLetters = deadLetters;
        this.codec = new CloudEventCodec(settings.maxValueBytes());
        this.clock = clock;
        this.progress = new CatchUpProgress(clock, Duration.ofSeconds(5));
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, Long.toString(settings.topicRefresh().toMillis()));
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.groupId());
        // an oversize value must reach us so it can be dead-lettered, not stall the partition
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(Math.max(16 * 1024 * 1024, settings.maxValueBytes() * 2)));
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void run() {
        long nextRefresh = 0;
        try {
            while (!stopping) {
                try {
                    if (System.nanoTime() >= nextRefresh) {
                        refreshAssignment();
                        nextRefresh = System.nanoTime() + settings.topicRefresh().toNanos();
                    }
                    if (consumer.assignment().isEmpty()) {
                        Thread.sleep(200);
                        lastPoll = clock.instant();
                        continue;
                    }
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                    lastPoll = clock.instant();
                    if (!records.isEmpty()) {
                        handle(records);
                    }
                    updateLag();
                    progress.update(records.count(), lag);
                    lastError = null;
                } catch (WakeupException e) {
                    break;
                } catch (Exception e) {
                    if (stopping) {
                        break;
                    }
                    lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
                    LOG.errorf(e, "publishing failed; the state rolls back and the batch is read again in 2 s");
                    state.rollback();
                    rewind();
                    Thread.sleep(2000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Assigns every partition of the topics to publish, found by name (and re-checked every topic-refresh for new
     * sources). Partitions are assigned, not balanced by the group: the state holds the positions, so a restart
     * after a crash resumes at once instead of waiting out the dead member's session.
     */
    private void refreshAssignment() {
        Map<String, List<PartitionInfo>> topics = consumer.listTopics(Duration.ofSeconds(10));
        Set<TopicPartition> wanted = new HashSet<>();
        for (Map.Entry<String, List<PartitionInfo>> t : topics.entrySet()) {
            if (wants(t.getKey())) {
                t.getValue().forEach(pi -> wanted.add(new TopicPartition(pi.topic(), pi.partition())));
            }
        }
        Set<TopicPartition> current = consumer.assignment();
        if (wanted.equals(current)) {
            return;
        }
        consumer.assign(wanted);
        for (TopicPartition tp : wanted) {
            if (!current.contains(tp)) {
                Long next = state.offsets().get(key(tp));
                if (next == null) {
                    consumer.seekToBeginning(List.of(tp));
                } else {
                    consumer.seek(tp, next);
                }
            }
        }
        LOG.infof("consuming %s", wanted.stream().map(TopicPartition::toString).sorted().toList());
    }

    private boolean wants(String topic) {
        if (!topic.startsWith(SiteSettings.TOPIC_PREFIX) || topic.length() == SiteSettings.TOPIC_PREFIX.length()) {
            return false;
        }
        return settings.sources().map(list -> list.contains(topic.substring(SiteSettings.TOPIC_PREFIX.length()))).orElse(true);
    }

    private void handle(ConsumerRecords<byte[], byte[]> records) throws Exception {
        List<RowEvent> events = new ArrayList<>(records.count());
        Map<TopicPartition, Long> next = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            KafkaRecordParts parts = KafkaRecords.parts(record);
            try {
                RowEvent event = codec.decode(parts.key(), parts.headers(), parts.value());
                if (!record.topic().equals(SiteSettings.TOPIC_PREFIX + event.source())) {
                    LOG.debugf("event of source %s on topic %s", event.source(), record.topic());
                }
                events.add(event);
            } catch (EventDecodingException e) {
                deadLetters.send(record, e.reason(), e.getMessage());
            }
            next.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
        }
        publisher.apply(events);
        next.forEach((tp, offset) -> state.offsets().put(key(tp), offset));
        state.commit();
        if (!events.isEmpty()) {
            lastEvent = events.get(events.size() - 1).time();
        }
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        next.forEach((tp, offset) -> commit.put(tp, new OffsetAndMetadata(offset)));
        // for operators' lag tools only: the state's offsets are the truth
        consumer.commitAsync(commit, null);
    }

    /** After a failed batch: back to the offsets the state committed. */
    private void rewind() {
        for (TopicPartition tp : consumer.assignment()) {
            Long offset = state.offsets().get(key(tp));
            if (offset == null) {
                consumer.seekToBeginning(List.of(tp));
            } else {
                consumer.seek(tp, offset);
            }
        }
    }

    private void updateLag() {
        long total = 0;
        for (TopicPartition tp : consumer.assignment()) {
            OptionalLong l = consumer.currentLag(tp);
            if (l.isPresent()) {
                total += l.getAsLong();
            }
        }
        lag = total;
    }

    static String key(TopicPartition tp) {
        return tp.topic() + ":" + tp.partition();
    }

    public void stop() {
        stopping = true;
        consumer.wakeup();
    }

    public Instant lastEvent() {
        return lastEvent;
    }

    public Instant lastPoll() {
        return lastPoll;
    }

    public long lag() {
        return lag;
    }

    public String lastError() {
        return lastError;
    }
}
