package com.ordercloudhub.hub.destination.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.event.MessageTypes;
import com.ordercloudhub.hub.support.HubTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Year;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * OrderCloud's Mandrill template language, every construct and merge variable its public default
 * templates use, through the real pipeline: for each of the 23 message types a corpus template
 * written for the project ({@code src/test/resources/mandrill-corpus/<MessageType>.html}) is
 * dropped into a copy of templates/email/, a realistic payload of the type is sent signed to the
 * door, and the email GreenMail receives must be that template with every variable holding the
 * value SPEC §6.7 defines, computed here from the payload JSON (never from the hub's model), every
 * {@code {{#each}}} repeated once per item and every {@code {{#if}}}/{@code {{#unless}}}/{@code
 * {{#contains}}} taking the branch the payload calls for.
 *
 * <p>The templates mark what the test reads back: {@code data-var="NAME"} around a variable ({@code
 * data-var="list/NAME"} inside a row of {@code {{#each list}}}), {@code data-row="list"} on each
 * row and {@code data-if="NAME:yes|no"} in each branch. No variable is allowed to be empty: where a
 * sample lacked data a template uses, {@link #realistic} adds it.
 */
@HubTest
@TestPropertySource(
    properties = {
      "hub.messages.company=" + MandrillCorpusTest.COMPANY,
      "hub.messages.company-address=" + MandrillCorpusTest.COMPANY_ADDRESS,
      "hub.messages.storefront-url=" + MandrillCorpusTest.STOREFRONT,
      "hub.messages.tracking-urls.FedEx=" + MandrillCorpusTest.FEDEX_TRACKING
    })
class MandrillCorpusTest extends MessageSenderHub {

  static final String COMPANY = "Acme Safety Supply";
  static final String COMPANY_ADDRESS = "1 Supply Way, Minneapolis, MN 55401";
  static final String STOREFRONT = "https://shop.acme.example";
  static final String FEDEX_TRACKING = "https://track.shop.test/fedex/{tracking}";

  static final Path templates = templatesWithTheCorpus();

  private static final Pattern DATA_VAR = Pattern.compile("data-var=\"([^\"]+)\"");
  private static final Pattern DATA_IF = Pattern.compile("data-if=\"([^\"]+):(yes|no)\"");
  private static final Pattern EACH = Pattern.compile("\\{\\{#each (\\w+)}}");

  @Autowired Clock clock;

  @DynamicPropertySource
  static void templatesFolder(DynamicPropertyRegistry registry) {
    registry.add("hub.mail.templates-dir", templates::toString);
  }

  /** A copy of templates/email/ with the 23 corpus templates dropped in. */
  static Path templatesWithTheCorpus() {
    try {
      Path folder = copyOfTheTemplates("corpus-");
      for (String type : MessageTypes.ALL) {
        try (InputStream in = corpusFile(type)) {
          assertThat(in).as("corpus template for %s", type).isNotNull();
          Files.copy(in, folder.resolve(type + ".html"));
        }
      }
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static InputStream corpusFile(String type) {
    return MandrillCorpusTest.class.getResourceAsStream("/mandrill-corpus/" + type + ".html");
  }

  static Stream<String> messageTypes() {
    return MessageTypes.ALL.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messageTypes")
  void theTypesCorpusTemplateRendersEveryConstructWithThePayloadsValues(String type)
      throws Exception {
    String source = Files.readString(templates.resolve(type + ".html"));
    ObjectNode message = realistic(type);

    String eventId = send(message);
    delivered(eventId);
    String html = html(receivedBy(message.at("/Recipient/Email").asText(), eventId));

    // the HTML part is this type's corpus template, every tag rendered
    assertThat(html).startsWith("<!-- corpus:" + type + " -->");
    assertThat(html).doesNotContain("{{").doesNotContain("}}");
    assertThat(html).doesNotContain("*|").doesNotContain("|*");

    // every variable the template declares, with the payload's value, once per row of its list
    Set<String> declared = matches(DATA_VAR, source, 1);
    assertThat(declared).isNotEmpty();
    Map<String, List<String>> expected = new LinkedHashMap<>();
    for (String name : declared) {
      int occurrences = count(source, "data-var=\"" + name + "\"");
      int slash = name.indexOf('/');
      List<String> values = new ArrayList<>();
      if (slash < 0) {
        String value = top(name, message);
        for (int i = 0; i < occurrences; i++) {
          values.add(value);
        }
      } else {
        String list = name.substring(0, slash);
        assertThat(occurrences).as("%s appears once in its row", name).isEqualTo(1);
        for (JsonNode item : items(list, message)) {
          values.add(row(list, name.substring(slash + 1), item, message));
        }
      }
      values.forEach(
          v ->
              assertThat(v)
                  .as("%s's %s in the payload (the sample needs it)", type, name)
                  .isNotEmpty());
      expected.put(name, values);
    }
    assertThat(MessageSenderEmailTest.variables(html)).containsExactlyInAnyOrderEntriesOf(expected);

    // every {{#each}} repeated once per item of its list
    Set<String> lists = matches(EACH, source, 1);
    for (String list : lists) {
      List<JsonNode> items = items(list, message);
      assertThat(items).as("%s's %s", type, list).isNotEmpty();
      assertThat(count(html, "data-row=\"" + list + "\""))
          .as("rows of {{#each %s}}", list)
          .isEqualTo(items.size());
    }

    // every branch as the payload calls for it
    Set<String> conditions = matches(DATA_IF, source, 1);
    assertThat(
            count(source, "{{#if ") + count(source, "{{#unless ") + count(source, "{{#contains "))
        .as("branch markers")
        .isEqualTo(conditions.size());
    for (String condition : conditions) {
      assertThat(branches(html, condition))
          .as("branches taken by %s", condition)
          .isEqualTo(expectedBranches(condition, message));
    }
  }

  /**
   * The family's sample as this type, with what it lacked for the templates added as OrderCloud
   * would send it.
   */
  static ObjectNode realistic(String type) {
    ObjectNode message = sample(type);
    ObjectNode body = (ObjectNode) message.get("EventBody");
    if (type.matches("Order(Return)?SubmittedFor(Your)?Approval")) {
      // awaiting approval: the approval is pending, nobody has decided or commented yet
      ObjectNode approval = (ObjectNode) body.at("/Approvals/0");
      approval.put("Status", "Pending").putNull("DateCompleted").putNull("Comments");
    } else if (type.endsWith("Declined") && body.has("Approvals")) {
      ObjectNode approval = (ObjectNode) body.at("/Approvals/0");
      approval.put("Status", "Declined").put("Comments", "Over the Q1 safety budget");
    }
    if (body.has("Approvals") && body.has("Order") && !type.startsWith("Shipment")) {
      // a second approving group, decided earlier
      ((ArrayNode) body.get("Approvals"))
          .insertObject(0)
          .put("ApprovalRuleID", "new-supplier")
          .put("ApprovingGroupID", "acme-purchasing")
          .put("Status", "Approved")
          .put("DateCreated", "2025-03-14T16:02:12+00:00")
          .put("DateCompleted", "2025-03-14T16:30:05+00:00")
          .put("Comments", "Supplier is on the approved list")
          .putObject("Approver")
          .put("ID", "approver-02")
          .put("Username", "kpatel")
          .put("FirstName", "Kiran")
          .put("LastName", "Patel")
          .put("Email", "kiran.patel@acme.example")
          .put("Phone", "612-555-0112");
    }
    if (body.has("OrderReturn")) {
      ObjectNode orderReturn = (ObjectNode) body.get("OrderReturn");
      ((ArrayNode) orderReturn.get("ItemsToReturn"))
          .addObject()
          .put("LineItemID", "li-2")
          .put("Quantity", 1)
          .put("RefundAmount", 30.0)
          .put("Comments", "Cracked shell");
      orderReturn.put("RefundAmount", 57.0);
    }
    if (body.has("Shipment")) {
      ArrayNode items = (ArrayNode) body.get("ShipmentItems");
      ObjectNode second = items.addObject();
      second.put("OrderID", "SO-100234").put("LineItemID", "li-2").put("QuantityShipped", 2);
      second.put("UnitPrice", 30.0).set("Product", body.at("/LineItems/1/Product").deepCopy());
      // the same shipment also carried another order's item, which this email must not list
      ObjectNode other = items.addObject();
      other.put("OrderID", "SO-099871").put("LineItemID", "li-7").put("QuantityShipped", 5);
      other
          .putObject("Product")
          .put("ID", "SKU-3300")
          .put("Name", "Ear Plugs")
          .put("Description", "Foam ear plugs, 200 pairs");
    }
    if (type.equals("NewUserInvitation")) {
      // OrderCloud's portal templates branch on it; the Message Sender payload has no such field
      message.put("invitationType", "Marketplace");
    }
    return message;
  }

  /** The items a template's {@code {{#each list}}} walks, from the payload (SPEC §6.7). */
  static List<JsonNode> items(String list, JsonNode message) {
    JsonNode body = message.get("EventBody");
    List<JsonNode> items = new ArrayList<>();
    switch (list) {
      case "products" -> body.path("LineItems").forEach(items::add);
      case "approvals" -> body.path("Approvals").forEach(items::add);
      case "returnitems" -> body.at("/OrderReturn/ItemsToReturn").forEach(items::add);
      case "shipmentitems" ->
          body.path("ShipmentItems")
              .forEach(
                  i -> {
                    if (i.path("OrderID").asText().equals(body.at("/Order/ID").asText())) {
                      items.add(i);
                    }
                  });
      case "unavailableproducts" -> body.path("UnavailableProductIDs").forEach(items::add);
      default -> throw new AssertionError("no list " + list);
    }
    return items;
  }

  /** A top-level merge variable's value as SPEC §6.7 (and the hub's settings) define it. */
  String top(String name, JsonNode message) {
    JsonNode body = message.get("EventBody");
    JsonNode order = body.path("Order");
    JsonNode orderReturn = body.path("OrderReturn");
    JsonNode shipment = body.path("Shipment");
    JsonNode recipient = message.get("Recipient");
    JsonNode to = shipment.path("ToAddress");
    return switch (name.toUpperCase(Locale.ROOT)) {
      case "FIRSTNAME" -> text(order, "/FromUser/FirstName");
      case "LASTNAME" -> text(order, "/FromUser/LastName");
      case "SUBMITTEDBY" ->
          text(order, "/FromUser/FirstName") + " " + text(order, "/FromUser/LastName");
      case "ORDERID" -> order.has("ID") ? text(order, "/ID") : text(orderReturn, "/OrderID");
      case "DATESUBMITTED" -> text(order, "/DateSubmitted");
      case "SUBTOTAL" -> text(order, "/Subtotal");
      case "TAX" -> text(order, "/TaxCost");
      case "SHIPPING" -> text(order, "/ShippingCost");
      case "TOTAL" -> text(order, "/Total");
      case "LINEITEMCOUNT" -> text(order, "/LineItemCount");
      case "COMMENTS" -> text(order, "/Comments");
      case "ADDRESSNAME" -> text(order, "/BillingAddress/AddressName");
      case "BILLINGADDRESS" -> address(order.path("BillingAddress"));
      case "ORDERXP_PONUMBER" -> text(order, "/xp/poNumber");
      case "APPROVERNAME" ->
          text(decided(body), "/Approver/FirstName")
              + " "
              + text(decided(body), "/Approver/LastName");
      case "APPROVALCOMMENTS", "APPROVERCOMMENTS" -> text(decided(body), "/Comments");
      case "ORDERRETURNID" -> text(orderReturn, "/ID");
      case "REFUNDAMOUNT" -> text(orderReturn, "/RefundAmount");
      case "SHIPMENTID" -> text(shipment, "/ID");
      case "DATESHIPPED" -> text(shipment, "/DateShipped");
      case "SHIPPER" -> text(shipment, "/Shipper");
      case "TRACKINGNUMBER", "SHIPMENTTRACKINGNUMBER" -> text(shipment, "/TrackingNumber");
      case "TRACKINGURL" -> {
        assertThat(text(shipment, "/Shipper")).isEqualTo("FedEx");
        yield FEDEX_TRACKING.replace("{tracking}", text(shipment, "/TrackingNumber"));
      }
      case "TOADDRESSID" -> text(shipment, "/ToAddressID");
      case "TOADDRESSCOMPANY" -> text(to, "/CompanyName");
      case "TOADDRESSFIRSTNAME" -> text(to, "/FirstName");
      case "TOADDRESSLASTNAME" -> text(to, "/LastName");
      case "TOADDRESSSTREET1" -> text(to, "/Street1");
      case "TOADDRESSCITY" -> text(to, "/City");
      case "TOADDRESSSTATE" -> text(to, "/State");
      case "TOADDRESSPOSTALCODE" -> text(to, "/Zip");
      case "TOADDRESSCOUNTRY" -> text(to, "/Country");
      case "TOADDRESSNAME" -> text(to, "/AddressName");
      case "SUBSCRIPTIONID" -> text(body, "/Subscription/ID");
      case "SUBSCRIPTIONNEXTORDERDATE" -> text(body, "/Subscription/NextOrderDate");
      case "PRODUCTCOLLECTIONNAME" -> text(body, "/ProductCollection/Name");
      case "USERNAME", "USER_NAME" -> text(body, "/Username");
      case "PASSWORDVERIFICATIONCODE" -> text(body, "/PasswordRenewalVerificationCode");
      case "PASSWORDRENEWALURL" -> text(body, "/PasswordRenewalUrl");
      case "ONETIMEPASSWORD" -> text(body, "/OneTimePassword");
      case "CODE" ->
          body.has("OneTimePassword")
              ? text(body, "/OneTimePassword")
              : text(body, "/PasswordRenewalVerificationCode");
      case "EMAIL" -> text(recipient, "/Email");
      case "NAME" -> text(recipient, "/FirstName") + " " + text(recipient, "/LastName");
      case "INVITATIONTYPE" -> text(message, "/invitationType");
      case "COMPANY" -> COMPANY;
      case "COMPANYADDRESS" -> COMPANY_ADDRESS;
      case "BASEURL" -> STOREFRONT;
      case "CURRENTYEAR", "CURRENT_YEAR" -> String.valueOf(Year.now(clock).getValue());
      default -> throw new AssertionError("the test has no expectation for {{" + name + "}}");
    };
  }

  /** A variable's value in one row of a {@code {{#each list}}} (SPEC §6.7). */
  static String row(String list, String name, JsonNode item, JsonNode message) {
    JsonNode body = message.get("EventBody");
    String key = name.toUpperCase(Locale.ROOT);
    return switch (list + "/" + key) {
      case "products/PRODUCTID" -> text(item, "/ProductID");
      case "products/PRODUCTNAME" -> text(item, "/Product/Name");
      case "products/PRODUCTDESC" -> text(item, "/Product/Description");
      case "products/QUANTITY" -> text(item, "/Quantity");
      case "products/COST" -> text(item, "/LineTotal");
      case "products/SHIPTONAME" ->
          text(item, "/ShippingAddress/FirstName") + " " + text(item, "/ShippingAddress/LastName");
      case "products/SHIPTOSTREET1" -> text(item, "/ShippingAddress/Street1");
      case "products/SHIPTOSTREET2" -> text(item, "/ShippingAddress/Street2");
      case "products/SHIPTOCITY" -> text(item, "/ShippingAddress/City");
      case "products/SHIPTOSTATE" -> text(item, "/ShippingAddress/State");
      case "products/SHIPTOPOSTALCODE" -> text(item, "/ShippingAddress/Zip");
      case "products/SHIPTOCOUNTRY" -> text(item, "/ShippingAddress/Country");
      case "approvals/APPROVERFIRSTNAME" -> text(item, "/Approver/FirstName");
      case "approvals/APPROVERLASTNAME" -> text(item, "/Approver/LastName");
      case "approvals/APPROVEREMAIL" -> text(item, "/Approver/Email");
      case "approvals/APPROVERUSERNAME" -> text(item, "/Approver/Username");
      case "approvals/APPROVERPHONE" -> text(item, "/Approver/Phone");
      case "approvals/APPROVINGGROUPID" -> text(item, "/ApprovingGroupID");
      case "approvals/STATUS" -> text(item, "/Status");
      case "approvals/DATECREATED" -> text(item, "/DateCreated");
      case "approvals/DATECOMPLETED" -> text(item, "/DateCompleted");
      case "approvals/COMMENTS" -> text(item, "/Comments");
      case "returnitems/LINEITEMID" -> text(item, "/LineItemID");
      case "returnitems/QUANTITY" -> text(item, "/Quantity");
      case "returnitems/REFUNDAMOUNT" -> text(item, "/RefundAmount");
      case "returnitems/PRODUCTDESC" ->
          text(lineItem(body, text(item, "/LineItemID")), "/Product/Description");
      case "shipmentitems/PRODUCTID" -> text(item, "/Product/ID");
      case "shipmentitems/PRODUCTNAME" -> text(item, "/Product/Name");
      case "shipmentitems/PRODUCTDESC" -> text(item, "/Product/Description");
      case "shipmentitems/QUANTITYSHIPPED" -> text(item, "/QuantityShipped");
      case "shipmentitems/COST" -> text(lineItem(body, text(item, "/LineItemID")), "/LineTotal");
      case "unavailableproducts/ID" -> item.asText();
      case "unavailableproducts/PRODUCTNAME" -> {
        String name2 = "";
        for (JsonNode product : body.path("Products")) {
          if (product.path("ID").asText().equals(item.asText())) {
            name2 = text(product, "/Name");
          }
        }
        yield name2;
      }
      default -> throw new AssertionError("the test has no expectation for " + list + "/" + name);
    };
  }

  /** The branch each rendering of a condition must take: one per row inside an each. */
  List<String> expectedBranches(String condition, JsonNode message) {
    int tilde = condition.indexOf('~');
    String name = tilde < 0 ? condition : condition.substring(0, tilde);
    Function<String, String> branch =
        value ->
            (tilde < 0 ? !value.isEmpty() : value.contains(condition.substring(tilde + 1)))
                ? "yes"
                : "no";
    int slash = name.indexOf('/');
    if (slash >= 0) {
      String list = name.substring(0, slash);
      return items(list, message).stream()
          .map(item -> branch.apply(row(list, name.substring(slash + 1), item, message)))
          .toList();
    }
    if (Set.of("products", "approvals", "returnitems", "shipmentitems", "unavailableproducts")
        .contains(name)) {
      return List.of(items(name, message).isEmpty() ? "no" : "yes");
    }
    return List.of(branch.apply(top(name, message)));
  }

  static List<String> branches(String html, String condition) {
    List<String> taken = new ArrayList<>();
    Matcher matcher = DATA_IF.matcher(html);
    while (matcher.find()) {
      if (matcher.group(1).equals(condition)) {
        taken.add(matcher.group(2));
      }
    }
    return taken;
  }

  /** The approval that decided: the latest completed one, else the latest. */
  static JsonNode decided(JsonNode body) {
    JsonNode found = null;
    for (JsonNode approval : body.path("Approvals")) {
      if (!approval.path("DateCompleted").isNull()
          && !approval.path("DateCompleted").isMissingNode()) {
        found = approval;
      }
    }
    if (found == null) {
      JsonNode all = body.path("Approvals");
      found = all.size() == 0 ? body.path("Approvals") : all.get(all.size() - 1);
    }
    return found;
  }

  static JsonNode lineItem(JsonNode body, String id) {
    for (JsonNode line : body.path("LineItems")) {
      if (line.path("ID").asText().equals(id)) {
        return line;
      }
    }
    return body.path("no such line item");
  }

  /** Company, streets, "City, State Zip", country: the hub's one-line address (README). */
  static String address(JsonNode address) {
    List<String> parts = new ArrayList<>();
    for (String field : List.of("/CompanyName", "/Street1", "/Street2")) {
      if (!text(address, field).isEmpty()) {
        parts.add(text(address, field));
      }
    }
    parts.add(
        text(address, "/City") + ", " + text(address, "/State") + " " + text(address, "/Zip"));
    parts.add(text(address, "/Country"));
    return String.join(", ", parts);
  }

  /** The JSON value's text, as Mandrill is handed it; "" when absent or null. */
  static String text(JsonNode node, String pointer) {
    JsonNode value = node.at(pointer);
    return value.isMissingNode() || value.isNull() ? "" : value.asText();
  }

  static Set<String> matches(Pattern pattern, String text, int group) {
    Set<String> found = new LinkedHashSet<>();
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group(group));
    }
    return found;
  }

  static int count(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
      count++;
    }
    return count;
  }
}
