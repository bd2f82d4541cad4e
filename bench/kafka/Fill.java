import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Pre-fills a topic for bench/kafka.sh: creates it (PARTITIONS) and sends COUNT OrderSync-like records
 * (the envelope OrderCloud's Kafka target sends, each order its own ID), then waits for every ack.
 * Usage: java -cp CLASSPATH bench/kafka/Fill.java SERVERS TOPIC PARTITIONS COUNT
 */
public class Fill {
  public static void main(String[] args) throws Exception {
    String servers = args[0];
    String topic = args[1];
    int partitions = Integer.parseInt(args[2]);
    int count = Integer.parseInt(args[3]);
    Properties config = new Properties();
    config.put("bootstrap.servers", servers);
    try (Admin admin = Admin.create(config)) {
      admin.createTopics(java.util.List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    }
    config.put("acks", "all");
    config.put("linger.ms", "5");
    config.put("key.serializer", ByteArraySerializer.class.getName());
    config.put("value.serializer", ByteArraySerializer.class.getName());
    long t0 = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
      for (int i = 0; i < count; i++) {
        String id = "SO-bench-" + i;
        String value =
            "{\"Headers\":{\"type\":\"sitecore.ordercloud.messages.ordersync.updated\"},\"Payload\":{"
                + "\"ID\":\"" + id + "\",\"LastUpdated\":\"2026-12-03T10:00:00+00:00\","
                + "\"Status\":\"Open\",\"Total\":172.80,\"FromUser\":{\"ID\":\"buyer-1\","
                + "\"Email\":\"buyer@example.com\"},\"LineItems\":[{\"ID\":\"L1\",\"ProductID\":\"P-1\","
                + "\"Quantity\":2,\"UnitPrice\":86.40}]}}";
        producer.send(
            new ProducerRecord<>(
                topic, id.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8)));
      }
      producer.flush();
    }
    System.out.printf("filled %s with %d records in %.1f s%n", topic, count, (System.nanoTime() - t0) / 1e9);
  }
}
