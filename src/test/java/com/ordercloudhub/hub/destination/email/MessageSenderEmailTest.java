package com.ordercloudhub.hub.destination.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.event.MessageTypes;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubTest;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Year;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Message Sender calls become emails, end to end: a signed call to {@code /messages/<type>} is
 * stored, its {@code email} leg renders the type's templates and GreenMail on 127.0.0.1 receives
 * it. For each of the 23 message types: To, CC, From, subject, both parts and the type's key facts.
 * Then CCList's shapes, the path's spellings, invalid addresses, and (in a second hub) per-type
 * settings and OrderCloud Mandrill templates dropped into the templates folder.
 */
@HubTest
class MessageSenderEmailTest extends MessageSenderHub {

  static final String ORDER_ID = "SO-100234";
  static final String TOTAL = "172.80 USD";
  static final String RETURN_ID = "RET-4410";
  static final String REFUND = "27.00 USD";
  static final String APPROVER = "Maria Garcia";
  static final String APPROVAL_COMMENTS = "Within the Q1 safety budget";
  static final String RESET_URL = "https://shop.acme.example/account/reset-password";
  static final String VERIFICATION_CODE = "K7P4-QX92-MD3T";

  /**
   * One message type: its subject as its subject template renders the sample, and facts both parts
   * must show.
   */
  record Expected(String type, String subject, List<String> facts) {
    Family family() {
      return Family.of(type);
    }

    @Override
    public String toString() {
      return type;
    }
  }

  static Expected expect(String type, String subject, String... facts) {
    return new Expected(type, subject, List.of(facts));
  }

  static Expected order(String type, String subject, String... more) {
    return new Expected(type, subject, concat(List.of(ORDER_ID, TOTAL), more));
  }

  static Expected orderReturn(String type, String subject, String... more) {
    return new Expected(type, subject, concat(List.of(RETURN_ID, ORDER_ID, REFUND), more));
  }

  static List<String> concat(List<String> first, String... more) {
    List<String> all = new ArrayList<>(first);
    all.addAll(List.of(more));
    return all;
  }

  static Stream<Expected> everyMessageType() {
    return Stream.of(
        order("OrderDeclined", "Order SO-100234 was declined", APPROVER, APPROVAL_COMMENTS),
        order("OrderSubmitted", "Order SO-100234 confirmed: 172.80 USD", "Safety Gloves (L)"),
        expect(
            "ShipmentCreated",
            "Order SO-100234 has shipped: FedEx 794612345678",
            ORDER_ID,
            "794612345678",
            "FedEx",
            "Safety Gloves (L)",
            "https://www.fedex.com/fedextrack/?trknbr=794612345678"),
        expect("ForgottenPassword", "Reset your password", RESET_URL, VERIFICATION_CODE, "slee"),
        expect("ForgottenUsername", "Your username", "jdoe", "jane.doe@acme.example"),
        order("OrderSubmittedForYourApproval", "Order SO-100234 needs your approval", "Jane Doe"),
        order("OrderSubmittedForApproval", "Order SO-100234 is waiting for approval"),
        order("OrderApproved", "Order SO-100234 was approved", APPROVER, APPROVAL_COMMENTS),
        order(
            "OrderSubmittedForYourApprovalHasBeenApproved",
            "Order SO-100234 from Jane Doe was approved",
            APPROVER,
            APPROVAL_COMMENTS),
        order(
            "OrderSubmittedForYourApprovalHasBeenDeclined",
            "Order SO-100234 from Jane Doe was declined",
            APPROVER,
            APPROVAL_COMMENTS),
        expect(
            "NewUserInvitation",
            "You're invited: set up your account",
            RESET_URL,
            VERIFICATION_CODE,
            "slee"),
        orderReturn("OrderReturnDeclined", "Return RET-4410 was declined", APPROVER),
        orderReturn("OrderReturnSubmitted", "Return RET-4410 received"),
        orderReturn("OrderReturnSubmittedForYourApproval", "Return RET-4410 needs your approval"),
        orderReturn("OrderReturnSubmittedForApproval", "Return RET-4410 is waiting for approval"),
        orderReturn("OrderReturnApproved", "Return RET-4410 was approved", APPROVER),
        orderReturn(
            "OrderReturnSubmittedForYourApprovalHasBeenApproved",
            "Return RET-4410 was approved",
            APPROVER),
        orderReturn(
            "OrderReturnSubmittedForYourApprovalHasBeenDeclined",
            "Return RET-4410 was declined",
            APPROVER),
        orderReturn("OrderReturnCompleted", "Return RET-4410 is complete: 27.00 USD refunded"),
        expect(
            "SubscriptionReminder",
            "Your subscription SUB-3008 renews 1 May 2025, 00:00 UTC",
            "SUB-3008",
            "1 May 2025",
            "Safety Gloves (L)",
            "Hard Hat"),
        expect(
            "ProductCollectionInvitationAccepted",
            "Your invitation to Site safety essentials was accepted",
            "Site safety essentials",
            "accepted"),
        expect(
            "ProductCollectionInvitationDeclined",
            "Your invitation to Site safety essentials was declined",
            "Site safety essentials",
            "declined"),
        expect("OneTimePassword", "Your one-time password", "603174", "jdoe"));
  }

