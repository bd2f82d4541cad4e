package com.ordercloudhub.hub.destination.email;

import static com.ordercloudhub.hub.support.MailPeers.smtpOn;
import static org.assertj.core.api.Assertions.assertThat;

import com.ordercloudhub.hub.event.MessageTypes;
import com.ordercloudhub.hub.support.HubTest;
import jakarta.mail.internet.MimeMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An SMTP outage delays Message Sender emails but loses none and sends none twice: while GreenMail
 * is stopped every email leg retries; restarted on the same port, each email arrives exactly once
 * in each of its mailboxes.
 */
@HubTest
class MessageSenderOutageTest extends MessageSenderHub {

  @Test
  void whileTheMailServerIsDownLegsRetryThenEveryEmailIsDeliveredOnce() throws Exception {
    Map<String, String> eventIds = new LinkedHashMap<>(); // message type -> event
    smtp.stop();
    try {
      for (String type : MessageTypes.ALL) {
        eventIds.put(type, send(sample(type)));
      }
      awaitEmailLegs(eventIds.values(), "retrying");
      for (String eventId : eventIds.values()) {
        assertThat((String) legs.of(eventId, "email").get("last_error"))
            .contains("Connection refused");
      }
    } finally {
      smtp = smtpOn(smtpPort); // back on the same port, as a restarted server would be
    }

    awaitEmailLegs(eventIds.values(), "delivered");
    for (Map.Entry<String, String> sent : eventIds.entrySet()) {
      Family family = Family.of(sent.getKey());
      String eventId = sent.getValue();
      Map<String, Object> leg = legs.of(eventId, "email");

      assertThat((Integer) leg.get("attempts")).as(sent.getKey()).isGreaterThanOrEqualTo(2);
      MimeMessage email = receivedBy(family.to, eventId); // exactly one copy
      for (String cc : family.cc) {
        receivedBy(cc, eventId);
      }
      assertThat(copies(eventId)).as(sent.getKey()).hasSize(1 + family.cc.size());
      assertThat(text(email)).doesNotContain("{{");
      // one successful attempt: the ledger will not send it again
      assertThat(
              jdbc.queryForObject(
                  "SELECT COUNT(*) FROM hub_delivery_attempt a JOIN hub_delivery_leg l"
                      + " ON a.leg_id = l.id WHERE l.event_id = ? AND l.destination = 'email'"
                      + " AND a.outcome = 'delivered'",
                  Integer.class,
                  eventId))
          .isEqualTo(1);
    }
  }
}
