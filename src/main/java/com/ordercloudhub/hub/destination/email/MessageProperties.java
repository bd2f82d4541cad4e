package com.ordercloudhub.hub.destination.email;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Message Sender emails: what the templates may show besides the payload, and per message type the
 * subject, sender and copies.
 *
 * @param company your company's name ({{COMPANY}} in Mandrill templates)
 * @param companyAddress your company's postal address ({{COMPANYADDRESS}})
 * @param storefrontUrl the storefront's base URL, for links ({{baseUrl}}, {{URL}})
 * @param trackingUrls per shipper (any case), a tracking link with {@code {tracking}} in it
 * @param types per message type in lower case ({@code ordersubmitted}): overrides
 */
@ConfigurationProperties("hub.messages")
public record MessageProperties(
    @DefaultValue("") String company,
    @DefaultValue("") String companyAddress,
    @DefaultValue("") String storefrontUrl,
    @DefaultValue Map<String, String> trackingUrls,
    @DefaultValue Map<String, TypeSettings> types) {

  /**
   * @param subject a subject template (Handlebars) instead of {@code <type>.subject.hbs}
   * @param from the sender for this type, when the Message Sender's ConfigData has no fromEmail
   * @param cc addresses copied on every email of this type
   */
  public record TypeSettings(String subject, String from, @DefaultValue List<String> cc) {}

  public TypeSettings forType(String messageType) {
    TypeSettings own = messageType == null ? null : types.get(messageType.toLowerCase());
    return own != null ? own : new TypeSettings(null, null, List.of());
  }
}
