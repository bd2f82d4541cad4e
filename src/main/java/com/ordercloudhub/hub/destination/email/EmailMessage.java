package com.ordercloudhub.hub.destination.email;

import java.util.List;

/**
 * An email as a destination route builds it; {@link MailComposer} turns it into MIME.
 *
 * @param to recipients ("Jane Doe <jane@x.example>" or a bare address)
 * @param cc copy recipients
 * @param from the sender
 * @param subject the subject line
 * @param html the HTML part
 * @param text the plain-text part
 * @param note what the leg should record about how it was built (a template fallen back from), or
 *     null
 */
public record EmailMessage(
    List<String> to,
    List<String> cc,
    String from,
    String subject,
    String html,
    String text,
    String note) {

  public EmailMessage {
    to = List.copyOf(to);
    cc = cc == null ? List.of() : List.copyOf(cc);
  }

  public EmailMessage(
      List<String> to, List<String> cc, String from, String subject, String html, String text) {
    this(to, cc, from, subject, html, text, null);
  }
}
