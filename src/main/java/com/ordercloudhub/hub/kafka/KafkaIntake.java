package com.ordercloudhub.hub.kafka;

import com.ordercloudhub.hub.event.EventCatalogue;
import com.ordercloudhub.hub.event.EventOrigin;
import com.ordercloudhub.hub.event.EventReceipt;
import com.ordercloudhub.hub.event.EventStore;
import com.ordercloudhub.hub.event.ReceivedEvent;
import com.ordercloudhub.hub.inbound.InboundRejection;
import com.ordercloudhub.hub.inbound.OcEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * One Kafka record: parsed as a Delivery Config message ({@link OcEnvelope#parseDelivery}, the type
 * from the value's {@code Headers.type}, else the record header {@code type}, else {@code
 * ce_type}), classified, stored with origin {@code kafka}, and only then its offset committed. A
 * record that cannot be read is kept in {@code hub_kafka_rejected} and committed past. When the
 * store fails, nothing is committed: the step waits (back-off, doubling) and fails, and the
 * consumer reads the record again.
 */
class KafkaIntake {

  private static final Logger log = LoggerFactory.getLogger(KafkaIntake.class);
  private static final int MAX_TYPE_BYTES = 400;

  private final OcEnvelope envelope;
  private final EventCatalogue catalogue;
  private final EventStore store;
  private final KafkaRejections rejections;
  private final KafkaMonitor monitor;
  private final long maxValueBytes;
  private final Duration backoff;
  private final Duration backoffMax;
  private final AtomicInteger failuresInARow = new AtomicInteger();

  KafkaIntake(
      OcEnvelope envelope,
      EventCatalogue catalogue,
      EventStore store,
      KafkaRejections rejections,
      KafkaMonitor monitor,
      long maxValueBytes,
      Duration backoff,
      Duration backoffMax) {
    this.envelope = envelope;
    this.catalogue = catalogue;
    this.store = store;
    this.rejections = rejections;
    this.monitor = monitor;
    this.maxValueBytes = maxValueBytes;
    this.backoff = backoff;
    this.backoffMax = backoffMax;
  }

  /** The route's store step: the event (or the rejection) committed, or an exception. */
  void store(Exchange exchange) throws InterruptedException {
    Message in = exchange.getIn();
    String topic = in.getHeader(KafkaConstants.TOPIC, String.class);
    int partition = in.getHeader(KafkaConstants.PARTITION, Integer.class);
    long offset = in.getHeader(KafkaConstants.OFFSET, Long.class);
    Object body = in.getBody();
    byte[] value = body == null ? null : in.getBody(byte[].class);
    try {
      if (value == null) {
        reject(in, topic, partition, offset, null, "empty_value: the record has no value");
      } else if (value.length > maxValueBytes) {
        reject(
            in,
            topic,
            partition,
            offset,
            value,
            "value_too_large: "
                + value.length
                + " bytes, the limit is "
                + maxValueBytes
                + " (hub.kafka.max-value-size)");
      } else {
        ReceivedEvent event;
        try {
          event = catalogue.classify(envelope.parseDelivery(value, typeBeside(in)));
        } catch (InboundRejection e) {
          reject(in, topic, partition, offset, value, e.error() + ": " + e.getMessage());
          return;
        }
        EventReceipt receipt = store.record(event, EventOrigin.KAFKA);
        in.setBody(receipt);
      }
      failuresInARow.set(0);
      monitor.storeAnswered();
    } catch (DataAccessException | IllegalStateException e) {
      String reason = e.getClass().getSimpleName();
      monitor.storeFailed(reason);
      long wait = waitAfter(failuresInARow.incrementAndGet());
      log.warn(
          "Kafka record {}-{}@{} not stored ({}); not committed, read again in {} ms",
          topic,
          partition,
          offset,
          reason,
          wait);
      TimeUnit.MILLISECONDS.sleep(wait);
      throw e;
    }
  }

  /** The route's commit step: the record's offset, now that its event or rejection committed. */
  void commit(Exchange exchange) {
    KafkaManualCommit commit =
        exchange.getIn().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
    if (commit == null) {
      throw new IllegalStateException("No manual commit on the exchange (allowManualCommit off?)");
    }
    commit.commit();
  }

  private void reject(
      Message in, String topic, int partition, long offset, byte[] value, String reason) {
    boolean first =
        rejections.keep(
            new KafkaRejections.Rejected(
                topic,
                partition,
                offset,
                in.getHeader(KafkaConstants.KEY, byte[].class),
                reason,
                value == null ? null : ReceivedEvent.sha256Hex(value),
                value == null ? 0 : value.length));
    if (first) {
      log.warn("Kafka record {}-{}@{} rejected and skipped: {}", topic, partition, offset, reason);
    }
    in.setBody(null);
  }

  /** The type beside the value: record header {@code type}, else {@code ce_type}; or null. */
  private static String typeBeside(Message in) {
    String type = header(in, "type");
    return type != null ? type : header(in, "ce_type");
  }

  private static String header(Message in, String name) {
    Object value = in.getHeader(name);
    if (value instanceof byte[] bytes) {
      return bytes.length == 0 || bytes.length > MAX_TYPE_BYTES
          ? null
          : new String(bytes, StandardCharsets.UTF_8);
    }
    return value instanceof String text && text.length() <= MAX_TYPE_BYTES ? text : null;
  }

  long waitAfter(int failures) {
    long first = Math.max(1, backoff.toMillis());
    long max = Math.max(first, backoffMax.toMillis());
    int doublings = Math.min(failures - 1, 30);
    return Math.min(max, first << doublings);
  }
}
