package com.ordercloudhub.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.jolokia.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What JolokiaMasking leaves of values that can carry secrets. */
class JolokiaMaskingTest {

  @Test
  void systemPropertiesKeepOnlyTheJvmsOwnValues() {
    Object masked =
        JolokiaMasking.mask(
            "SystemProperties",
            Map.of(
                "java.version", "17.0.9",
                "spring.datasource.password", "s3cret",
                "sun.java.command", "app.jar --hub.ops.password=s3cret",
                "hub.anything", "x"));
    assertThat(masked)
        .isEqualTo(
            Map.of(
                "java.version", "17.0.9",
                "spring.datasource.password", "[hidden]",
                "sun.java.command", "[hidden]",
                "hub.anything", "[hidden]"));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "-Xmx512m, -Xmx512m",
    "-XX:MaxRAMPercentage=75, -XX:MaxRAMPercentage=75",
    "-Dhub.ops.password=s3cret, -Dhub.ops.password=[hidden]",
    "-javaagent:/a.jar=token=s3cret, -javaagent:/a.jar=[hidden]",
    "--spring.datasource.password=s3cret, --spring.datasource.password=[hidden]"
  })
  void argumentsKeepTheirNameNotTheirValue(String argument, String shown) {
    assertThat(JolokiaMasking.mask("InputArguments", List.of(argument))).isEqualTo(List.of(shown));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          <to uri="http://erp/x?authUsername=u&amp;authPassword=s3cret"/>      | <to uri="http://erp/x?authUsername=u&amp;authPassword=xxxxxx"/>
          http://erp/x?authPassword=RAW(s3&cret)&timeout=5                   | http://erp/x?authPassword=xxxxxx&timeout=5
          jdbc:h2:file:./data/hub;USER=sa;PASSWORD=s3cret                    | jdbc:h2:file:./data/hub;USER=sa;PASSWORD=xxxxxx
          salesforce:upsert?clientSecret=s3cret&sObjectName=Account          | salesforce:upsert?clientSecret=xxxxxx&sObjectName=Account
          http://x?access_token=s3cret                                       | http://x?access_token=xxxxxx
          http://x?apiKey=s3cret                                             | http://x?apiKey=xxxxxx
          http://x?sig=1&timeout=5                                           | http://x?sig=1&timeout=5
          smtp://{{hub.mail.host}}:25?password={{hub.mail.password}}         | smtp://{{hub.mail.host}}:25?password=xxxxxx
          """)
  void secretUriParametersInCamelTextAreMasked(String text, String shown) {
    assertThat(JolokiaMasking.sanitized(text)).isEqualTo(shown);
  }

  @Test
  void nestedCamelValuesAreMaskedInPlace() {
    JSONObject answer = new JSONObject();
    answer.put("EndpointUri", "http://x?password=s3cret");
    answer.put("list", new java.util.ArrayList<>(List.of("http://y?token=s3cret")));
    JolokiaMasking.sanitized(answer);
    assertThat(answer.toString()).doesNotContain("s3cret");
  }
}
