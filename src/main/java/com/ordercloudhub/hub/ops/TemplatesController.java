package com.ordercloudhub.hub.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.config.Problem;
import com.ordercloudhub.hub.delivery.PermanentDeliveryException;
import com.ordercloudhub.hub.destination.email.EmailMessage;
import com.ordercloudhub.hub.destination.email.MessageEmails;
import com.ordercloudhub.hub.destination.email.MessageSamples;
import com.ordercloudhub.hub.event.MessageTypes;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Template previews for people editing templates/email/: renders a message type's email with a
 * built-in sample payload of its family (src/main/resources/samples/messages/), so a change is seen
 * before OrderCloud sends anything. Nothing is sent. The subject comes as a header.
 */
@RestController
@RequestMapping("/api/templates")
class TemplatesController {

  private final MessageEmails emails;

  TemplatesController(MessageEmails emails) {
    this.emails = emails;
  }

  @GetMapping("/{messageType}/preview")
  ResponseEntity<?> preview(
      @PathVariable String messageType, @RequestParam(defaultValue = "html") String format)
      throws IOException {
    Optional<String> type = MessageTypes.canonical(messageType);
    if (type.isEmpty()) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND)
          .body(Problem.of(404, "not_found", messageType + " is not an OrderCloud message type"));
    }
    if (!format.equals("html") && !format.equals("text")) {
      return ResponseEntity.badRequest()
          .body(Problem.of(400, "invalid_parameter", "format must be html or text"));
    }
    ObjectNode sample = MessageSamples.of(type.get());
    EmailMessage email;
    try {
      email = emails.compose(sample);
    } catch (PermanentDeliveryException e) {
      return ResponseEntity.unprocessableEntity()
          .body(Problem.of(422, "template_failed", e.getMessage()));
    }
    boolean html = format.equals("html");
    return ResponseEntity.ok()
        .contentType(
            html
                ? new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8)
                : new MediaType(MediaType.TEXT_PLAIN, java.nio.charset.StandardCharsets.UTF_8))
        .header("X-Email-Subject", encodeHeader(email.subject()))
        .header("X-Email-From", encodeHeader(email.from()))
        .body(html ? email.html() : email.text());
  }

  /** Header values must be ASCII: anything else is percent-encoded. */
  private static String encodeHeader(String value) {
    return value == null
        ? ""
        : java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)
            .replace("+", " ");
  }
}
