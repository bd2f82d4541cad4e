package com.ordercloudhub.hub.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OcDateTest {

  @Test
  void orderCloudsShapeIsReadDirectlyAndMeansWhatTheFormatterReads() {
    for (String text :
        List.of(
            "2025-03-14T16:02:11.4471234+00:00",
            "2025-03-14T16:02:11+00:00",
            "2025-03-14T16:02:11.1Z",
            "2025-03-14T16:02:11.123456789-05:30",
            "2024-02-29T23:59:59.999999999+18:00",
            "2025-01-01T00:00:00.0000000-00:00",
            "0000-01-01T00:00:00Z")) {
      assertThat(OcDate.common(text)).as(text).isEqualTo(OffsetDateTime.parse(text));
      assertThat(OcDate.parse(text)).as(text).isEqualTo(OffsetDateTime.parse(text));
    }
  }

  @Test
  void otherShapesAreLeftToTheFormatter() {
    for (String text :
        List.of(
            "2025-03-14t16:02:11+00:00", // lower-case T: the formatter reads it
            "2025-03-14T16:02:11z",
            "2025-03-14T16:02+00:00", // no seconds
            "2025-03-14T16:02:11.+00:00",
            "2025-03-14T16:02:11.1234567890+00:00", // ten fractional digits
            "2025-03-14T16:02:11+0000",
            "2025-03-14T16:02:11+05",
            "2025-03-14T16:02:11+05:30:15",
            "+12025-03-14T16:02:11Z",
            "2025-02-30T16:02:11Z", // no such day
            "2025-03-14T24:00:00Z",
            "2025-03-14T16:02:60Z",
            "2025-03-14T16:02:11+18:30", // beyond ±18:00
            "2025-03-14T16:02:11+19:00",
            "2025-03-14T16:02:11+05:60",
            "2025-03-14T16:02:11 +00:00",
            "2025-03-14T16:02:11.447+00:00x",
            "２０２５-03-14T16:02:11Z", // full-width digits
            "soon",
            "")) {
      assertThat(OcDate.common(text)).as(text).isNull();
      assertThat(outcome(text)).as(text).isEqualTo(formatter(text));
    }
  }

  @Test
  void anythingTheFastPathReadsTheFormatterReadsTheSameWay() {
    Random random = new Random(13);
    String alphabet = "0123456789-:T.Z+ zt";
    String base = "2025-03-14T16:02:11.4471234+00:00";
    List<String> texts = new ArrayList<>();
    for (int round = 0; round < 50_000; round++) {
      StringBuilder text = new StringBuilder(base);
      int changes = 1 + random.nextInt(3);
      for (int c = 0; c < changes; c++) {
        int at = random.nextInt(text.length() + 1);
        char ch = alphabet.charAt(random.nextInt(alphabet.length()));
        switch (random.nextInt(3)) {
          case 0 -> text.insert(at, ch);
          case 1 -> {
            if (at < text.length()) {
              text.deleteCharAt(at);
            }
          }
          default -> {
            if (at < text.length()) {
              text.setCharAt(at, ch);
            }
          }
        }
      }
      texts.add(text.toString());
    }
    int fast = 0;
    for (String text : texts) {
      OffsetDateTime direct = OcDate.common(text);
      if (direct != null) {
        fast++;
        assertThat(direct).as(text).isEqualTo(OffsetDateTime.parse(text));
      }
      assertThat(outcome(text)).as(text).isEqualTo(formatter(text));
    }
    assertThat(fast).as("variants read directly").isGreaterThan(200);
  }

  @Test
  void anUnreadableDateFailsAsTheFormatterFails() {
    assertThatThrownBy(() -> OcDate.parse("2025-02-30T16:02:11Z"))
        .isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> OcDate.parse("soon")).isInstanceOf(DateTimeParseException.class);
  }

  private static Object outcome(String text) {
    try {
      return OcDate.parse(text);
    } catch (DateTimeParseException e) {
      return "refused";
    }
  }

  private static Object formatter(String text) {
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      return "refused";
    }
  }
}
