package com.ordercloudhub.hub.prehook;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercloudhub.hub.destination.erp.ErpOrderChecks;
import com.ordercloudhub.hub.destination.ordercloud.OrderCloudApi;
import com.ordercloudhub.hub.event.JsonFields;
import com.ordercloudhub.hub.event.ReceivedEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * Checks an order before OrderCloud submits it (order.submitted). The submit call has no body, so
 * the order and its line items are read from the OrderCloud API with the caller's own token (the
 * payload's UserToken, used in flight and never kept). Rules, from configuration and the webhook's
 * ConfigData: maximum and minimum total, required xp properties, and optionally the ERP's credit or
 * stock check. A block names every rule that failed.
 */
@Component("orderSubmitChecks")
public class OrderSubmitChecks {

  static final String ORDER = "hubPreHookOrder";
  static final String LINE_ITEMS = "hubPreHookLineItems";

  private final OrderCloudApi api;
  private final ErpOrderChecks erp;
  private final PreHookProperties properties;

  public OrderSubmitChecks(OrderCloudApi api, ErpOrderChecks erp, PreHookProperties properties) {
    this.api = api;
    this.erp = erp;
    this.properties = properties;
  }

  /**
   * Whether any order rule applies (configuration or the webhook's ConfigData): without one, the
   * order is not read at all, so an unreachable API never blocks a checkout for nothing.
   */
  public boolean anyRules(
      @Body ReceivedEvent event,
      @ExchangeProperty(PreHookFindings.PROPERTY) PreHookFindings findings) {
    PreHookProperties.OrderSubmitted rules = properties.orderSubmitted();
    JsonNode config = JsonFields.get(event.payload(), "ConfigData");
    boolean any =
        rules.maxTotal() != null
            || rules.minTotal() != null
            || !rules.requiredXp().isEmpty()
            || erpCheckEnabled()
            || JsonFields.get(config, "maxOrderTotal") != null
            || JsonFields.get(config, "minOrderTotal") != null
            || JsonFields.get(config, "requiredXp") != null;
    if (!any) {
      findings.skipped("order-rules", "no order rules configured");
    }
    return any;
  }

  /**
   * Reads the order and its line items with the caller's token. Without an answer (a dry run
   * records the reads instead of making them) no rule can run: the route stops here, and the
   * findings say why.
   */
  public void load(
      @Body ReceivedEvent event,
      @ExchangeProperty(PreHookFindings.PROPERTY) PreHookFindings findings,
      Exchange exchange) {
    String token = JsonFields.text(event.payload(), "UserToken");
    if (token == null || token.isBlank()) {
      throw new IllegalStateException("The pre-hook carries no UserToken to read the order with");
    }
    JsonNode params = JsonFields.get(event.payload(), "RouteParams");
    String orderId = JsonFields.text(params, "orderID");
    Optional<JsonNode> order;
    Optional<List<JsonNode>> items;
    if (orderId == null) { // v1/cart/submit: the caller's cart
      order = api.cart(exchange, token);
      items = api.cartLineItems(exchange, token);
    } else {
      String direction = JsonFields.text(params, "direction");
      String dir = direction == null ? "Outgoing" : direction;
      order = api.order(exchange, dir, orderId, token);
      items = api.lineItems(exchange, dir, orderId, token);
    }
    if (order.isEmpty() || items.isEmpty()) {
      findings.notChecked(
          "order-rules",
          "not checked: the order is read from the OrderCloud API with the caller's UserToken,"
              + " and that read gave no answer (a dry run records it instead of making it)"
              + (erpCheckEnabled() ? "; the ERP order check needs the order" : ""));
      exchange.setRouteStop(true);
      return;
    }
    exchange.setProperty(ORDER, order.get());
    exchange.setProperty(LINE_ITEMS, items.get());
  }

