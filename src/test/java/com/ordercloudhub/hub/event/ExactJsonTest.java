package com.ordercloudhub.hub.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** OrderCloud's numbers are read as they were sent, by a reader that keeps the mapper's limits. */
class ExactJsonTest {

  final ObjectMapper mapper = new ObjectMapper();

  @Test
  void aDecimalKeepsEveryDigitAndItsTrailingZeroes() throws Exception {
    JsonNode order =
        ExactJson.reader(mapper).readTree("{\"Total\":1234567890123.4567,\"TaxCost\":172.80}");

    assertThat(order.get("Total").decimalValue()).isEqualTo(new BigDecimal("1234567890123.4567"));
    assertThat(order.get("TaxCost").decimalValue()).isEqualTo(new BigDecimal("172.80"));
    assertThat(mapper.writeValueAsString(order))
        .isEqualTo("{\"Total\":1234567890123.4567,\"TaxCost\":172.80}");
    // what a plain read would have made of them
    assertThat(mapper.readTree("{\"Total\":1234567890123.4567}").get("Total").asText())
        .isNotEqualTo("1234567890123.4567");
  }

  @Test
  void wholeNumbersStayWholeNumbers() throws Exception {
    JsonNode line =
        ExactJson.reader(mapper).readTree("{\"Quantity\":10,\"Big\":12345678901234567890}");

    assertThat(line.get("Quantity").isInt()).isTrue();
    assertThat(line.get("Big").isBigInteger()).isTrue();
    assertThat(mapper.writeValueAsString(line))
        .isEqualTo("{\"Quantity\":10,\"Big\":12345678901234567890}");
  }

  @Test
  void theMappersLimitsStillApply() {
    ObjectMapper limited =
        new ObjectMapper(
            JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(3).build())
                .build());

    assertThatThrownBy(
            () -> ExactJson.reader(limited).readTree("{\"a\":{\"b\":{\"c\":{\"d\":1}}}}"))
        .isInstanceOf(StreamConstraintsException.class);
  }

  @Test
  void theMappersOwnSettingsStillApply() {
    // ExactJson does not refuse duplicate names itself (StrictJson does, at the door); a mapper
    // that refuses them keeps refusing them through this reader
    ObjectMapper strict =
        new ObjectMapper().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    assertThatThrownBy(() -> ExactJson.reader(strict).readTree("{\"ID\":\"a\",\"ID\":\"b\"}"))
        .hasMessageContaining("Duplicate field 'ID'");
  }

  @Test
  void withoutSuchASettingTheLastDuplicateWins() throws Exception {
    assertThat(ExactJson.reader(mapper).readTree("{\"ID\":\"a\",\"ID\":\"b\"}").get("ID").asText())
        .isEqualTo("b");
  }
}
