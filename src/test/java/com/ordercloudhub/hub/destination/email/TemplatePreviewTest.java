package com.ordercloudhub.hub.destination.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercloudhub.hub.event.MessageTypes;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.HubTest;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code GET /api/templates/{type}/preview?format=html|text}: every message type's email, rendered
 * with the built-in sample of its family, in both formats, for the ops user; nothing is sent.
 */
@HubTest
class TemplatePreviewTest extends MessageSenderHub {

  static Stream<Arguments> everyTypeInBothFormats() {
    return MessageTypes.ALL.stream()
        .flatMap(type -> Stream.of(Arguments.of(type, "html"), Arguments.of(type, "text")));
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("everyTypeInBothFormats")
  void everyMessageTypeRendersInBothFormats(String type, String format) {
    int received = smtp.getReceivedMessages().length;

    HttpResponse<String> preview = hub.opsGet(preview(type, format));

    assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
    assertThat(preview.headers().firstValue("Content-Type"))
        .hasValueSatisfying(
            contentType ->
                assertThat(contentType)
                    .startsWith(format.equals("html") ? "text/html" : "text/plain")
                    .containsIgnoringCase("charset=UTF-8"));
    assertThat(subject(preview)).isNotBlank().doesNotContain("{{");
    assertThat(preview.body()).isNotBlank().doesNotContain("{{", "}}");
    if (format.equals("html")) {
      assertThat(preview.body()).contains("<html", "</html>");
    } else {
      assertThat(preview.body()).doesNotContain("<td", "<p", "<html");
    }
    assertThat(smtp.getReceivedMessages()).hasSize(received);
  }

  @Test
  void theTypeMayBeGivenInAnyCaseAndHtmlIsTheDefault() {
    HttpResponse<String> lower = hub.opsGet("/api/templates/shipmentcreated/preview");

    assertThat(lower.statusCode()).isEqualTo(200);
    assertThat(lower.body()).contains("<html", "1Z999AA10123456784");
    assertThat(subject(lower)).isEqualTo("Order SO-100234 has shipped: UPS 1Z999AA10123456784");
  }

  @Test
  void anUnknownTypeIsNotFoundAndAnUnknownFormatIsABadRequest() {
    HttpResponse<String> unknown = hub.opsGet(preview("OrderTeleported", "html"));
    assertThat(unknown.statusCode()).isEqualTo(404);
    JsonNode problem = Fixtures.json(unknown.body().getBytes(StandardCharsets.UTF_8));
    assertThat(problem.toString()).contains("OrderTeleported");

    HttpResponse<String> badFormat = hub.opsGet(preview("OrderSubmitted", "pdf"));
    assertThat(badFormat.statusCode()).isEqualTo(400);
    assertThat(badFormat.body()).contains("format");
  }

  @Test
  void previewsNeedTheOpsLogin() {
    assertThat(hub.get(preview("OrderSubmitted", "html")).statusCode()).isEqualTo(401);
  }

  /** The subject header, percent-encoded by the hub so that it stays ASCII. */
  static String subject(HttpResponse<String> preview) {
    return URLDecoder.decode(
        preview.headers().firstValue("X-Email-Subject").orElse(""), StandardCharsets.UTF_8);
  }

  static String preview(String type, String format) {
    return "/api/templates/" + type + "/preview?format=" + format;
  }
}
