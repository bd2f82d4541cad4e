package com.ordercloudhub.hub.destination.email;

import static com.ordercloudhub.hub.support.MailPeers.smtpOn;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.event.EventStore;
import com.ordercloudhub.hub.event.PayloadRedactor;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.HubTest;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Reset tokens, verification codes and one-time passwords: until their email is delivered they are
 * in the store only sealed (AES), never in clear; the email shows them; once it is delivered they
 * are gone from every table.
 */
@HubTest
class MessageSecretsTest extends MessageSenderHub {

  static final SecureRandom random = new SecureRandom();

  @Autowired EventStore events;

  /** A message whose secrets are unique to this run, so a scan of the store finds only them. */
  record Secrets(String type, String eventId, List<String> values, List<String> shown) {}

  @Test
  void secretsAreSealedUntilTheEmailIsDeliveredThenErasedFromTheStore() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    List<Secrets> sent;
    smtp.stop(); // held back: the legs wait with their secrets
    try {
      sent =
          List.of(
              setPassword("ForgottenPassword", "FP-" + run),
              setPassword("NewUserInvitation", "NU-" + run),
              oneTimePassword());

      awaitEmailLegs(sent.stream().map(Secrets::eventId).toList(), "retrying");
      for (Secrets message : sent) {
        assertThat((String) legs.of(message.eventId(), "email").get("last_error"))
            .contains("Connection refused");

        Map<String, Object> row =
            jdbc.queryForMap(
                "SELECT payload, sealed_secrets FROM hub_event WHERE id = ?", message.eventId());
        assertThat(row.get("sealed_secrets")).as(message.type()).isNotNull();
        assertThat(row.get("payload").toString()).contains(PayloadRedactor.REDACTED);
        // sealed, and only the hub's key opens them
        assertThat(events.secretsOf(message.eventId()).values())
            .containsExactlyInAnyOrderElementsOf(message.values());
        for (String secret : message.values()) {
          assertThat(columnsHolding(secret)).as("columns holding %s", secret).isEmpty();
        }
      }
    } finally {
      smtp = smtpOn(smtpPort);
    }

    awaitEmailLegs(sent.stream().map(Secrets::eventId).toList(), "delivered");
    for (Secrets message : sent) {
      String to =
          message.type().equals("OneTimePassword")
              ? "jane.doe@acme.example"
              : "sam.lee@acme.example";
      MimeMessage email = receivedBy(to, message.eventId());
      assertThat(text(email)).contains(message.shown());
      assertThat(html(email)).contains(message.shown());

      assertThat(
              jdbc.queryForObject(
                  "SELECT sealed_secrets FROM hub_event WHERE id = ?",
                  String.class,
                  message.eventId()))
          .as(message.type())
          .isNull();
      assertThat(events.secretsOf(message.eventId())).isEmpty();
      for (String secret : message.values()) {
        assertThat(columnsHolding(secret)).as("columns holding %s", secret).isEmpty();
      }
    }
  }

  @Test
  void aDeliveredResetEmailSentAgainAfterItsCodeWasErasedIsRefusedNotSentWithoutTheCode()
      throws Exception {
    String code = "RP-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    String eventId = setPassword("ForgottenPassword", code).eventId();
    delivered(eventId);
    assertThat(text(receivedBy("sam.lee@acme.example", eventId))).contains(code);

    // an operator forces the delivered leg again: the code it needs is gone
    HttpResponse<String> replay =
        hub.send(
            HttpRequest.newBuilder(hub.uri("/api/events/" + eventId + "/replay?force=true"))
                .header(
                    "Authorization", HubClient.basic(HubClient.OPS_USER, HubClient.OPS_PASSWORD))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
    Map<String, Object> leg = legs.awaitStatus(eventId, "email", "dead");

    assertThat((String) leg.get("last_error"))
        .contains("erased")
        .contains("PasswordRenewalVerificationCode");
    // the customer has the one good email, not a second one with "[redacted]" for a code
    assertThat(copies(eventId)).hasSize(1);
    assertThat(columnsHolding(code)).isEmpty();
  }

  Secrets setPassword(String type, String code) {
    String token = "eyJhbGciOiJSUzI1NiJ9.eyJyb2xlIjoiUGFzc3dvcmRSZXNldCJ9." + code.toLowerCase();
    ObjectNode message = sample(type);
    ObjectNode body = (ObjectNode) message.get("EventBody");
    body.put("PasswordRenewalVerificationCode", code);
    body.put("PasswordRenewalAccessToken", token);
    String eventId = send(message);
    // the templates show the code; the access token is for a storefront link, if a template wants
    // it
    return new Secrets(type, eventId, List.of(code, token), List.of(code));
  }

  Secrets oneTimePassword() {
    String otp = String.valueOf(10_000_000 + random.nextInt(90_000_000));
    ObjectNode message = sample("OneTimePassword");
    ((ObjectNode) message.get("EventBody")).put("OneTimePassword", otp);
    String eventId = send(message);
    return new Secrets("OneTimePassword", eventId, List.of(otp), List.of(otp));
  }
}
