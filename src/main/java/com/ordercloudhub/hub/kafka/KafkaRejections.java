package com.ordercloudhub.hub.kafka;

import com.ordercloudhub.hub.config.SecretRule;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Keeps a record the intake could not read in {@code hub_kafka_rejected}: where it is, why, its
 * size and SHA-256, never its value. The same record again (re-read before its commit) is kept
 * once.
 */
class KafkaRejections {

  static final int MAX_KEY = 200;
  static final int MAX_REASON = 500;

  private final NamedParameterJdbcTemplate jdbc;
  private final SecretRule secrets;
  private final Clock clock;
  private final Counter rejected;

  KafkaRejections(
      NamedParameterJdbcTemplate jdbc, SecretRule secrets, Clock clock, MeterRegistry meters) {
    this.jdbc = jdbc;
    this.secrets = secrets;
    this.clock = clock;
    this.rejected =
        Counter.builder("hub.kafka.rejected")
            .description("Kafka records that could not be read, kept in hub_kafka_rejected")
            .register(meters);
  }

  /** A record that is refused, as the intake saw it. */
  record Rejected(
      String topic,
      int partition,
      long offset,
      byte[] key,
      String reason,
      String valueSha256,
      long valueBytes) {}

  /**
   * Commits the rejection; true when it is new, false when this record was rejected before.
   *
   * @throws org.springframework.dao.DataAccessException when the database cannot be reached: the
   *     record's offset is then not committed and it is read again
   */
  boolean keep(Rejected record) {
    int inserted =
        jdbc.update(
            "INSERT INTO hub_kafka_rejected (topic, kafka_partition, kafka_offset, record_key,"
                + " reason, value_sha256, value_bytes, rejected_at) VALUES (:topic, :partition,"
                + " :offset, :key, :reason, :sha, :bytes, :at) ON CONFLICT DO NOTHING",
            new MapSqlParameterSource()
                .addValue("topic", record.topic())
                .addValue("partition", record.partition())
                .addValue("offset", record.offset())
                .addValue("key", key(record.key()))
                .addValue("reason", cut(secrets.mask(record.reason()), MAX_REASON))
                .addValue("sha", record.valueSha256())
                .addValue("bytes", record.valueBytes())
                .addValue("at", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)));
    if (inserted > 0) {
      rejected.increment();
    }
    return inserted > 0;
  }

  /**
   * The record key as text for an operator: control characters escaped, secrets masked by the hub's
   * rule, at most {@value #MAX_KEY} characters; null when the record has none.
   */
  String key(byte[] key) {
    if (key == null) {
      return null;
    }
    String text = new String(key, 0, Math.min(key.length, MAX_KEY * 4), StandardCharsets.UTF_8);
    return cut(secrets.mask(SecretRule.escapeControls(text)), MAX_KEY);
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
