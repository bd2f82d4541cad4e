package com.ordercloudhub.hub.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercloudhub.hub.support.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What search reads from each kind of payload, and what it refuses to keep. */
class EventFieldsTest {

  /** As intake reads a body: numbers exact (OcEnvelope), a double only where a caller made one. */
  static JsonNode json(String text) {
    try {
      return EXACT.readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static final com.fasterxml.jackson.databind.ObjectMapper EXACT =
      com.fasterxml.jackson.databind.json.JsonMapper.builder()
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(
              com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  static List<String> fields(String type, String key, String payload) {
    return EventFields.of(type, key, json(payload)).stream()
        .map(
            f ->
                f.name()
                    + "="
                    + f.value()
                    + (f.valueKey() == null ? "" : " [" + f.valueKey() + "]"))
        .toList();
  }

  @Test
  void anOrderSubmitGivesTheOrderUserEmailBuyerAndTotal() {
    assertThat(
            EventFields.of(
                    "order.submitted",
                    "order:SO-100234",
                    Fixtures.json(Fixtures.bytes(Fixtures.POST_ORDER_SUBMIT)))
                .stream()
                .map(f -> f.name() + "=" + f.value())
                .toList())
        .containsExactly(
            "order=SO-100234",
            "user=buyer-user-01",
            "email=jane.doe@acme.example",
            "buyer=ACME",
            "total=172.8");
  }

  @Test
  void propertyNamesMatchInAnyCaseAndValuesAreSearchedInLowerCase() {
    assertThat(
            fields(
                "shipment.updated",
                null,
                "{\"routeparams\":{\"SHIPMENTID\":\" SH-9 \"},\"request\":{\"body\":{\"orderid\":\"SO-A\"}}}"))
        .containsExactly("order=SO-A [so-a]", "shipment=SH-9 [sh-9]");
  }

  @Test
  void aReturnAndAMessageRecipientAndASyncOrder() {
    assertThat(
            fields(
                "order-return.submitted",
                "order:SO-1",
                "{\"RouteParams\":{\"returnID\":\"RMA-1\"},\"Response\":{\"Body\":{\"ID\":\"RMA-1\"}}}"))
        .containsExactly("order=SO-1 [so-1]", "return=RMA-1 [rma-1]");
    assertThat(
            fields(
                "message.ordersubmitted",
                "order:SO-2",
                "{\"Recipient\":{\"ID\":\"approver\",\"Email\":\"Boss@X.example\"},"
                    + "\"EventBody\":{\"Order\":{\"ID\":\"SO-2\",\"FromUserID\":\"buyer\"}}}"))
        .containsExactly(
            "order=SO-2 [so-2]",
            "user=approver [approver]",
            "email=Boss@X.example [boss@x.example]");
    assertThat(
            fields(
                "order.synced",
                "order:SO-3",
                "{\"ID\":\"SO-3\",\"FromUserID\":\"u3\",\"FromCompanyID\":\"B3\",\"Total\":10.50}"))
        .containsExactly("order=SO-3 [so-3]", "user=u3 [u3]", "buyer=B3", "total=10.50");
  }

  @Test
  void hugeNumbersLongValuesAndNonTextAreNotKept() {
    assertThat(
            fields("order.submitted", null, "{\"Response\":{\"Body\":{\"Total\":1E+999999999}}}"))
        .isEmpty();
    assertThat(
            fields(
                "order.submitted",
                null,
                "{\"RouteParams\":{\"orderID\":\"" + "x".repeat(201) + "\"}}"))
        .isEmpty();
    assertThat(fields("order.submitted", null, "{\"RouteParams\":{\"orderID\":{\"ID\":\"1\"}}}"))
        .isEmpty();
    assertThat(fields("order.submitted", null, "[1]")).isEmpty();
    // a tree built with doubles (a test's, a tool's): an infinite total is no value
    assertThat(
            EventFields.of(
                "order.submitted",
                null,
                Fixtures.json(
                    "{\"Response\":{\"Body\":{\"Total\":1E+999}}}"
                        .getBytes(StandardCharsets.UTF_8))))
        .isEmpty();
    // a key kept as its hash (too long) is no value to search by
    assertThat(fields("order.submitted", "order:sha256:abc", "{}")).isEmpty();
    assertThat(EventFields.key("  ")).isNull();
  }
}
