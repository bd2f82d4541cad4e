package com.ordercloudhub.hub.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Properties are found by name in any case, as OrderCloud's .NET receivers bind JSON. */
class JsonFieldsTest {

  final ObjectMapper mapper = new ObjectMapper();

  JsonNode json(String text) throws Exception {
    return mapper.readTree(text);
  }

  @Test
  void aPropertyIsFoundInAnyCase() throws Exception {
    JsonNode hook = json("{\"LogID\":\"l-1\",\"Response\":{\"Body\":{\"ID\":\"SO-1\"}}}");

    assertThat(JsonFields.get(hook, "LogID").asText()).isEqualTo("l-1");
    assertThat(JsonFields.get(hook, "logId").asText()).isEqualTo("l-1");
    assertThat(JsonFields.get(hook, "LOGID").asText()).isEqualTo("l-1");
    assertThat(JsonFields.get(hook, "Verb")).isNull();
  }

  @Test
  void anExactNameWinsOverAnotherCase() throws Exception {
    JsonNode body = json("{\"id\":\"lower\",\"ID\":\"upper\"}");

    assertThat(JsonFields.get(body, "ID").asText()).isEqualTo("upper");
    assertThat(JsonFields.get(body, "id").asText()).isEqualTo("lower");
    assertThat(JsonFields.get(body, "Id").asText()).as("the first match").isEqualTo("lower");
  }

  @Test
  void somethingThatIsNoObjectHasNoProperties() throws Exception {
    assertThat(JsonFields.get(null, "ID")).isNull();
    assertThat(JsonFields.get(json("[{\"ID\":1}]"), "ID")).isNull();
    assertThat(JsonFields.get(json("\"ID\""), "ID")).isNull();
  }

  @Test
  void textIsAStringPropertysTextOnly() throws Exception {
    JsonNode order = json("{\"ID\":\"SO-1\",\"Total\":172.8,\"Comments\":null,\"xp\":{}}");

    assertThat(JsonFields.text(order, "id")).isEqualTo("SO-1");
    assertThat(JsonFields.text(order, "Total")).isNull();
    assertThat(JsonFields.text(order, "Comments")).isNull();
    assertThat(JsonFields.text(order, "xp")).isNull();
    assertThat(JsonFields.text(order, "Missing")).isNull();
  }

  @Test
  void aPathIsFollowedInAnyCaseAndEndsAtAMissingStep() throws Exception {
    JsonNode hook = json("{\"Response\":{\"Body\":{\"FromUser\":{\"ID\":\"u-1\"}}}}");

    assertThat(JsonFields.path(hook, "response", "BODY", "fromUser", "id").asText())
        .isEqualTo("u-1");
    assertThat(JsonFields.path(hook, "Response", "Headers", "ID")).isNull();
    assertThat(JsonFields.path(hook)).isSameAs(hook);
  }

  @Test
  void twoNamesHaveTheSameCaseKeyExactlyWhenEqualsIgnoreCaseSaysSo() {
    // Kelvin sign, dotless and dotted i, sharp s, final sigma: where case folding is surprising
    List<String> names =
        List.of(
            "LogID",
            "logid",
            "LOGID",
            "Log\u0130D",
            "Log\u0131D",
            "\u212Aey",
            "key",
            "KEY",
            "stra\u00DFe",
            "STRASSE",
            "\u03A3\u03B1",
            "\u03C2\u03B1",
            "\u03C3\u03B1",
            "",
            "x1");
    for (String a : names) {
      for (String b : names) {
        assertThat(JsonFields.caseKey(a).equals(JsonFields.caseKey(b)))
            .as("%s / %s", a, b)
            .isEqualTo(a.equalsIgnoreCase(b));
      }
    }
  }

  @Test
  void aNameAlreadyFoldedIsItsOwnKey() {
    String folded = "logid";

    assertThat(JsonFields.caseKey(folded)).isSameAs(folded);
    assertThat(JsonFields.caseKey("LogID")).isEqualTo("logid");
  }
}
