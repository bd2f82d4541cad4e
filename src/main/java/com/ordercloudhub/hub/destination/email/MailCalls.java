package com.ordercloudhub.hub.destination.email;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.util.URISupport;

/**
 * An email a dry run did not send, as its recipient would have received it: the way it would have
 * gone (SMTP server or outbox), addresses, subject, both parts and the Message-ID.
 */
final class MailCalls {

  private MailCalls() {}

  static Map<String, Object> describe(Endpoint endpoint, MimeMessage mail) {
    Map<String, Object> call = new LinkedHashMap<>();
    call.put("system", "email");
    call.put(
        "via",
        endpoint.getEndpointUri().toLowerCase(Locale.ROOT).startsWith("smtp")
            ? URISupport.sanitizeUri(endpoint.getEndpointBaseUri())
            : "outbox (.eml file, no SMTP_HOST)");
    try {
      call.put("messageId", mail.getMessageID());
      call.put("from", addresses(mail.getFrom()));
      call.put("to", addresses(mail.getRecipients(Message.RecipientType.TO)));
      call.put("cc", addresses(mail.getRecipients(Message.RecipientType.CC)));
      call.put("subject", mail.getSubject());
      Map<String, String> parts = new LinkedHashMap<>();
      parts(mail.getContent(), mail.getContentType(), parts);
      call.put("text", parts.get("text/plain"));
      call.put("html", parts.get("text/html"));
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException("The email could not be read back: " + e.getMessage(), e);
    }
    return call;
  }

  private static void parts(Object content, String type, Map<String, String> into)
      throws MessagingException, IOException {
    if (content instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart part = multipart.getBodyPart(i);
        parts(part.getContent(), part.getContentType(), into);
      }
    } else if (content instanceof String text && type != null) {
      String base = type.split(";")[0].trim().toLowerCase(Locale.ROOT);
      into.putIfAbsent(base, text);
    }
  }

  private static List<String> addresses(Address[] addresses) {
    List<String> list = new ArrayList<>();
    if (addresses != null) {
      for (Address address : addresses) {
        list.add(address.toString());
      }
    }
    return list;
  }
}
