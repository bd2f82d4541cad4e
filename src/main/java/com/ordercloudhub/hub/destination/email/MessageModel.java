package com.ordercloudhub.hub.destination.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ordercloudhub.hub.event.JsonFields;
import java.time.Clock;
import java.time.Year;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What a Message Sender email template can use: the payload as sent ({@code Recipient}, {@code
 * EventBody}, {@code ConfigData}, …) and OrderCloud's Mandrill merge variables built from it (SPEC
 * §6.7: {@code firstname}, {@code orderid}, {@code total}, {@code products[]}, {@code
 * shipmentitems[]}, {@code orderxp_<key>}, …), plus the extras OrderCloud's public default
 * templates use ({@code COMPANY}, {@code CURRENTYEAR}, {@code TRACKINGURL}, …). Names are looked up
 * in any case (see {@link TemplateValues}), as Mandrill does.
 */
@Component
class MessageModel {

  private final ObjectMapper mapper;
  private final MessageProperties properties;
  private final Clock clock;

  public MessageModel(ObjectMapper mapper, MessageProperties properties, Clock clock) {
    this.mapper = mapper;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * @param payload the message payload, with its secrets put back (in memory only)
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> build(JsonNode payload) {
    Map<String, Object> model = new LinkedHashMap<>(mapper.convertValue(payload, Map.class));
    JsonNode body = JsonFields.get(payload, "EventBody");
    JsonNode recipient = JsonFields.get(payload, "Recipient");
    String messageType = JsonFields.text(payload, "MessageType");

    // recipient and sender-independent facts
    put(model, "messagetype", messageType);
    put(model, "environment", text(payload, "Environment"));
    put(model, "recipientfirstname", text(recipient, "FirstName"));
    put(model, "recipientlastname", text(recipient, "LastName"));
    put(model, "name", join(" ", text(recipient, "FirstName"), text(recipient, "LastName")));
    put(model, "email", text(recipient, "Email"));
    put(model, "company", properties.company());
    put(model, "companyaddress", properties.companyAddress());
    put(model, "baseurl", properties.storefrontUrl());
    String year = String.valueOf(Year.now(clock).getValue());
    put(model, "currentyear", year);
    put(model, "current_year", year);

    // SetPassword, ForgottenUsername, OneTimePassword
    String username = text(body, "Username");
    if (username == null) {
      username = text(recipient, "Username");
    }
    put(model, "username", username);
    put(model, "user_name", username);
    put(model, "passwordtoken", text(body, "PasswordRenewalAccessToken"));
    put(model, "jwt", text(body, "PasswordRenewalAccessToken"));
    put(model, "passwordverificationcode", text(body, "PasswordRenewalVerificationCode"));
    put(model, "passwordverification", text(body, "PasswordRenewalVerificationCode"));
    put(model, "passwordrenewalurl", text(body, "PasswordRenewalUrl"));
    put(model, "onetimepassword", text(body, "OneTimePassword"));
    put(model, "clientid", text(body, "ClientID"));
    String code = text(body, "PasswordRenewalVerificationCode");
    put(model, "code", code != null ? code : text(body, "OneTimePassword"));

    JsonNode order = JsonFields.get(body, "Order");
    if (order != null && order.isObject()) {
      orderVars(model, order, body);
    }
    JsonNode orderReturn = JsonFields.get(body, "OrderReturn");
    if (orderReturn != null && orderReturn.isObject()) {
      returnVars(model, orderReturn, body);
    }
    JsonNode shipment = JsonFields.get(body, "Shipment");
    if (shipment != null && shipment.isObject()) {
      shipmentVars(model, shipment, body, order);
    }
    JsonNode subscription = JsonFields.get(body, "Subscription");
    if (subscription != null && subscription.isObject()) {
      put(model, "subscriptionid", text(subscription, "ID"));
      put(model, "subscriptionnextorderdate", text(subscription, "NextOrderDate"));
      put(model, "subscriptionfrequency", text(subscription, "Frequency"));
      put(model, "subscriptioninterval", text(subscription, "Interval"));
      if (!model.containsKey("products")) {
        model.put("products", products(body, null));
      }
      List<Map<String, Object>> unavailable = new ArrayList<>();
      JsonNode ids = JsonFields.get(body, "UnavailableProductIDs");
      if (ids != null && ids.isArray()) {
        for (JsonNode id : ids) {
          Map<String, Object> item = new LinkedHashMap<>();
          item.put("ID", id.asText());
          item.put("productid", id.asText());
          item.put("productname", productName(body, id.asText()));
          unavailable.add(item);
        }
      }
      model.put("unavailableproducts", unavailable);
    }
    JsonNode collection = JsonFields.get(body, "ProductCollection");
    if (collection != null && collection.isObject()) {
      put(model, "productcollectionname", text(collection, "Name"));
      put(model, "productcollectionid", text(collection, "ID"));
    }
    put(model, "invitationinteropid", text(body, "InvitationInteropID"));
    put(model, "userid", text(body, "UserID"));
    return model;
  }

  private void orderVars(Map<String, Object> model, JsonNode order, JsonNode body) {
    JsonNode from = JsonFields.get(order, "FromUser");
    put(model, "firstname", text(from, "FirstName"));
    put(model, "lastname", text(from, "LastName"));
    put(model, "submittedby", join(" ", text(from, "FirstName"), text(from, "LastName")));
    put(model, "orderid", text(order, "ID"));
    put(model, "datesubmitted", text(order, "DateSubmitted"));
    put(model, "subtotal", value(order, "Subtotal"));
    put(model, "tax", value(order, "TaxCost"));
    put(model, "shipping", value(order, "ShippingCost"));
    put(model, "promotiondiscount", value(order, "PromotionDiscount"));
    put(model, "total", value(order, "Total"));
    put(model, "currency", text(order, "Currency"));
    put(model, "lineitemcount", value(order, "LineItemCount"));
    put(model, "comments", text(order, "Comments"));
    put(model, "status", text(order, "Status"));
    JsonNode billing = JsonFields.get(order, "BillingAddress");
    put(model, "addressname", text(billing, "AddressName"));
    put(model, "billingaddress", address(billing));
    model.put("products", products(body, order));
    List<Map<String, Object>> approvals = new ArrayList<>();
    JsonNode list = JsonFields.get(body, "Approvals");
    if (list != null && list.isArray()) {
      for (JsonNode approval : list) {
        JsonNode approver = JsonFields.get(approval, "Approver");
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("approvinggroupid", text(approval, "ApprovingGroupID"));
        item.put("status", text(approval, "Status"));
        item.put("datecreated", text(approval, "DateCreated"));
        item.put("datecompleted", text(approval, "DateCompleted"));
        item.put("approverid", text(approver, "ID"));
        item.put("approveremail", text(approver, "Email"));
        item.put("approverfirstname", text(approver, "FirstName"));
        item.put("approverlastname", text(approver, "LastName"));
        item.put("approverusername", text(approver, "Username"));
        item.put("approverphone", text(approver, "Phone"));
        item.put("comments", text(approval, "Comments"));
        approvals.add(item);
      }
    }
    model.put("approvals", approvals);
    // the latest decided approval: who approved or declined, and why
    Map<String, Object> decided =
        approvals.stream()
            .filter(a -> a.get("datecompleted") != null)
            .reduce((a, b) -> b)
            .orElse(approvals.isEmpty() ? null : approvals.get(approvals.size() - 1));
    if (decided != null) {
      put(
          model,
          "approvername",
          join(
              " ",
              (String) decided.get("approverfirstname"),
              (String) decided.get("approverlastname")));
      put(model, "approvalcomments", (String) decided.get("comments"));
      put(model, "approvercomments", (String) decided.get("comments"));
    }
    flattenXp(model, "orderxp", JsonFields.get(order, "xp"));
  }

  private void returnVars(Map<String, Object> model, JsonNode orderReturn, JsonNode body) {
    put(model, "orderreturnid", text(orderReturn, "ID"));
    put(model, "refundamount", value(orderReturn, "RefundAmount"));
    put(model, "orderreturnstatus", text(orderReturn, "Status"));
    put(model, "orderreturncomments", text(orderReturn, "Comments"));
    if (!model.containsKey("orderid")) {
      put(model, "orderid", text(orderReturn, "OrderID"));
    }
    List<Map<String, Object>> items = new ArrayList<>();
    JsonNode toReturn = JsonFields.get(orderReturn, "ItemsToReturn");
    if (toReturn != null && toReturn.isArray()) {
      for (JsonNode item : toReturn) {
        String lineItemId = text(item, "LineItemID");
        JsonNode line = lineItem(body, lineItemId);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("LineItemID", lineItemId);
        row.put("Quantity", value(item, "Quantity"));
        row.put("RefundAmount", value(item, "RefundAmount"));
        row.put("Comments", text(item, "Comments"));
        row.put("productid", text(line, "ProductID"));
        row.put("productname", text(JsonFields.get(line, "Product"), "Name"));
        row.put("productdesc", productDesc(line));
        items.add(row);
      }
    }
    model.put("returnitems", items);
    flattenXp(model, "orderreturnxp", JsonFields.get(orderReturn, "xp"));
  }

  private void shipmentVars(
      Map<String, Object> model, JsonNode shipment, JsonNode body, JsonNode order) {
    String tracking = text(shipment, "TrackingNumber");
    String shipper = text(shipment, "Shipper");
    put(model, "shipmentid", text(shipment, "ID"));
    put(model, "shipmenttrackingnumber", tracking);
    put(model, "trackingnumber", tracking);
    put(model, "shipper", shipper);
    put(model, "dateshipped", text(shipment, "DateShipped"));
    put(model, "trackingurl", trackingUrl(shipper, tracking));
    JsonNode to = JsonFields.get(shipment, "ToAddress");
    put(model, "toaddressid", text(shipment, "ToAddressID"));
    put(model, "toaddresscompany", text(to, "CompanyName"));
    put(model, "toaddressfirstname", text(to, "FirstName"));
    put(model, "toaddresslastname", text(to, "LastName"));
    put(model, "toaddressstreet1", text(to, "Street1"));
    put(model, "toaddressstreet2", text(to, "Street2"));
    put(model, "toaddresscity", text(to, "City"));
    put(model, "toaddressstate", text(to, "State"));
    put(model, "toaddresspostalcode", text(to, "Zip"));
    put(model, "toaddresscountry", text(to, "Country"));
    put(model, "toaddressname", text(to, "AddressName"));
    put(model, "toaddress", address(to));
    String orderId = order == null ? null : text(order, "ID");
    List<Map<String, Object>> items = new ArrayList<>();
    JsonNode list = JsonFields.get(body, "ShipmentItems");
    if (list != null && list.isArray()) {
      for (JsonNode item : list) {
        String itemOrder = text(item, "OrderID");
        if (orderId != null && itemOrder != null && !orderId.equals(itemOrder)) {
          continue; // OrderCloud's own sender shows the current order's items only
        }
        JsonNode product = JsonFields.get(item, "Product");
        JsonNode line = lineItem(body, text(item, "LineItemID"));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("cost", value(line, "LineTotal"));
        row.put("quantityshipped", value(item, "QuantityShipped"));
        row.put(
            "productid",
            text(product != null ? product : line, product != null ? "ID" : "ProductID"));
        row.put(
            "productname",
            text(product != null ? product : JsonFields.get(line, "Product"), "Name"));
        row.put("productdesc", product != null ? text(product, "Description") : productDesc(line));
        row.put("unitprice", value(item, "UnitPrice"));
        items.add(row);
      }
    }
    model.put("shipmentitems", items);
    flattenXp(model, "shipmentxp", JsonFields.get(shipment, "xp"));
  }

  private List<Map<String, Object>> products(JsonNode body, JsonNode order) {
    List<Map<String, Object>> products = new ArrayList<>();
    JsonNode lines = JsonFields.get(body, "LineItems");
    if (lines == null || !lines.isArray()) {
      return products;
    }
    for (JsonNode line : lines) {
      JsonNode product = JsonFields.get(line, "Product");
      JsonNode shipTo = JsonFields.get(line, "ShippingAddress");
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("cost", value(line, "LineTotal"));
      row.put("unitprice", value(line, "UnitPrice"));
      row.put("quantity", value(line, "Quantity"));
      row.put("productdesc", productDesc(line));
      row.put("productid", text(line, "ProductID"));
      row.put("productname", text(product, "Name"));
      row.put("shiptoname", join(" ", text(shipTo, "FirstName"), text(shipTo, "LastName")));
      row.put("shiptostreet1", text(shipTo, "Street1"));
      row.put("shiptostreet2", text(shipTo, "Street2"));
      row.put("shiptocity", text(shipTo, "City"));
      row.put("shiptostate", text(shipTo, "State"));
      row.put("shiptopostalcode", text(shipTo, "Zip"));
      row.put("shiptocountry", text(shipTo, "Country"));
      products.add(row);
    }
    return products;
  }

  private static JsonNode lineItem(JsonNode body, String lineItemId) {
    JsonNode lines = JsonFields.get(body, "LineItems");
    if (lineItemId == null || lines == null || !lines.isArray()) {
      return null;
    }
    for (JsonNode line : lines) {
      if (lineItemId.equals(text(line, "ID"))) {
        return line;
      }
    }
    return null;
  }

  private static String productName(JsonNode body, String productId) {
    JsonNode products = JsonFields.get(body, "Products");
    if (products != null && products.isArray()) {
      for (JsonNode product : products) {
        if (productId.equals(text(product, "ID"))) {
          return text(product, "Name");
        }
      }
    }
    return null;
  }

  /**
   * {@code productdesc}: the line's {@code Product.Description}, as OrderCloud's merge-variable
   * list and its reference sender define it (not the name: that is {@code productname}).
   */
  private static String productDesc(JsonNode line) {
    return text(JsonFields.get(line, "Product"), "Description");
  }

  private String trackingUrl(String shipper, String tracking) {
    if (shipper == null || tracking == null) {
      return null;
    }
    for (Map.Entry<String, String> entry : properties.trackingUrls().entrySet()) {
      if (entry.getKey().equalsIgnoreCase(shipper.trim())) {
        return entry.getValue().replace("{tracking}", tracking);
      }
    }
    return null;
  }

  /** orderxp_<key>, orderxp_<key>_<key>, orderxp_<key>_<index>, as OrderCloud flattens xp. */
  private static void flattenXp(Map<String, Object> model, String prefix, JsonNode xp) {
    if (xp == null || !(xp.isObject() || xp.isArray())) {
      return;
    }
    if (xp.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = xp.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        flattenValue(model, prefix + "_" + field.getKey(), field.getValue());
      }
    } else {
      for (int i = 0; i < xp.size(); i++) {
        flattenValue(model, prefix + "_" + i, xp.get(i));
      }
    }
  }

