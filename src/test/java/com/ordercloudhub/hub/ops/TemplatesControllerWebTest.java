package com.ordercloudhub.hub.ops;

import static com.ordercloudhub.hub.ops.OpsWebSlice.ops;
import static com.ordercloudhub.hub.ops.OpsWebSlice.wrongPassword;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercloudhub.hub.delivery.PermanentDeliveryException;
import com.ordercloudhub.hub.destination.email.EmailMessage;
import com.ordercloudhub.hub.destination.email.MessageEmails;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code GET /api/templates/{type}/preview} as a route: only {@link TemplatesController} and the
 * real security, the email composer mocked. The composer is given the built-in sample of the type's
 * family with the canonical type set; its email is the answer, in the format asked for, with the
 * subject and sender as ASCII-safe headers. An unknown type or format composes nothing.
 */
@WebMvcTest(TemplatesController.class)
@Import(OpsWebSlice.class)
@TestPropertySource(locations = "classpath:hub-test.properties")
class TemplatesControllerWebTest {

  static final EmailMessage EMAIL =
      new EmailMessage(
          List.of("Jane Doe <jane.doe@acme.example>"),
          List.of(),
          "Boutique Ünter <orders@shop.example>",
          "Order SO-100234 confirmed: 172,80 €",
          "<html><body><p>Order SO-100234</p></body></html>",
          "Order SO-100234");

  @Autowired MockMvc mvc;
  @Autowired ThrottledLogin logins;
  @MockitoBean MessageEmails emails;

  @BeforeEach
  void forgetFailedLogins() {
    logins.throttle().clear();
  }

  private JsonNode composed() {
    ArgumentCaptor<JsonNode> sample = ArgumentCaptor.forClass(JsonNode.class);
    verify(emails).compose(sample.capture());
    return sample.getValue();
  }

  @Test
  void theHtmlPreviewIsTheComposedEmailOfTheFamilysSample() throws Exception {
    when(emails.compose(any(JsonNode.class))).thenReturn(EMAIL);

    mvc.perform(get("/api/templates/ordersubmitted/preview").with(ops()))
        .andExpect(status().isOk())
        .andExpect(content().contentType("text/html;charset=UTF-8"))
        .andExpect(content().string(EMAIL.html()))
        // percent-encoded so the header stays ASCII; spaces kept readable
        .andExpect(
            header().string("X-Email-Subject", "Order SO-100234 confirmed%3A 172%2C80 %E2%82%AC"))
        .andExpect(
            header().string("X-Email-From", "Boutique %C3%9Cnter %3Corders%40shop.example%3E"));

    JsonNode sample = composed();
    // the type in its canonical spelling, on the order family's sample
    // (samples/messages/order.json)
    assertThat(sample.get("MessageType").asText()).isEqualTo("OrderSubmitted");
    assertThat(sample.get("OcLogIdHeader").asText()).isEqualTo("sample-order");
    assertThat(sample.get("BuyerID").asText()).isEqualTo("ACME");
  }

  @Test
  void theTextPreviewIsThePlainPart() throws Exception {
    when(emails.compose(any(JsonNode.class))).thenReturn(EMAIL);

    byte[] body =
        mvc.perform(
                get("/api/templates/ShipmentCreated/preview").param("format", "text").with(ops()))
            .andExpect(status().isOk())
            .andExpect(content().contentType("text/plain;charset=UTF-8"))
            .andReturn()
            .getResponse()
            .getContentAsByteArray();

    assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(EMAIL.text());
    assertThat(composed().get("MessageType").asText()).isEqualTo("ShipmentCreated");
  }

  @Test
  void anUnknownMessageTypeIsA404ProblemAndNothingIsComposed() throws Exception {
    mvc.perform(get("/api/templates/OrderTeleported/preview").with(ops()))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.status").value(404))
        .andExpect(jsonPath("$.error").value("not_found"))
        .andExpect(jsonPath("$.message").value(containsString("OrderTeleported")));

    verifyNoInteractions(emails);
  }

  @Test
  void anUnknownFormatIsA400ProblemNamingItAndNothingIsComposed() throws Exception {
    mvc.perform(get("/api/templates/OrderSubmitted/preview").param("format", "pdf").with(ops()))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.error").value("invalid_parameter"))
        .andExpect(jsonPath("$.message").value(containsString("format")));

    verifyNoInteractions(emails);
  }

  @Test
  void aTemplateThatFailsIsA422WithTheComposersReason() throws Exception {
    when(emails.compose(any(JsonNode.class)))
        .thenThrow(
            new PermanentDeliveryException(
                "templates/email/order-submitted.html.hbs: line 3: unclosed {{#each}}"));

    mvc.perform(get("/api/templates/OrderSubmitted/preview").with(ops()))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.error").value("template_failed"))
        .andExpect(jsonPath("$.message").value(containsString("unclosed {{#each}}")));
  }

  @Test
  void previewsNeedTheOpsLogin() throws Exception {
    mvc.perform(get("/api/templates/OrderSubmitted/preview"))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.error").value("unauthorized"))
        .andExpect(header().doesNotExist("WWW-Authenticate"));
    mvc.perform(get("/api/templates/OrderSubmitted/preview").with(wrongPassword()))
        .andExpect(status().isUnauthorized());

    verifyNoInteractions(emails);
  }
}
