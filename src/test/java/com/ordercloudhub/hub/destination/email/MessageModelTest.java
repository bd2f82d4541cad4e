package com.ordercloudhub.hub.destination.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.event.ExactJson;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OrderCloud's Mandrill merge variables (SPEC §6.7) built from each built-in sample message
 * (src/main/resources/samples/messages/): every expected value is read from the sample itself, so a
 * variable that takes the wrong field, drops a row or loses a decimal fails here.
 */
class MessageModelTest {

  // a year no sample mentions, so currentyear can only come from the clock
  static final Clock CLOCK = Clock.fixed(Instant.parse("2031-06-15T12:00:00Z"), ZoneOffset.UTC);

  static final MessageProperties PROPERTIES =
      new MessageProperties(
          "Acme Supplies",
          "1 Harbour Road, Duluth MN 55802",
          "https://shop.acme.example",
          Map.of("ups", "https://track.example/ups?n={tracking}"),
          Map.of());

  final ObjectMapper mapper = new ObjectMapper();
  final MessageModel models = new MessageModel(mapper, PROPERTIES, CLOCK);

  /** Each sample family with one message type that carries it (MessageTypes.family). */
  static Stream<Arguments> samples() {
    return Stream.of(
        Arguments.of("order", "OrderSubmitted"),
        Arguments.of("order-return", "OrderReturnSubmitted"),
        Arguments.of("shipment", "ShipmentCreated"),
        Arguments.of("set-password", "ForgottenPassword"),
        Arguments.of("forgotten-username", "ForgottenUsername"),
        Arguments.of("one-time-password", "OneTimePassword"),
        Arguments.of("product-collection", "ProductCollectionInvitationAccepted"),
        Arguments.of("subscription", "SubscriptionReminder"));
  }

