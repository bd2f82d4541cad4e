package com.ordercloudhub.hub.destination.email;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Readable money and dates for Mandrill drop-ins, off by default: OrderCloud hands Mandrill raw
 * numbers and ISO timestamps ({@code 90.0}, {@code 2025-03-14T16:02:11.39+00:00}), so that is what
 * the templates see unless this is enabled. When it is, the money variables go through {@code
 * currency-pattern} (exact: BigDecimal, half up) and the date variables through {@code
 * date-pattern} in {@code zone}, both in {@code locale}; a value that does not parse stays as it
 * is, and so does a zero amount (so that {@code {{#if}}} treats it as Mandrill does: false). The
 * hub's own {@code .hbs} templates always get the raw values (they have {@code {{money}}} and
 * {@code {{date}}}).
 *
 * @param enabled off: templates see what Mandrill would
 * @param currencyPattern a {@link DecimalFormat} pattern, e.g. {@code #,##0.00}
 * @param datePattern a {@link DateTimeFormatter} pattern, e.g. {@code d MMM yyyy}
 * @param locale a BCP 47 tag, e.g. {@code en-US}, {@code de-DE}
 * @param zone the zone dates are shown in, e.g. {@code UTC}, {@code Europe/Berlin}
 */
@ConfigurationProperties("hub.messages.mandrill.format")
record MandrillFormat(
    @DefaultValue("false") boolean enabled,
    @DefaultValue("#,##0.00") String currencyPattern,
    @DefaultValue("d MMM yyyy") String datePattern,
    @DefaultValue("en-US") String locale,
    @DefaultValue("UTC") String zone) {

  private static final Set<String> MONEY =
      Set.of(
          "subtotal",
          "tax",
          "shipping",
          "total",
          "promotiondiscount",
          "refundamount",
          "cost",
          "unitprice");

  /** More integer digits than this is no amount of money (a Salesforce Currency field holds 18). */
  static final int MAX_INTEGER_DIGITS = 30;

  private static final Set<String> DATES =
      Set.of(
          "datesubmitted",
          "dateshipped",
          "subscriptionnextorderdate",
          "datecreated",
          "datecompleted");

  MandrillFormat {
    // checked here, so a wrong value stops start-up naming it rather than every e-mail
    try {
      new DecimalFormat(currencyPattern);
    } catch (IllegalArgumentException e) {
      throw refused("currency-pattern", currencyPattern, e);
    }
    Locale parsed = Locale.forLanguageTag(locale);
    if (parsed.getLanguage().isEmpty()) {
      throw refused("locale", locale, null);
    }
    try {
      DateTimeFormatter.ofPattern(datePattern, parsed);
    } catch (IllegalArgumentException e) {
      throw refused("date-pattern", datePattern, e);
    }
    try {
      ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw refused("zone", zone, e);
    }
  }

  private static IllegalArgumentException refused(String key, String value, Exception cause) {
    return new IllegalArgumentException(
        "hub.messages.mandrill.format."
            + key
            + " \""
            + value
            + "\" is not valid"
            + (cause == null ? "" : ": " + cause.getMessage()),
        cause);
  }

  /** The model as the drop-in sees it: the same map when off, else a formatted copy. */
  Map<String, Object> apply(Map<String, Object> model) {
    if (!enabled) {
      return model;
    }
    Locale at = Locale.forLanguageTag(locale);
    DecimalFormat money = new DecimalFormat(currencyPattern, DecimalFormatSymbols.getInstance(at));
    money.setParseBigDecimal(true);
    money.setRoundingMode(RoundingMode.HALF_UP);
    DateTimeFormatter dates =
        DateTimeFormatter.ofPattern(datePattern, at).withZone(ZoneId.of(zone));
    return copy(model, money, dates);
  }

  private static Map<String, Object> copy(
      Map<?, ?> model, DecimalFormat money, DateTimeFormatter dates) {
    Map<String, Object> out = new LinkedHashMap<>();
    model.forEach(
        (key, value) -> {
          String name = String.valueOf(key);
          out.put(name, value(name.toLowerCase(Locale.ROOT), value, money, dates));
        });
    return out;
  }

  private static Object value(
      String name, Object value, DecimalFormat money, DateTimeFormatter dates) {
    if (value instanceof Map<?, ?> map) {
      return copy(map, money, dates);
    }
    if (value instanceof List<?> list) {
      List<Object> items = new ArrayList<>(list.size());
      list.forEach(item -> items.add(value(name, item, money, dates)));
      return items;
    }
    if (value == null) {
      return null;
    }
    try {
      if (MONEY.contains(name)) {
        BigDecimal amount = new BigDecimal(value.toString());
        // zero stays the number it was: {{#if PROMOTIONDISCOUNT}} is false for 0, as in Mandrill,
        // where the text "0.00" would be true; an amount no currency has (a signed payload's
        // 1E+999999999) stays as sent rather than be written out digit by digit
        boolean plausible = amount.precision() - amount.scale() <= MAX_INTEGER_DIGITS;
        return amount.signum() == 0 || !plausible ? value : money.format(amount);
      }
      if (DATES.contains(name)) {
        return dates.format(OffsetDateTime.parse(value.toString()));
      }
    } catch (NumberFormatException | DateTimeException e) {
      return value; // as OrderCloud sent it
    }
    return value;
  }
}