  @Test
  void theTableBelowCoversEachOfTheTwentyThreeMessageTypesOnce() {
    assertThat(everyMessageType().map(Expected::type))
        .containsExactlyInAnyOrderElementsOf(MessageTypes.ALL)
        .hasSize(23);
    // and the samples cover every EventBody family
    assertThat(everyMessageType().map(Expected::family).distinct())
        .containsExactlyInAnyOrder(Family.values());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyMessageType")
  void eachMessageTypeArrivesAsItsEmail(Expected expected) throws Exception {
    Family family = expected.family();

    String eventId = send(sample(expected.type()));
    Map<String, Object> leg = delivered(eventId);

    assertThat(leg).containsEntry("attempts", 1).containsEntry("last_error", null);
    // one copy for the recipient and one for each CC address, all the same email
    assertThat(copies(eventId)).hasSize(1 + family.cc.size());
    MimeMessage email = receivedBy(family.to, eventId);
    for (String cc : family.cc) {
      assertThat(receivedBy(cc, eventId).getMessageID()).isEqualTo(email.getMessageID());
    }

    assertThat(email.getRecipients(Message.RecipientType.TO))
        .singleElement()
        .satisfies(
            to -> {
              assertThat(((InternetAddress) to).getAddress()).isEqualTo(family.to);
              assertThat(((InternetAddress) to).getPersonal()).isEqualTo(family.toName);
            });
    assertThat(addresses(email, Message.RecipientType.CC)).containsExactlyElementsOf(family.cc);
    assertThat(from(email).getAddress()).isEqualTo(family.from);
    assertThat(from(email).getPersonal()).isEqualTo(family.expectedFromName());
    assertThat(email.getSubject()).isEqualTo(expected.subject());
    assertThat(email.getMessageID()).isEqualTo("<" + eventId + ":email@ordercloud-hub>");

    String text = text(email);
    String html = html(email);
    String shown = decode(html); // what a mail client shows: entities such as &#x3D; decoded
    assertThat(text).doesNotContain("{{", "<td", "<p");
    assertThat(html).doesNotContain("{{").contains("<html", "</html>");
    for (String fact : expected.facts()) {
      assertThat(text).as("text part of %s", expected.type()).contains(fact);
      assertThat(shown).as("HTML part of %s", expected.type()).contains(fact);
    }
    // the subject is the HTML's title too
    assertThat(html).contains("<title>" + htmlEscaped(expected.subject()) + "</title>");
    if (expected.facts().contains(RESET_URL)) {
      assertThat(html).contains("href=\"" + RESET_URL + "\"");
    }
  }

  static Stream<Arguments> ccLists() {
    JsonNodeFactory json = JsonNodeFactory.instance;
    return Stream.of(
        Arguments.of(
            "an array",
            json.arrayNode().add("buyer-a@acme.example").add("buyer-b@acme.example"),
            List.of("buyer-a@acme.example", "buyer-b@acme.example")),
        Arguments.of(
            "a comma-separated string",
            json.textNode("buyer-a@acme.example, buyer-b@acme.example"),
            List.of("buyer-a@acme.example", "buyer-b@acme.example")),
        Arguments.of(
            "a single address",
            json.textNode("buyer-a@acme.example"),
            List.of("buyer-a@acme.example")),
        Arguments.of("an empty array", json.arrayNode(), List.of()),
        Arguments.of("an empty string", json.textNode(""), List.of()),
        Arguments.of("null", json.nullNode(), List.of()),
        Arguments.of("absent", null, List.of()));
  }

  @ParameterizedTest(name = "CCList as {0}")
  @MethodSource("ccLists")
  void everyAddressInTheCcListIsCopied(String shape, JsonNode ccList, List<String> expected)
      throws Exception {
    ObjectNode message = sample("OrderSubmitted");
    if (ccList == null) {
      message.remove("CCList");
    } else {
      message.set("CCList", ccList);
    }

    String eventId = send(message);
    delivered(eventId);

    MimeMessage email = receivedBy("jane.doe@acme.example", eventId);
    assertThat(addresses(email, Message.RecipientType.CC)).containsExactlyElementsOf(expected);
    for (String cc : expected) {
      assertThat(addresses(receivedBy(cc, eventId), Message.RecipientType.TO))
          .containsExactly("jane.doe@acme.example");
    }
    assertThat(copies(eventId)).hasSize(1 + expected.size());
  }

  @ParameterizedTest(name = "POST {0}")
  @ValueSource(strings = {MESSAGES + "/ordersubmitted", MESSAGES + "/OrderSubmitted", MESSAGES})
  void theMessageTypeInThePathMayBeLowerOrPascalCaseOrAbsent(String path) throws Exception {
    String eventId = send(path, sample("OrderSubmitted"));
    delivered(eventId);

    assertThat(
            jdbc.queryForObject(
                "SELECT event_type FROM hub_event WHERE id = ?", String.class, eventId))
        .isEqualTo("message.ordersubmitted");
    MimeMessage email = receivedBy("jane.doe@acme.example", eventId);
    assertThat(email.getSubject()).isEqualTo("Order SO-100234 confirmed: 172.80 USD");
    assertThat(text(email)).contains(ORDER_ID, TOTAL);
  }

  @Test
  void withoutFromEmailInConfigDataTheSenderIsMailFrom() throws Exception {
    ObjectNode blank = sample("OrderSubmitted");
    ((ObjectNode) blank.get("ConfigData")).put("fromEmail", " ");
    ObjectNode none = sample("OrderSubmitted");
    none.remove("ConfigData");

    for (ObjectNode message : List.of(blank, none)) {
      String eventId = send(message);
      delivered(eventId);
      InternetAddress from = from(receivedBy("jane.doe@acme.example", eventId));
      assertThat(from.getAddress()).isEqualTo(HUB_SENDER);
      assertThat(from.getPersonal()).isEqualTo("OrderCloud Hub");
    }
  }

  static Stream<Arguments> invalidAddresses() {
    return Stream.of(
        Arguments.of("Recipient", "Email", "jane.doe.acme.example"),
        Arguments.of("ConfigData", "fromEmail", "orders@"),
        Arguments.of(null, "CCList", "purchasing at acme.example"));
  }

  @ParameterizedTest(name = "{1}: {2}")
  @MethodSource("invalidAddresses")
  void anInvalidAddressMakesTheLegDeadWithAMessageNamingIt(
      String object, String field, String address) {
    ObjectNode message = sample("OrderSubmitted");
    if (object == null) {
      message.putArray(field).add("purchasing@acme.example").add(address);
    } else {
      ((ObjectNode) message.get(object)).put(field, address);
    }

    String eventId = send(message);
    Map<String, Object> leg = legs.awaitStatus(eventId, "email", "dead");

    assertThat(leg).containsEntry("attempts", 1);
    assertThat((String) leg.get("last_error")).contains("Invalid e-mail address").contains(address);
    assertThat(copies(eventId)).isEmpty();
  }

  static String htmlEscaped(String text) {
    return text.replace("&", "&amp;").replace("'", "&#x27;").replace("\"", "&quot;");
  }

  /**
   * A second hub, as an integrator configures it: a subject, sender and copies for some types in
   * application.yaml, and OrderCloud Mandrill templates ({@code <MessageType>.html}) dropped into a
   * copy of templates/email/. It extends {@link MessageSenderHub} so that sending and reading the
   * ledger use this hub's port and database, not the enclosing one's.
   */
  @Nested
  @TestPropertySource(
      properties = {
        "hub.mail.cache-templates=false",
        "hub.messages.company=Acme Safety Supply",
        "hub.messages.company-address=1 Supply Way, Minneapolis, MN 55401",
        "hub.messages.types.ordersubmitted.subject=Thanks {{FIRSTNAME}} — order {{OrderID}}"
            + " ({{money TOTAL Currency}}) is in",
        "hub.messages.types.ordersubmitted.from=Acme Orders <orders@seller.test>",
        "hub.messages.types.ordersubmitted.cc=sales@seller.test, audit@seller.test",
        // OrderCloud's own spelling of the type works as a key too
        "hub.messages.types.OrderApproved.from=approvals@seller.test"
      })
  class ConfiguredByTheIntegrator extends MessageSenderHub {

    static final Path templates = templatesWithMandrillDropIns();

    @Autowired Clock clock;

    @DynamicPropertySource
    static void templatesFolder(DynamicPropertyRegistry registry) {
      registry.add("hub.mail.templates-dir", templates::toString);
    }

    /** A copy of templates/email/ with this test's Mandrill templates added. */
    static Path templatesWithMandrillDropIns() {
      try {
        Path folder = copyOfTheTemplates("templates-");
        for (String name :
            List.of("OrderSubmitted.html", "ShipmentCreated.html", "ForgottenPassword.html")) {
          try (var in = MessageSenderEmailTest.class.getResourceAsStream("/mandrill/" + name)) {
            Files.copy(in, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
          }
        }
        // written here: a return template in OrderCloud's row form, a broken one, a misnamed one
        Files.writeString(
            folder.resolve("OrderReturnApproved.html"),
            "<!-- dashed rows -->{{#each returnitems}}<tr><td>{{--LINEITEMID}}</td>"
                + "<td>{{PRODUCTDESC}}</td><td>{{--QUANTITY}}</td><td>{{--REFUNDAMOUNT}}</td></tr>"
                + "{{/each}} for *|FIRSTNAME|*");
        Files.writeString(
            folder.resolve("OrderDeclined.html"),
            "<!-- broken -->\n{{#each products}}\n<p>x</p>\n");
        Files.writeString(folder.resolve("OrderReturnDecline.html"), "<!-- misnamed -->");
        return folder;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Test
    void aReturnTemplateInOrderCloudsDashedFormRendersEachItemToReturn() throws Exception {
      ObjectNode message = sample("OrderReturnApproved");
      JsonNode item = message.at("/EventBody/OrderReturn/ItemsToReturn/0");
      JsonNode line = message.at("/EventBody/LineItems/0");
      assertThat(line.get("ID").asText()).isEqualTo(item.get("LineItemID").asText());

      String eventId = send(message);
      delivered(eventId);

      String html = html(receivedBy("jane.doe@acme.example", eventId));
      assertThat(html)
          .startsWith("<!-- dashed rows -->")
          .contains(
              "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>"
                  .formatted(
                      item.get("LineItemID").asText(),
                      line.at("/Product/Description").asText(),
                      item.get("Quantity").asText(),
                      item.get("RefundAmount").asText()))
          .endsWith(" for " + message.at("/EventBody/Order/FromUser/FirstName").asText())
          .doesNotContain("{{")
          .doesNotContain("*|");
    }

    @Test
    void aBrokenDropInFallsBackToTheBuiltInHtmlTheLegSaysSoAndHealthNamesTheFiles()
        throws Exception {
      String eventId = send(sample("OrderDeclined"));
      Map<String, Object> leg = delivered(eventId);

      String html = html(receivedBy("jane.doe@acme.example", eventId));
      assertThat(html).doesNotContain("<!-- broken -->").contains(ORDER_ID);
      assertThat((String) legs.of(eventId, "email").get("note"))
          .startsWith("Mandrill template OrderDeclined.html failed (")
          .endsWith("sent with the built-in orderdeclined.html.hbs instead");
      assertThat(leg).isNotEmpty();

      HttpResponse<String> health = hub.opsGet("/actuator/health/templates");
      assertThat(health.statusCode()).isEqualTo(200);
      JsonNode body = Fixtures.json(health.body().getBytes(StandardCharsets.UTF_8));
      assertThat(body.get("status").asText()).isEqualTo("DEGRADED");
      List<String> problems = new ArrayList<>();
      body.at("/details/problems").forEach(p -> problems.add(p.asText()));
      assertThat(problems)
          .anySatisfy(
              p -> assertThat(p).startsWith("OrderDeclined.html:").contains("does not compile"))
          .contains(
              "OrderReturnDecline.html: OrderReturnDecline.html is not a message type; did you"
                  + " mean OrderReturnDeclined?");
    }

    @Test
    void aTypesConfiguredSubjectSenderAndCopiesApply() throws Exception {
      ObjectNode withoutSender = sample("OrderSubmitted");
      ((ObjectNode) withoutSender.get("ConfigData")).remove("fromEmail");

      String eventId = send(withoutSender);
      delivered(eventId);

      MimeMessage email = receivedBy("jane.doe@acme.example", eventId);
      assertThat(email.getSubject()).isEqualTo("Thanks Jane — order SO-100234 (172.80 USD) is in");
      assertThat(from(email).getAddress()).isEqualTo("orders@seller.test");
      assertThat(from(email).getPersonal()).isEqualTo("Acme Orders");
      // the call's CCList, then the configured copies
      assertThat(addresses(email, Message.RecipientType.CC))
          .containsExactly("purchasing@acme.example", "sales@seller.test", "audit@seller.test");
      assertThat(copies(eventId)).hasSize(4);
      assertThat(receivedBy("audit@seller.test", eventId).getSubject())
          .isEqualTo(email.getSubject());
    }

    @Test
    void theSendersConfigDataStillWinsOverTheTypesSender() throws Exception {
      String eventId = send(sample("OrderSubmitted"));
      delivered(eventId);

      MimeMessage email = receivedBy("jane.doe@acme.example", eventId);
      assertThat(from(email).getAddress()).isEqualTo("orders@shop.example");
      assertThat(email.getSubject()).isEqualTo("Thanks Jane — order SO-100234 (172.80 USD) is in");
    }

    @Test
    void aTypeConfiguredInPascalCaseWithOnlyASenderKeepsItsSubjectAndCopies() throws Exception {
      ObjectNode message = sample("OrderApproved");
      message.remove("ConfigData");

      String eventId = send(message);
      delivered(eventId);

      MimeMessage email = receivedBy("jane.doe@acme.example", eventId);
      assertThat(from(email).getAddress()).isEqualTo("approvals@seller.test");
      assertThat(email.getSubject()).isEqualTo("Order SO-100234 was approved");
      assertThat(addresses(email, Message.RecipientType.CC))
          .containsExactly("purchasing@acme.example");
      // other types are untouched
      String shipped = send(sample("ShipmentCreated"));
      delivered(shipped);
      assertThat(from(receivedBy("jane.doe@acme.example", shipped)).getAddress())
          .isEqualTo("shipping@shop.example");
    }

    @Test
    void aMandrillOrderTemplateRendersEveryVariableFilled() throws Exception {
      String eventId = send(sample("OrderSubmitted"));
      delivered(eventId);

      MimeMessage email = receivedBy("jane.doe@acme.example", eventId);
      String html = html(email);
      assertThat(html).startsWith("<!DOCTYPE html>").contains("Mandrill test template");
      assertThat(html).doesNotContain("{{");
      assertThat(variables(html))
          .containsExactlyInAnyOrderEntriesOf(
              Map.ofEntries(
                  Map.entry("FIRSTNAME", List.of("Jane")),
                  Map.entry("LASTNAME", List.of("Doe")),
                  Map.entry("OrderID", List.of(ORDER_ID)),
                  Map.entry("DATESUBMITTED", List.of("2025-03-14T16:02:11.39+00:00")),
                  Map.entry("PRODUCTID", List.of("SKU-1001", "SKU-2040")),
                  Map.entry(
                      "PRODUCTDESC",
                      List.of("Nitrile-coated work gloves", "ANSI Type I hard hat, white")),
                  Map.entry("QUANTITY", List.of("10", "2")),
                  Map.entry("COST", List.of("90.0", "60.0")),
                  Map.entry("ShipToCity", List.of("St. Paul", "St. Paul")),
                  Map.entry("SUBTOTAL", List.of("150.0")),
                  Map.entry("Tax", List.of("12.8")),
                  Map.entry("Shipping", List.of("10.0")),
                  Map.entry("TOTAL", List.of("172.8")),
                  Map.entry("orderxp_poNumber", List.of("PO-7781")),
                  Map.entry("COMPANY", List.of("Acme Safety Supply")),
                  Map.entry("COMPANYADDRESS", List.of("1 Supply Way, Minneapolis, MN 55401")),
                  Map.entry("CURRENTYEAR", List.of(currentYear()))));
      // the text part still comes from the hub's own template
      assertThat(text(email)).contains(ORDER_ID, TOTAL).doesNotContain("{{");
    }

    @Test
    void aMandrillShipmentTemplateRendersEveryVariableFilled() throws Exception {
      String eventId = send(sample("ShipmentCreated"));
      delivered(eventId);

      String html = html(receivedBy("jane.doe@acme.example", eventId));
      assertThat(html).contains("Mandrill test template").doesNotContain("{{");
      assertThat(variables(html))
          .containsExactlyInAnyOrderEntriesOf(
              Map.ofEntries(
                  Map.entry("FirstName", List.of("Jane")),
                  Map.entry("ORDERID", List.of(ORDER_ID)),
                  Map.entry("SHIPPER", List.of("FedEx")),
                  Map.entry("TRACKINGNUMBER", List.of("794612345678")),
                  Map.entry(
                      "TRACKINGURL",
                      List.of("https://www.fedex.com/fedextrack/?trknbr=794612345678")),
                  Map.entry("DateShipped", List.of("2025-03-17T13:45:00+00:00")),
                  Map.entry("TOADDRESSFIRSTNAME", List.of("Receiving")),
                  Map.entry("ToAddressStreet1", List.of("2500 Industrial Blvd")),
                  Map.entry("TOADDRESSCITY", List.of("St. Paul")),
                  Map.entry("PRODUCTID", List.of("SKU-1001")),
                  Map.entry("PRODUCTNAME", List.of("Safety Gloves (L)")),
                  Map.entry("QUANTITYSHIPPED", List.of("10")),
                  Map.entry("COST", List.of("90.0")),
                  Map.entry("TOTAL", List.of("172.8")),
                  Map.entry("COMPANY", List.of("Acme Safety Supply")),
                  Map.entry("CURRENTYEAR", List.of(currentYear()))));
    }

    @Test
    void aMandrillPasswordResetTemplateRendersEveryVariableFilled() throws Exception {
      String eventId = send(sample("ForgottenPassword"));
      delivered(eventId);

      String html = html(receivedBy("sam.lee@acme.example", eventId));
      assertThat(html).contains("Mandrill test template").doesNotContain("{{");
      assertThat(html).contains("href=\"" + RESET_URL + "\"");
      assertThat(variables(html))
          .containsExactlyInAnyOrderEntriesOf(
              Map.ofEntries(
                  Map.entry("username", List.of("slee")),
                  Map.entry("Username", List.of("slee")),
                  Map.entry("passwordverificationcode", List.of(VERIFICATION_CODE)),
                  Map.entry("passwordrenewalurl", List.of(RESET_URL)),
                  Map.entry("COMPANY", List.of("Acme Safety Supply")),
                  Map.entry("CURRENTYEAR", List.of(currentYear()))));
    }

    String currentYear() {
      return String.valueOf(Year.now(clock).getValue());
    }
  }

  private static final Pattern VARIABLE =
      Pattern.compile("<(span|td|a|p)[^>]* data-var=\"([^\"]+)\"[^>]*>([^<]*)</\\1>");

  /**
   * What each {@code data-var} element of a rendered test template holds, by variable, in order,
   * entities decoded. An empty value fails: a variable that rendered nothing was not filled.
   */
  static Map<String, List<String>> variables(String html) {
    Map<String, List<String>> found = new LinkedHashMap<>();
    Matcher matcher = VARIABLE.matcher(html);
    while (matcher.find()) {
      String value = decode(matcher.group(3)).strip();
      assertThat(value).as("value of {{%s}}", matcher.group(2)).isNotEmpty();
      found.computeIfAbsent(matcher.group(2), k -> new ArrayList<>()).add(value);
    }
    return found;
  }

  static String decode(String html) {
    return html.replace("&#x3D;", "=")
        .replace("&#x27;", "'")
        .replace("&#x60;", "`")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }
}