  public void totals(
      @Body ReceivedEvent event,
      @ExchangeProperty(ORDER) JsonNode order,
      @ExchangeProperty(PreHookFindings.PROPERTY) PreHookFindings findings) {
    JsonNode config = JsonFields.get(event.payload(), "ConfigData");
    BigDecimal max =
        amount(JsonFields.get(config, "maxOrderTotal"), properties.orderSubmitted().maxTotal());
    BigDecimal min =
        amount(JsonFields.get(config, "minOrderTotal"), properties.orderSubmitted().minTotal());
    if (max == null && min == null) {
      findings.skipped("order-total", "no limits configured");
      return;
    }
    BigDecimal total = amount(order.get("Total"), BigDecimal.ZERO);
    String currency = order.path("Currency").asText("");
    boolean ok = true;
    if (max != null && total.compareTo(max) > 0) {
      findings.failed(
          "order-max-total",
          "Total",
          "The order total "
              + plain(total, currency)
              + " is over the limit of "
              + plain(max, currency));
      ok = false;
    }
    if (min != null && total.compareTo(min) < 0) {
      findings.failed(
          "order-min-total",
          "Total",
          "The order total "
              + plain(total, currency)
              + " is under the minimum of "
              + plain(min, currency));
      ok = false;
    }
    if (ok) {
      findings.passed("order-total", "total " + plain(total, currency) + " within limits");
    }
  }

  public void requiredXp(
      @Body ReceivedEvent event,
      @ExchangeProperty(ORDER) JsonNode order,
      @ExchangeProperty(PreHookFindings.PROPERTY) PreHookFindings findings) {
    Set<String> required = new LinkedHashSet<>(properties.orderSubmitted().requiredXp());
    JsonNode fromConfig =
        JsonFields.get(JsonFields.get(event.payload(), "ConfigData"), "requiredXp");
    if (fromConfig != null && fromConfig.isArray()) {
      fromConfig.forEach(f -> required.add(f.asText()));
    } else if (fromConfig != null && fromConfig.isTextual()) {
      for (String f : fromConfig.asText().split(",")) {
        required.add(f.trim());
      }
    }
    required.removeIf(String::isBlank);
    if (required.isEmpty()) {
      findings.skipped("order-required-xp", "no required xp configured");
      return;
    }
    List<String> missing = new ArrayList<>();
    for (String path : required) {
      JsonNode value = order.path("xp");
      for (String part : path.split("\\.")) {
        value = value.path(part);
      }
      if (value.isMissingNode() || value.isNull() || value.asText().isBlank()) {
        missing.add(path);
        findings.failed("order-required-xp", "xp." + path, "xp." + path + " is required");
      }
    }
    if (missing.isEmpty()) {
      findings.passed("order-required-xp", "present: " + required);
    }
  }

  public boolean erpCheckEnabled() {
    return properties.orderSubmitted().erpCheck() && erp.available();
  }

  public void erp(
      @Body ReceivedEvent event,
      @ExchangeProperty(ORDER) JsonNode order,
      @ExchangeProperty(LINE_ITEMS) List<JsonNode> items,
      @ExchangeProperty(PreHookFindings.PROPERTY) PreHookFindings findings,
      Exchange exchange)
      throws IOException {
    Optional<ErpOrderChecks.Verdict> answer =
        erp.check(exchange, order, items, event.logId() + ":order-check");
    if (answer.isEmpty()) {
      findings.notChecked(
          "order-erp-check",
          "not checked: the ERP order check gave no answer (a dry run records the call instead of"
              + " making it)");
      return;
    }
    ErpOrderChecks.Verdict verdict = answer.get();
    if (verdict.approved()) {
      findings.passed("order-erp-check", verdict.message());
    } else {
      findings.failed(
          "order-erp-check",
          null,
          verdict.message() != null ? verdict.message() : "The ERP did not approve the order");
    }
  }

  private static BigDecimal amount(JsonNode value, BigDecimal fallback) {
    if (value == null || value.isNull() || value.asText().isBlank()) {
      return fallback;
    }
    try {
      return new BigDecimal(value.asText());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static String plain(BigDecimal amount, String currency) {
    String text = amount.stripTrailingZeros().toPlainString();
    return currency.isBlank() ? text : text + " " + currency;
  }
}
