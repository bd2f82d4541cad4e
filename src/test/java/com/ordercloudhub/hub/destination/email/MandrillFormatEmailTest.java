package com.ordercloudhub.hub.destination.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.support.HubTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code hub.messages.mandrill.format} through the real pipeline: a signed Message Sender call, the
 * ledger, GreenMail. With it on (German money, Berlin dates) a drop-in's money and dates arrive
 * formatted, in {@code {{#each}}} rows too, while other values and the hub's own text part stay as
 * they were.
 */
@HubTest
@TestPropertySource(
    properties = {
      "hub.messages.mandrill.format.enabled=true",
      "hub.messages.mandrill.format.currency-pattern=#,##0.00",
      "hub.messages.mandrill.format.date-pattern=d. MMMM yyyy, HH:mm",
      "hub.messages.mandrill.format.locale=de-DE",
      "hub.messages.mandrill.format.zone=Europe/Berlin"
    })
class MandrillFormatEmailTest extends MessageSenderHub {

  static final Path templates = templatesWithADropIn();

  @DynamicPropertySource
  static void templatesFolder(DynamicPropertyRegistry registry) {
    registry.add("hub.mail.templates-dir", templates::toString);
  }

  static Path templatesWithADropIn() {
    try {
      Path folder = copyOfTheTemplates("format-");
      Files.writeString(
          folder.resolve("OrderSubmitted.html"),
          "<p>Order {{ORDERID}} of {{DATESUBMITTED}}: $ {{TOTAL}}</p>"
              + "{{#each products}}<tr><td>{{--PRODUCTID}}</td><td>{{--QUANTITY}}</td>"
              + "<td>{{--COST}}</td></tr>{{/each}}");
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void moneyAndDatesArriveInTheConfiguredPatternLocaleAndZone() throws Exception {
    ObjectNode message = sample("OrderSubmitted");
    ObjectNode order = (ObjectNode) message.at("/EventBody/Order");
    order.put("Total", new java.math.BigDecimal("1234.505"));
    order.put("DateSubmitted", "2025-03-14T23:02:11.39+00:00"); // already the 15th in Berlin
    ((ObjectNode) message.at("/EventBody/LineItems/0")).put("LineTotal", 90.0);
    ((ObjectNode) message.at("/EventBody/LineItems/1")).put("LineTotal", 1060.5);

    String eventId = send(message);
    delivered(eventId);

    var mail = receivedBy("jane.doe@acme.example", eventId);
    String html = html(mail);
    assertThat(html)
        .startsWith("<p>Order SO-100234 of 15. März 2025, 00:02: $ 1.234,51</p>")
        .contains("<td>" + message.at("/EventBody/LineItems/0/ProductID").asText() + "</td>")
        .contains("<td>90,00</td></tr>")
        .contains("<td>1.060,50</td></tr>");
    // quantities are no money: as sent
    assertThat(html)
        .contains("<td>" + message.at("/EventBody/LineItems/0/Quantity").asText() + "</td>");
    // the hub's own text part formats with its {{money}} helper, not this setting
    assertThat(text(mail)).doesNotContain("1.234,51");
  }
}
