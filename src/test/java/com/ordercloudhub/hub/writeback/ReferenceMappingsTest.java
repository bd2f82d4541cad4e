package com.ordercloudhub.hub.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import com.ordercloudhub.hub.delivery.DeliveryLeg;
import com.ordercloudhub.hub.delivery.LegStatus;
import com.ordercloudhub.hub.destination.Mappings;
import com.ordercloudhub.hub.support.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped reference mappings over the answers the ERP and Salesforce give. */
class ReferenceMappingsTest {

  static CamelContext camel;
  final ReferenceMappings shipped =
      new ReferenceMappings(new Mappings("mappings", true), Fixtures.mapper());

  @BeforeAll
  static void camel() {
    camel = new DefaultCamelContext();
    camel.start();
  }

  @AfterAll
  static void stop() throws Exception {
    camel.close();
  }

  static DeliveryLeg leg(String destination) {
    return new DeliveryLeg(
        "leg-1",
        "ev-1",
        destination,
        LegStatus.PENDING,
        0,
        null,
        null,
        "ev-1:" + destination,
        null,
        null,
        null,
        null);
  }

  static Exchange answered(Object body) {
    Exchange exchange = new DefaultExchange(camel);
    exchange.getMessage().setBody(body);
    return exchange;
  }

  @Test
  void theErpsSalesOrderNumberFromItsJsonAnswer() {
    byte[] answer =
        "{\"salesOrderNumber\":\"4500012345\",\"status\":\"open\"}"
            .getBytes(StandardCharsets.UTF_8);
    assertThat(shipped.capture(leg("erp"), answered(new ByteArrayInputStream(answer))))
        .isEqualTo("4500012345");
    // a number stays a number's digits
    assertThat(shipped.capture(leg("erp"), answered("{\"salesOrderNumber\":4500012345}")))
        .isEqualTo("4500012345");
    // an answer without one (a cancellation), or not JSON: no reference
    assertThat(shipped.capture(leg("erp"), answered("{\"status\":\"canceled\"}"))).isNull();
    assertThat(shipped.capture(leg("erp"), answered("OK"))).isNull();
    assertThat(shipped.capture(leg("erp"), answered(null))).isNull();
  }

  @Test
  void theOpportunityIdFromSalesforcesUpsertAnswer() {
    Exchange done =
        answered(Fixtures.mapper().createObjectNode().put("Order", "the mapping input"));
    done.setVariable("crmAccount", "{\"id\":\"001000000000001AAA\",\"success\":true}");
    done.setVariable(
        "crmOpportunity",
        new ByteArrayInputStream(
            "{\"id\":\"006000000000042AAA\",\"success\":true,\"errors\":[],\"created\":true}"
                .getBytes(StandardCharsets.UTF_8)));
    assertThat(shipped.capture(leg("crm"), done)).isEqualTo("006000000000042AAA");

    Exchange contactOnly = answered("{}");
    contactOnly.setVariable("crmContact", "{\"id\":\"003000000000007AAA\"}");
    assertThat(shipped.capture(leg("crm"), contactOnly)).isNull();
  }

  @Test
  void aDestinationWithoutTheFileHasNoReferenceAndABrokenOneNoneEither(@TempDir Path dir)
      throws IOException {
    Files.createDirectories(dir.resolve("erp"));
    Files.writeString(dir.resolve("erp/reference.jsonata"), "$error(\"no number\")");
    ReferenceMappings own =
        new ReferenceMappings(new Mappings(dir.toString(), false), Fixtures.mapper());

    assertThat(own.capture(leg("database"), answered("{\"id\":1}"))).isNull();
    assertThat(own.capture(leg("erp"), answered("{\"salesOrderNumber\":\"1\"}"))).isNull();

    // read on every use without the cache: an edit applies at once
    Files.writeString(dir.resolve("erp/reference.jsonata"), "answer.orderNo & \"/\" & answer.site");
    assertThat(own.capture(leg("erp"), answered("{\"orderNo\":\"77\",\"site\":\"EU\"}")))
        .isEqualTo("77/EU");
  }
}
