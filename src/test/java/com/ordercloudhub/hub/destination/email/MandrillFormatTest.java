package com.ordercloudhub.hub.destination.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MandrillFormatTest {

  private static final MandrillFormat ON =
      new MandrillFormat(true, "#,##0.00", "d MMM yyyy HH:mm", "en-US", "UTC");

  private static Map<String, Object> model() {
    return Map.of(
        "total",
        new BigDecimal("1234567890123.4567"),
        "shipping",
        90.0,
        "datesubmitted",
        "2025-03-14T16:02:11.39+02:00",
        "orderid",
        "SO-1",
        "quantity",
        3,
        "products",
        List.of(Map.of("cost", 60, "quantity", 2, "productdesc", "Hat")),
        "tax",
        "not a number");
  }

  @Test
  void moneyIsExactAndDatesAreInTheZone() {
    Map<String, Object> out = ON.apply(model());

    assertThat(out)
        .containsEntry("total", "1,234,567,890,123.46")
        .containsEntry("shipping", "90.00")
        .containsEntry("datesubmitted", "14 Mar 2025 14:02")
        .containsEntry("orderid", "SO-1")
        .containsEntry("quantity", 3)
        .containsEntry("tax", "not a number");
    assertThat(out.get("products"))
        .isEqualTo(List.of(Map.of("cost", "60.00", "quantity", 2, "productdesc", "Hat")));
  }

  @Test
  void aZeroAmountStaysTheNumberSoAnIfOnItIsFalseAsInMandrill() throws Exception {
    Map<String, Object> out =
        ON.apply(Map.of("promotiondiscount", 0.0, "total", new BigDecimal("0.00")));

    assertThat(out)
        .containsEntry("promotiondiscount", 0.0)
        .containsEntry("total", new BigDecimal("0.00"));
    assertThat(
            new com.github.jknack.handlebars.Handlebars()
                .compileInline("{{#if promotiondiscount}}Discount {{promotiondiscount}}{{/if}}")
                .apply(out))
        .isEmpty();
  }

  @Test
  void anAmountNoCurrencyHasStaysAsSentInsteadOfBeingWrittenOutInFull() {
    BigDecimal absurd = new BigDecimal("1E+999999999");

    assertThat(ON.apply(Map.of("total", absurd, "tax", new BigDecimal("1E+29"))))
        .containsEntry("total", absurd)
        .containsEntry("tax", "100,000,000,000,000,000,000,000,000,000.00");
  }

  @Test
  void theLocaleDecidesTheSeparators() {
    MandrillFormat german =
        new MandrillFormat(true, "#,##0.00", "d. MMMM yyyy", "de-DE", "Europe/Berlin");

    assertThat(german.apply(model()))
        .containsEntry("total", "1.234.567.890.123,46")
        .containsEntry("datesubmitted", "14. März 2025");
  }

  @Test
  void offLeavesTheModelAsOrderCloudWouldHandItToMandrill() {
    Map<String, Object> model = model();
    MandrillFormat off = new MandrillFormat(false, "#,##0.00", "d MMM yyyy", "en-US", "UTC");

    assertThat(off.apply(model)).isSameAs(model);
  }

  @Test
  void aWrongSettingIsRefusedNamingItsKey() {
    assertThatThrownBy(
            () -> new MandrillFormat(true, "#,##0.00", "d MMM yyyy", "en-US", "Mars/Olympus"))
        .hasMessageStartingWith("hub.messages.mandrill.format.zone \"Mars/Olympus\" is not valid");
    assertThatThrownBy(() -> new MandrillFormat(true, "#,##0.00", "d MMM yyyy {", "en-US", "UTC"))
        .hasMessageStartingWith("hub.messages.mandrill.format.date-pattern");
    assertThatThrownBy(() -> new MandrillFormat(true, "#,##0.0.0", "d MMM yyyy", "en-US", "UTC"))
        .hasMessageStartingWith("hub.messages.mandrill.format.currency-pattern");
    assertThatThrownBy(() -> new MandrillFormat(true, "#,##0.00", "d MMM yyyy", "", "UTC"))
        .hasMessageStartingWith("hub.messages.mandrill.format.locale");
  }
}
