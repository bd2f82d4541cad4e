package com.ordercloudhub.hub.event;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;

/**
 * OrderCloud's numbers as they were sent: 1234567890123.4567 stays that number (a double would make
 * it …4568) and 172.80 keeps its digits. Everything that reads a payload, a mapping's output or an
 * answer to pass it on reads it with this.
 */
public final class ExactJson {

  private ExactJson() {}

  /** A tree reader of the mapper (its limits included) with decimals exact. */
  public static ObjectReader reader(ObjectMapper mapper) {
    return mapper
        .readerFor(JsonNode.class)
        .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
  }
}