  private static void flattenValue(Map<String, Object> model, String name, JsonNode value) {
    if (value.isContainerNode()) {
      flattenXp(model, name, value);
    } else if (!value.isNull()) {
      model.put(name, value.isNumber() ? value.numberValue() : value.asText());
    }
  }

  private static String address(JsonNode address) {
    if (address == null || !address.isObject()) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    for (String field : new String[] {"CompanyName", "Street1", "Street2"}) {
      String value = text(address, field);
      if (value != null && !value.isBlank()) {
        parts.add(value);
      }
    }
    String cityLine =
        join(" ", join(", ", text(address, "City"), text(address, "State")), text(address, "Zip"));
    if (cityLine != null) {
      parts.add(cityLine);
    }
    String country = text(address, "Country");
    if (country != null) {
      parts.add(country);
    }
    return parts.isEmpty() ? null : String.join(", ", parts);
  }

  private static void put(Map<String, Object> model, String name, Object value) {
    if (value != null) {
      model.put(name, value);
    }
  }

  private static String text(JsonNode object, String name) {
    JsonNode value = JsonFields.get(object, name);
    return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
  }

  private static Object value(JsonNode object, String name) {
    JsonNode value = JsonFields.get(object, name);
    if (value == null || value.isNull()) {
      return null;
    }
    return value.isNumber() ? value.numberValue() : value.asText();
  }

  private static String join(String separator, String... parts) {
    List<String> present = new ArrayList<>();
    for (String part : parts) {
      if (part != null && !part.isBlank()) {
        present.add(part);
      }
    }
    return present.isEmpty() ? null : String.join(separator, present);
  }
}