  /** A sample as the delivery reads a payload: decimals exact. */
  ObjectNode sample(String family, String messageType) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/samples/messages/" + family + ".json")) {
      assertThat(in).as(family + ".json").isNotNull();
      ObjectNode payload = (ObjectNode) ExactJson.reader(mapper).readTree(in);
      payload.put("MessageType", messageType);
      return payload;
    }
  }

  static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  /** A number as the model holds it: the JSON number exactly as sent. */
  static Object number(JsonNode node) {
    assertThat(node).isNotNull();
    assertThat(node.isNumber()).as("%s is a number", node).isTrue();
    return node.numberValue();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> rows(Map<String, Object> model, String name) {
    assertThat(model).containsKey(name);
    return (List<Map<String, Object>>) model.get(name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void everySampleNamesItsRecipientYourCompanyAndThisYear(String family, String type)
      throws IOException {
    ObjectNode payload = sample(family, type);
    JsonNode recipient = payload.get("Recipient");

    Map<String, Object> model = models.build(payload);

    assertThat(model)
        .containsEntry("messagetype", type)
        .containsEntry("environment", payload.get("Environment").asText())
        .containsEntry("recipientfirstname", recipient.get("FirstName").asText())
        .containsEntry("recipientlastname", recipient.get("LastName").asText())
        .containsEntry(
            "name", recipient.get("FirstName").asText() + " " + recipient.get("LastName").asText())
        .containsEntry("email", recipient.get("Email").asText())
        .containsEntry("company", PROPERTIES.company())
        .containsEntry("companyaddress", PROPERTIES.companyAddress())
        .containsEntry("baseurl", PROPERTIES.storefrontUrl())
        .containsEntry("currentyear", "2031")
        .containsEntry("current_year", "2031");
    // the payload itself stays reachable ({{EventBody.Order.ID}}, {{Recipient.Email}})
    assertThat(model).containsKeys("Recipient", "EventBody", "ConfigData");
    assertThat(model.get("EventBody")).isInstanceOf(Map.class);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"order", "order-return", "shipment"})
  void orderEmailsCarryTheOrderItsBuyerAndItsTotals(String family) throws IOException {
    ObjectNode payload = sample(family, "OrderSubmitted");
    JsonNode order = payload.at("/EventBody/Order");
    JsonNode from = order.get("FromUser");

    Map<String, Object> model = models.build(payload);

    assertThat(model)
        .containsEntry("firstname", from.get("FirstName").asText())
        .containsEntry("lastname", from.get("LastName").asText())
        .containsEntry("orderid", order.get("ID").asText())
        .containsEntry("datesubmitted", order.get("DateSubmitted").asText())
        .containsEntry("subtotal", number(order.get("Subtotal")))
        .containsEntry("tax", number(order.get("TaxCost")))
        .containsEntry("shipping", number(order.get("ShippingCost")))
        .containsEntry("total", number(order.get("Total")))
        .containsEntry("lineitemcount", number(order.get("LineItemCount")));
  }

  @Test
  void anApproversEmailNamesTheBuyerAsFirstnameAndTheApproverAsRecipient() throws IOException {
    // in the samples the buyer receives the email; an approver receiving it tells the two apart
    ObjectNode payload = sample("order", "OrderSubmittedForYourApproval");
    JsonNode approver = payload.at("/EventBody/Approvals/0/Approver");
    ObjectNode recipient = (ObjectNode) payload.get("Recipient");
    recipient.put("FirstName", approver.get("FirstName").asText());
    recipient.put("LastName", approver.get("LastName").asText());
    recipient.put("Email", approver.get("Email").asText());
    JsonNode from = payload.at("/EventBody/Order/FromUser");
    assertThat(from.get("FirstName").asText()).isNotEqualTo(recipient.get("FirstName").asText());

    Map<String, Object> model = models.build(payload);

    assertThat(model)
        .containsEntry("firstname", from.get("FirstName").asText())
        .containsEntry("lastname", from.get("LastName").asText())
        .containsEntry("recipientfirstname", approver.get("FirstName").asText())
        .containsEntry("recipientlastname", approver.get("LastName").asText())
        .containsEntry("email", approver.get("Email").asText());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"order", "order-return", "shipment", "subscription"})
  void productsHaveOneRowPerLineItemWithItsShipToAddress(String family) throws IOException {
    ObjectNode payload = sample(family, "OrderSubmitted");
    JsonNode lines = payload.at("/EventBody/LineItems");
    assertThat(lines.size()).as("the sample has line items").isPositive();

    List<Map<String, Object>> products = rows(models.build(payload), "products");

    assertThat(products).hasSize(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      JsonNode line = lines.get(i);
      JsonNode shipTo = line.get("ShippingAddress");
      Map<String, Object> row = products.get(i);
      assertThat(row.get("cost"))
          .as("cost of %s", line.get("ID"))
          .isEqualTo(number(line.get("LineTotal")));
      assertThat(row.get("quantity")).isEqualTo(number(line.get("Quantity")));
      assertThat(row.get("productid")).isEqualTo(line.get("ProductID").asText());
      assertThat(row.get("productname")).isEqualTo(line.at("/Product/Name").asText());
      // SPEC §6.7 and OrderCloud's reference sender: the description, not the name
      assertThat(row.get("productdesc")).isEqualTo(line.at("/Product/Description").asText());
      assertThat(row.get("shiptoname"))
          .isEqualTo(shipTo.get("FirstName").asText() + " " + shipTo.get("LastName").asText());
      assertThat(row.get("shiptostreet1")).isEqualTo(text(shipTo.get("Street1")));
      assertThat(row.get("shiptostreet2")).isEqualTo(text(shipTo.get("Street2")));
      assertThat(row.get("shiptocity")).isEqualTo(text(shipTo.get("City")));
      assertThat(row.get("shiptostate")).isEqualTo(text(shipTo.get("State")));
      assertThat(row.get("shiptopostalcode")).isEqualTo(text(shipTo.get("Zip")));
      assertThat(row.get("shiptocountry")).isEqualTo(text(shipTo.get("Country")));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"order", "order-return", "shipment"})
  void approvalsHaveOneRowPerApprovalWithItsApprover(String family) throws IOException {
    ObjectNode payload = sample(family, "OrderApproved");
    JsonNode approvals = payload.at("/EventBody/Approvals");

    List<Map<String, Object>> rows = rows(models.build(payload), "approvals");

    assertThat(rows).hasSize(approvals.size());
    for (int i = 0; i < approvals.size(); i++) {
      JsonNode approval = approvals.get(i);
      JsonNode approver = approval.get("Approver");
      assertThat(rows.get(i))
          .containsEntry("approvinggroupid", text(approval.get("ApprovingGroupID")))
          .containsEntry("status", text(approval.get("Status")))
          .containsEntry("datecreated", text(approval.get("DateCreated")))
          .containsEntry("datecompleted", text(approval.get("DateCompleted")))
          .containsEntry("approverid", text(approver.get("ID")))
          .containsEntry("approveremail", text(approver.get("Email")))
          .containsEntry("approverfirstname", text(approver.get("FirstName")))
          .containsEntry("approverlastname", text(approver.get("LastName")))
          .containsEntry("approverusername", text(approver.get("Username")))
          .containsEntry("approverphone", text(approver.get("Phone")))
          .containsEntry("comments", text(approval.get("Comments")));
    }
  }

  @Test
  void theOrderSampleHasAnApprovalSoItsRowsAreReallyChecked() throws IOException {
    assertThat(sample("order", "OrderApproved").at("/EventBody/Approvals").size()).isPositive();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"order", "order-return", "shipment"})
  void everyOrderXpValueIsAnOrderxpVariable(String family) throws IOException {
    ObjectNode payload = sample(family, "OrderSubmitted");
    JsonNode xp = payload.at("/EventBody/Order/xp");
    assertThat(xp.size()).as("the sample's Order.xp").isPositive();

    Map<String, Object> model = models.build(payload);

    for (Iterator<Map.Entry<String, JsonNode>> it = xp.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      assertThat(model).containsEntry("orderxp_" + field.getKey(), field.getValue().asText());
    }
  }

  @Test
  void nestedOrderXpIsFlattenedByKeyAndByIndex() throws IOException {
    ObjectNode payload = sample("order", "OrderSubmitted");
    ObjectNode xp = ((ObjectNode) payload.at("/EventBody/Order")).putObject("xp");
    xp.putObject("delivery").put("dock", "B").putObject("window").put("from", "08:00");
    xp.putArray("tags").add("rush").add("fragile");
    xp.put("boxes", 3);
    xp.putNull("gone");

    Map<String, Object> model = models.build(payload);

    assertThat(model)
        .containsEntry("orderxp_delivery_dock", "B")
        .containsEntry("orderxp_delivery_window_from", "08:00")
        .containsEntry("orderxp_tags_0", "rush")
        .containsEntry("orderxp_tags_1", "fragile")
        .containsEntry("orderxp_boxes", xp.get("boxes").numberValue())
        .doesNotContainKeys("orderxp_gone", "orderxp_delivery", "orderxp_tags");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ForgottenPassword", "NewUserInvitation"})
  void aPasswordMessageCarriesTheRenewalTokenCodeAndLink(String type) throws IOException {
    ObjectNode payload = sample("set-password", type);
    JsonNode body = payload.get("EventBody");

    Map<String, Object> model = models.build(payload);

    assertThat(model)
        .containsEntry("username", body.get("Username").asText())
        .containsEntry("passwordtoken", body.get("PasswordRenewalAccessToken").asText())
        .containsEntry(
            "passwordverificationcode", body.get("PasswordRenewalVerificationCode").asText())
        // the KB table's spelling of the same variable
        .containsEntry("passwordverification", body.get("PasswordRenewalVerificationCode").asText())
        .containsEntry("passwordrenewalurl", body.get("PasswordRenewalUrl").asText())
        .containsEntry("environment", payload.get("Environment").asText());
  }

  @Test
  void aForgottenUsernameMessageCarriesTheUsername() throws IOException {
    ObjectNode payload = sample("forgotten-username", "ForgottenUsername");

    Map<String, Object> model = models.build(payload);

    assertThat(model).containsEntry("username", payload.at("/EventBody/Username").asText());
    assertThat(model).doesNotContainKeys("passwordtoken", "orderid", "products");
  }

  @Test
  void aOneTimePasswordMessageCarriesThePassword() throws IOException {
    ObjectNode payload = sample("one-time-password", "OneTimePassword");
    JsonNode body = payload.get("EventBody");

    Map<String, Object> model = models.build(payload);

    // SPEC §6.7 lists no variables for this type; these are the hub's own
    assertThat(model)
        .containsEntry("username", body.get("Username").asText())
        .containsEntry("onetimepassword", body.get("OneTimePassword").asText())
        .containsEntry("code", body.get("OneTimePassword").asText())
        .containsEntry("clientid", body.get("ClientID").asText());
  }

  @Test
  void aReturnCarriesItsIdRefundAndOneRowPerItemToReturn() throws IOException {
    ObjectNode payload = sample("order-return", "OrderReturnSubmitted");
    JsonNode orderReturn = payload.at("/EventBody/OrderReturn");
    JsonNode items = orderReturn.get("ItemsToReturn");
    assertThat(items.size()).isPositive();

    Map<String, Object> model = models.build(payload);

    assertThat(model)
        .containsEntry("orderreturnid", orderReturn.get("ID").asText())
        .containsEntry("refundamount", number(orderReturn.get("RefundAmount")));
    List<Map<String, Object>> rows = rows(model, "returnitems");
    assertThat(rows).hasSize(items.size());
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      assertThat(rows.get(i))
          .containsEntry("LineItemID", item.get("LineItemID").asText())
          .containsEntry("Quantity", number(item.get("Quantity")))
          .containsEntry("RefundAmount", number(item.get("RefundAmount")));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = orderReturn.get("xp").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      assertThat(model).containsEntry("orderreturnxp_" + field.getKey(), field.getValue().asText());
    }
    assertThat(orderReturn.get("xp").size()).as("the sample's OrderReturn.xp").isPositive();
  }

  @Test
  void aShipmentCarriesItsTrackingItsAddressAndItsItems() throws IOException {
    ObjectNode payload = sample("shipment", "ShipmentCreated");
    JsonNode shipment = payload.at("/EventBody/Shipment");
    JsonNode to = shipment.get("ToAddress");

    Map<String, Object> model = models.build(payload);

    assertThat(model)
        .containsEntry("shipmentid", shipment.get("ID").asText())
        .containsEntry("shipmenttrackingnumber", shipment.get("TrackingNumber").asText())
        .containsEntry("shipper", shipment.get("Shipper").asText())
        .containsEntry("dateshipped", shipment.get("DateShipped").asText())
        .containsEntry("toaddressid", shipment.get("ToAddressID").asText())
        .containsEntry("toaddresscompany", to.get("CompanyName").asText())
        .containsEntry("toaddressfirstname", to.get("FirstName").asText())
        .containsEntry("toaddresslastname", to.get("LastName").asText())
        .containsEntry("toaddressstreet1", to.get("Street1").asText())
        .containsEntry("toaddresscity", to.get("City").asText())
        .containsEntry("toaddressstate", to.get("State").asText())
        .containsEntry("toaddresspostalcode", to.get("Zip").asText())
        .containsEntry("toaddresscountry", to.get("Country").asText())
        .containsEntry("toaddressname", to.get("AddressName").asText())
        // the shipper's link from hub.messages.tracking-urls, matched in any case (UPS / ups)
        .containsEntry(
            "trackingurl",
            "https://track.example/ups?n=" + shipment.get("TrackingNumber").asText());
    // a null Street2 is no variable (the template's {{#if}} hides it)
    assertThat(to.get("Street2").isNull()).isTrue();
    assertThat(model).doesNotContainKey("toaddressstreet2");

    JsonNode items = payload.at("/EventBody/ShipmentItems");
    List<Map<String, Object>> rows = rows(model, "shipmentitems");
    assertThat(rows).hasSize(items.size()).isNotEmpty();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      JsonNode line = lineItem(payload, item.get("LineItemID").asText());
      assertThat(rows.get(i))
          // SPEC names no source for cost: the shipped line's LineTotal, as in products[]
          .containsEntry("cost", number(line.get("LineTotal")))
          .containsEntry("quantityshipped", number(item.get("QuantityShipped")))
          .containsEntry("productid", item.at("/Product/ID").asText())
          .containsEntry("productname", item.at("/Product/Name").asText())
          .containsEntry("productdesc", item.at("/Product/Description").asText());
    }
  }

  @Test
  void aShipmentShowsOnlyTheItemsOfItsOwnOrder() throws IOException {
    ObjectNode payload = sample("shipment", "ShipmentCreated");
    ArrayNode items = (ArrayNode) payload.at("/EventBody/ShipmentItems");
    int own = items.size();
    ObjectNode other = items.get(0).deepCopy();
    other.put("OrderID", "SO-OTHER");
    items.add(other);

    assertThat(rows(models.build(payload), "shipmentitems")).hasSize(own);
  }

  @Test
  void withoutATrackingUrlForTheShipperThereIsNoTrackingLink() throws IOException {
    ObjectNode payload = sample("shipment", "ShipmentCreated");
    ((ObjectNode) payload.at("/EventBody/Shipment")).put("Shipper", "Pigeon Post");

    assertThat(models.build(payload)).doesNotContainKey("trackingurl");
  }

  @Test
  void aSubscriptionReminderCarriesTheSubscriptionAndItsUnavailableProducts() throws IOException {
    ObjectNode payload = sample("subscription", "SubscriptionReminder");
    JsonNode body = payload.get("EventBody");
    JsonNode subscription = body.get("Subscription");
    JsonNode unavailable = body.get("UnavailableProductIDs");
    assertThat(unavailable.size()).isPositive();

    Map<String, Object> model = models.build(payload);

    assertThat(model)
        .containsEntry("subscriptionid", subscription.get("ID").asText())
        .containsEntry("subscriptionnextorderdate", subscription.get("NextOrderDate").asText());
    List<Map<String, Object>> rows = rows(model, "unavailableproducts");
    assertThat(rows).hasSize(unavailable.size());
    for (int i = 0; i < unavailable.size(); i++) {
      String id = unavailable.get(i).asText();
      assertThat(rows.get(i))
          .containsEntry("productid", id)
          .containsEntry("productname", productName(body, id));
    }
  }

  @Test
  void aProductCollectionInvitationNamesTheCollection() throws IOException {
    ObjectNode payload = sample("product-collection", "ProductCollectionInvitationAccepted");
    JsonNode collection = payload.at("/EventBody/ProductCollection");

    assertThat(models.build(payload))
        .containsEntry("productcollectionname", collection.get("Name").asText())
        .containsEntry("productcollectionid", collection.get("ID").asText());
  }

  @Test
  void decimalsKeepTheDigitsTheyWereSentWith() throws IOException {
    ObjectNode payload = sample("order", "OrderSubmitted");
    ObjectNode order = (ObjectNode) payload.at("/EventBody/Order");
    order.put("Total", new java.math.BigDecimal("1234567890123.4567"));
    order.put("TaxCost", new java.math.BigDecimal("12.80"));

    Map<String, Object> model = models.build(payload);

    assertThat(model.get("total").toString()).isEqualTo("1234567890123.4567");
    assertThat(model.get("tax").toString()).isEqualTo("12.80");
  }

  static JsonNode lineItem(JsonNode payload, String id) {
    for (JsonNode line : payload.at("/EventBody/LineItems")) {
      if (id.equals(line.get("ID").asText())) {
        return line;
      }
    }
    throw new AssertionError("no line item " + id);
  }

  static String productName(JsonNode body, String id) {
    for (JsonNode product : body.get("Products")) {
      if (id.equals(product.get("ID").asText())) {
        return product.get("Name").asText();
      }
    }
    throw new AssertionError("no product " + id);
  }
}
