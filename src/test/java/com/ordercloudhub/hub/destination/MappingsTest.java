package com.ordercloudhub.hub.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.delivery.FailureClassifier;
import com.ordercloudhub.hub.delivery.PermanentDeliveryException;
import com.ordercloudhub.hub.event.ExactJson;
import java.io.FileNotFoundException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code mapping:} endpoint parses each file once per content (counted), evaluates one parsed
 * mapping correctly from many threads, keeps numbers exact, and names the file when it fails.
 */
class MappingsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A mapping using what the hub's mappings use: variables, blocks, lambdas, $map, $sum, $$. */
  private static final String ORDER =
      """
      (
        $order := $;
        $lines := $map(Items, function($i) { {"sku": $i.Sku, "qty": $i.Quantity, "price": $i.Price} });
        {
          "orderId": $order.ID,
          "total": Total,
          "count": $count(Items),
          "quantity": $sum(Items.Quantity),
          "first": $$.Items[0].Sku,
          "event": hub.eventId,
          "lines": $lines
        }
      )
      """;

  @TempDir Path dir;

  private CamelContext camel;

  @AfterEach
  void stop() {
    if (camel != null) {
      camel.stop();
    }
  }

  @Test
  void aMappingIsParsedOnceForManyExchanges() throws Exception {
    write("erp/order.jsonata", ORDER);
    Mappings mappings = new Mappings(dir.toString(), true);
    ProducerTemplate template = route(mappings, "erp/order.jsonata");

    for (int i = 0; i < 50; i++) {
      JsonNode out = template.requestBody("direct:map", order(i), JsonNode.class);
      assertThat(out.get("orderId").asText()).isEqualTo("SO-" + i);
    }

    assertThat(mappings.compilations()).isEqualTo(1);
  }

  @Test
  void withCachingOffAnEditedFileIsParsedAgainOnceAndItsOutputUsed() throws Exception {
    Path file = write("erp/order.jsonata", "{\"orderId\": ID}");
    Mappings mappings = new Mappings(dir.toString(), false);
    ProducerTemplate template = route(mappings, "erp/order.jsonata");

    for (int i = 0; i < 5; i++) {
      JsonNode out = template.requestBody("direct:map", order(i), JsonNode.class);
      assertThat(out.has("channel")).isFalse();
    }
    assertThat(mappings.compilations()).as("unchanged file").isEqualTo(1);

    // the same size and, within the file system's clock, maybe the same mtime: content decides
    Files.writeString(file, "{\"orderId\": ID, \"channel\": \"b2b\"}");
    for (int i = 0; i < 5; i++) {
      JsonNode out = template.requestBody("direct:map", order(i), JsonNode.class);
      assertThat(out.get("orderId").asText()).isEqualTo("SO-" + i);
      assertThat(out.get("channel").asText()).isEqualTo("b2b");
    }
    assertThat(mappings.compilations()).as("changed once").isEqualTo(2);

    Files.writeString(file, "{\"orderId\": ID, \"channel\": \"b2c\"}");
    assertThat(template.requestBody("direct:map", order(1), JsonNode.class).get("channel").asText())
        .isEqualTo("b2c");
    assertThat(mappings.compilations()).isEqualTo(3);
  }

  @Test
  void withCachingOnAFileIsReadOnce() throws Exception {
    Path file = write("erp/order.jsonata", "{\"orderId\": ID}");
    Mappings mappings = new Mappings(dir.toString(), true);
    ProducerTemplate template = route(mappings, "erp/order.jsonata");
    template.requestBody("direct:map", order(1), JsonNode.class);

    Files.writeString(file, "{\"orderId\": ID, \"channel\": \"b2b\"}");
    JsonNode out = template.requestBody("direct:map", order(2), JsonNode.class);

    assertThat(out.has("channel")).isFalse();
    assertThat(mappings.compilations()).isEqualTo(1);
  }

  @Test
  void withCachingOnAMissingFileIsLookedForAgainSoALateOneIsUsed() throws Exception {
    Mappings mappings = new Mappings(dir.toString(), true);
    assertThat(mappings.find("erp/late.jsonata")).isEmpty();

    write("erp/late.jsonata", "{\"orderId\": ID}");

    assertThat(mappings.find("erp/late.jsonata")).isPresent();
    assertThat(mappings.compilations()).isEqualTo(1);
  }

  @Test
  void oneParsedMappingGivesEachOfAThousandConcurrentInputsItsOwnResult() throws Exception {
    write("erp/order.jsonata", ORDER);
    Mappings mappings = new Mappings(dir.toString(), true);
    // the real ERP mapping too, checked against a fresh parse of the same file per input
    Mapping salesOrder =
        new Mappings("mappings", true).find("erp/sales-order.jsonata").orElseThrow();
    String salesOrderText = Files.readString(Path.of("mappings/erp/sales-order.jsonata"));

    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Void>> work = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        int n = i;
        work.add(
            () -> {
              // first used (and parsed) on one of the pool's threads, as in delivery
              Mapping mapping = mappings.find("erp/order.jsonata").orElseThrow();
              ObjectNode input = order(n);
              JsonNode out = mapping.evaluate(input);
              assertThat(out.get("orderId").asText()).isEqualTo("SO-" + n);
              assertThat(out.get("event").asText()).isEqualTo("event-" + n);
              assertThat(out.get("total").decimalValue()).isEqualTo(total(n));
              assertThat(out.get("count").asInt()).isEqualTo(lines(n));
              assertThat(out.get("quantity").asInt()).isEqualTo(quantity(n));
              assertThat(out.get("first").asText()).isEqualTo("SKU-" + n + "-0");
              assertThat(out.get("lines")).hasSize(lines(n));
              for (int l = 0; l < lines(n); l++) {
                assertThat(out.get("lines").get(l).get("sku").asText())
                    .isEqualTo("SKU-" + n + "-" + l);
              }
              JsonNode erpInput = erpInput(n);
              JsonNode sent = salesOrder.evaluate(erpInput);
              assertThat(sent.get("orderId").asText()).isEqualTo("SO-" + n);
              assertThat(sent.get("total").decimalValue()).isEqualTo(total(n));
              assertThat(sent.get("lines")).hasSize(lines(n));
              assertThat(sent.get("lines").get(0).get("sku").asText()).isEqualTo("SKU-" + n + "-0");
              assertThat(sent)
                  .isEqualTo(
                      Mapping.tree(
                          com.dashjoin.jsonata.Jsonata.jsonata(salesOrderText)
                              .evaluate(Mapping.java(erpInput))));
              return null;
            });
      }
      for (Future<Void> result : threads.invokeAll(work)) {
        result.get();
      }
    } finally {
      threads.shutdown();
      assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(mappings.compilations()).isEqualTo(1);
  }

  /**
   * jsonata 0.9.9 evaluates on the thread's last constructed expression and leaves its environment
   * pointing at the last frame it used: were that the shared mapping, each evaluation's frame would
   * hang below the previous one's, a chain (and memory) growing with every exchange.
   */
  @Test
  void evaluatingOnTheThreadThatParsedItLeavesTheParsedMappingAsItWas() throws Exception {
    write("erp/order.jsonata", ORDER);
    Mapping mapping = new Mappings(dir.toString(), true).find("erp/order.jsonata").orElseThrow();
    int depth = environmentDepth(mapping);

    for (int i = 0; i < 200; i++) {
      assertThat(mapping.evaluate(order(i)).get("orderId").asText()).isEqualTo("SO-" + i);
    }

    assertThat(environmentDepth(mapping)).isEqualTo(depth);
  }

  private static int environmentDepth(Mapping mapping) throws Exception {
    java.lang.reflect.Field expression = Mapping.class.getDeclaredField("expression");
    expression.setAccessible(true);
    java.lang.reflect.Field environment =
        com.dashjoin.jsonata.Jsonata.class.getDeclaredField("environment");
    environment.setAccessible(true);
    java.lang.reflect.Field parent =
        com.dashjoin.jsonata.Jsonata.Frame.class.getDeclaredField("parent");
    parent.setAccessible(true);
    int depth = 0;
    for (Object frame = environment.get(expression.get(mapping));
        frame != null;
        frame = parent.get(frame)) {
      depth++;
    }
    return depth;
  }

  @Test
  void numbersStayExactFromInputToOutput() throws Exception {
    write("database/order.jsonata", "{\"total\": Total, \"tax\": Tax, \"count\": Count}");
    Mappings mappings = new Mappings(dir.toString(), true);
    JsonNode input =
        ExactJson.reader(MAPPER)
            .readValue(
                "{\"Total\": 1234567890123.4567, \"Tax\": 172.80, \"Count\": 9007199254740993}");

    JsonNode out = mappings.find("database/order.jsonata").orElseThrow().evaluate(input);

    assertThat(out.get("total").decimalValue()).isEqualByComparingTo("1234567890123.4567");
    assertThat(out.get("total").toString()).isEqualTo("1234567890123.4567");
    assertThat(out.get("tax").decimalValue()).isEqualTo(new BigDecimal("172.80"));
    assertThat(out.get("count").longValue()).isEqualTo(9007199254740993L);
  }

  @Test
  void aMappingThatRecursesWithoutEndFailsAsAMappingNotAStackOverflow() throws Exception {
    write("erp/loop.jsonata", "( $f := function($x) { $f($x) + 1 }; {\"n\": $f(1)} )");
    Mappings mappings = new Mappings(dir.toString(), true);
    Mapping loop = mappings.find("erp/loop.jsonata").orElseThrow();

    assertThatThrownBy(() -> loop.evaluate(order(1)))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("erp/loop.jsonata")
        // stopped at the depth bound, long before the thread's stack would overflow
        .hasMessageContaining("Depth=501 max=500");
  }

  @Test
  void aMappingThatRunsPastItsTimeIsStoppedAsAFailureOfThatMapping() throws Exception {
    // 10^14 steps: it would hold its thread and a core for days
    String forever =
        "$count($map([1..10000000], function($v) {"
            + " $count($map([1..10000000], function($w) { $w })) }))";
    Mapping loop =
        new Mapping(
            "erp/forever.jsonata",
            com.dashjoin.jsonata.Jsonata.jsonata(forever),
            java.time.Duration.ofMillis(300),
            Mapping.MAX_DEPTH);
    long started = System.nanoTime();

    assertThatThrownBy(() -> loop.evaluate(order(1)))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("erp/forever.jsonata")
        .hasMessageContaining("Expression evaluation timeout");
    // stopped by the bound, not by running to its end
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
        .isLessThan(java.time.Duration.ofSeconds(30));
  }

  @Test
  void aMappingNestedTooDeepToParseFailsAsAMappingNotAStackOverflow() throws Exception {
    write("erp/deep.jsonata", "(".repeat(50_000) + "1" + ")".repeat(50_000));
    Mappings mappings = new Mappings(dir.toString(), true);

    assertThatThrownBy(() -> mappings.find("erp/deep.jsonata"))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("does not parse as JSONata")
        .hasMessageContaining("StackOverflowError");
  }

  @Test
  void aFailingMappingIsPermanentAndNamesItsFile() throws Exception {
    write("erp/broken.jsonata", "$error(\"no order number\")");
    Mappings mappings = new Mappings(dir.toString(), true);
    ProducerTemplate template = route(mappings, "erp/broken.jsonata");

    assertThatThrownBy(() -> template.requestBody("direct:map", order(1)))
        .isInstanceOf(CamelExecutionException.class)
        .satisfies(
            e -> {
              assertThat(e.getCause()).isInstanceOf(PermanentDeliveryException.class);
              FailureClassifier.Failure failure =
                  new FailureClassifier(List.of()).classify(e.getCause(), null);
              assertThat(failure.permanent()).isTrue();
              assertThat(failure.message())
                  .contains(dir.resolve("erp/broken.jsonata").toString())
                  .contains("no order number");
            });
  }

  @Test
  void aMappingThatDoesNotParseNamesItsFileAndAMissingOneIsRetried() throws Exception {
    write("erp/unparsable.jsonata", "{\"a\": ");
    Mappings mappings = new Mappings(dir.toString(), true);

    assertThatThrownBy(() -> mappings.find("erp/unparsable.jsonata"))
        .isInstanceOf(PermanentDeliveryException.class)
        .hasMessageContaining(dir.resolve("erp/unparsable.jsonata").toString())
        .hasMessageContaining("does not parse as JSONata");
    assertThat(mappings.find("erp/none.jsonata")).isEmpty();
    ProducerTemplate template = route(mappings, "erp/none.jsonata");
    assertThatThrownBy(() -> template.requestBody("direct:map", order(1)))
        .hasCauseInstanceOf(FileNotFoundException.class);
    assertThat(
            new FailureClassifier(List.of())
                .classify(new FileNotFoundException(), null)
                .permanent())
        .isFalse();
  }

  @Test
  void nowIsTheTimeOfThisEvaluationNotOfTheParse() throws Exception {
    write(
        "x/now.jsonata",
        "{\"now\": $now(), \"millis\": $millis(), \"same\": $now() = $now(),"
            + " \"day\": $now(\"[Y0001]-[M01]-[D01]\", \"+0000\"), \"minute\": $now(\"[m01]\")}");
    Mappings mappings = new Mappings(dir.toString(), true);
    Mapping mapping = mappings.find("x/now.jsonata").orElseThrow();
    long parsedAt = System.currentTimeMillis();
    org.awaitility.Awaitility.await().until(() -> System.currentTimeMillis() > parsedAt + 20);

    long before = System.currentTimeMillis();
    JsonNode out = mapping.evaluate(MAPPER.createObjectNode());

    assertThat(out.get("millis").asLong()).isBetween(before, System.currentTimeMillis());
    assertThat(java.time.Instant.parse(out.get("now").asText()).toEpochMilli())
        .isEqualTo(out.get("millis").asLong());
    assertThat(out.get("same").asBoolean()).isTrue();
    java.time.ZonedDateTime at =
        java.time.Instant.ofEpochMilli(out.get("millis").asLong()).atZone(java.time.ZoneOffset.UTC);
    assertThat(out.get("day").asText()).isEqualTo(at.toLocalDate().toString());
    assertThat(out.get("minute").asText()).isEqualTo("%02d".formatted(at.getMinute()));
  }

  private ProducerTemplate route(Mappings mappings, String name) throws Exception {
    camel = new DefaultCamelContext();
    camel.addComponent("mapping", new MappingComponent(mappings, MAPPER));
    camel.addRoutes(
        new RouteBuilder() {
          @Override
          public void configure() {
            from("direct:map").to("mapping:" + name);
          }
        });
    camel.start();
    return camel.createProducerTemplate();
  }

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  private static int lines(int n) {
    return 2 + n % 5; // at least two: JSONata makes a one-item $map result the item itself
  }

  private static int quantity(int n) {
    int sum = 0;
    for (int l = 0; l < lines(n); l++) {
      sum += l + n % 7;
    }
    return sum;
  }

  private static BigDecimal total(int n) {
    return new BigDecimal("1000000000000." + String.format("%04d", n));
  }

  private static ObjectNode order(int n) {
    ObjectNode order = MAPPER.createObjectNode();
    order.put("ID", "SO-" + n);
    order.put("Total", total(n));
    ArrayNode items = order.putArray("Items");
    for (int l = 0; l < lines(n); l++) {
      items
          .addObject()
          .put("Sku", "SKU-" + n + "-" + l)
          .put("Quantity", l + n % 7)
          .put("Price", new BigDecimal(n + "." + l + "5"));
    }
    order.putObject("hub").put("eventId", "event-" + n);
    return order;
  }

  /** What the ERP route gives mappings/erp/sales-order.jsonata: the webhook and its line items. */
  private static JsonNode erpInput(int n) {
    ObjectNode input = MAPPER.createObjectNode();
    input.put("Route", "v1/orders/{direction}/{orderID}/submit");
    ObjectNode body = input.putObject("Response").putObject("Body");
    body.put("ID", "SO-" + n);
    body.put("Total", total(n));
    body.putObject("FromUser").put("ID", "user-" + n).put("Email", "u" + n + "@acme.example");
    body.put("Currency", "USD");
    ObjectNode hub = input.putObject("hub");
    hub.put("eventId", "event-" + n).put("idempotencyKey", "event-" + n + ":erp");
    hub.put("lineItemsIncluded", true);
    ArrayNode lines = hub.putArray("lineItems");
    for (int l = 0; l < lines(n); l++) {
      lines
          .addObject()
          .put("ID", "line-" + l)
          .put("ProductID", "SKU-" + n + "-" + l)
          .put("Quantity", l + 1)
          .put("UnitPrice", new BigDecimal(n + "." + l + "5"))
          .put("LineTotal", total(n));
    }
    return input;
  }
}
