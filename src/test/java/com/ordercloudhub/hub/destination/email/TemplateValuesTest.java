package com.ordercloudhub.hub.destination.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.jknack.handlebars.ValueResolver;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Template variables are found in any case and with leading dashes, as Mandrill finds them. */
class TemplateValuesTest {

  final TemplateValues values = TemplateValues.INSTANCE;

  @Test
  void aVariableIsFoundInAnyCase() {
    Map<String, Object> model = Map.of("total", 172.8, "orderid", "SO-1");

    assertThat(values.resolve(model, "TOTAL")).isEqualTo(172.8);
    assertThat(values.resolve(model, "Total")).isEqualTo(172.8);
    assertThat(values.resolve(model, "OrderID")).isEqualTo("SO-1");
  }

  @Test
  void anExactMatchWinsOverOneInAnotherCase() {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("environment", "hub value");
    model.put("Environment", "payload value");

    assertThat(values.resolve(model, "Environment")).isEqualTo("payload value");
    assertThat(values.resolve(model, "environment")).isEqualTo("hub value");
  }

  @Test
  void leadingDashesAreIgnored() {
    Map<String, Object> row = Map.of("Quantity", 5);

    assertThat(values.resolve(row, "--QUANTITY")).isEqualTo(5);
    assertThat(values.resolve(row, "-quantity")).isEqualTo(5);
  }

  @Test
  void anUnknownOrNullVariableIsUnresolved() {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("street2", null);

    assertThat(values.resolve(model, "missing")).isSameAs(ValueResolver.UNRESOLVED);
    assertThat(values.resolve(model, "STREET2")).isSameAs(ValueResolver.UNRESOLVED);
  }

  @Test
  void somethingThatIsNoMapIsNotSearched() {
    assertThat(values.resolve(List.of("total"), "TOTAL")).isSameAs(ValueResolver.UNRESOLVED);
    assertThat(values.resolve("text", "length")).isSameAs(ValueResolver.UNRESOLVED);
  }

  @Test
  void propertiesAreTheMapsOwnEntries() {
    Map<String, Object> model = Map.of("total", 1);

    assertThat(values.propertySet(model)).containsExactly(Map.entry("total", 1));
    assertThat(values.resolve(model)).isSameAs(model);
  }
}
