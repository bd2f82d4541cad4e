package com.ordercloudhub.hub.destination.email;

import com.ordercloudhub.hub.event.MessageTypes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * @param types per message type, named in any case ({@code ordersubmitted}, {@code
 *     OrderSubmitted}): overrides; a name that is no message type stops start-up
 */
@ConfigurationProperties("hub.messages")
record MessageProperties(
    @DefaultValue("") String company,
    @DefaultValue("") String companyAddress,
    @DefaultValue("") String storefrontUrl,
    @DefaultValue Map<String, String> trackingUrls,
    @DefaultValue Map<String, TypeSettings> types) {

  public MessageProperties {
    // keyed by the type in lower case: YAML keeps a key's case (OrderSubmitted), the environment
    // lower-cases it (HUB_MESSAGES_TYPES_ORDERSUBMITTED_SUBJECT); both must find the settings
    Map<String, TypeSettings> byType = new LinkedHashMap<>();
    types.forEach(
        (name, settings) -> {
          String type =
              MessageTypes.canonical(name)
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "hub.messages.types."
                                  + name
                                  + " is not an OrderCloud message type (e.g. ordersubmitted)"))
                  .toLowerCase(Locale.ROOT);
          if (byType.put(type, settings) != null) {
            throw new IllegalArgumentException(
                "hub.messages.types configures " + type + " twice, in different cases");
          }
        });
    types = Map.copyOf(byType);
  }

  /**
   * @param subject a subject template (Handlebars) instead of {@code <type>.subject.hbs}
   * @param from the sender for this type, when the Message Sender's ConfigData has no fromEmail
   * @param cc addresses copied on every email of this type
   */
  public record TypeSettings(String subject, String from, @DefaultValue List<String> cc) {}

  public TypeSettings forType(String messageType) {
    // Locale.ROOT: in a Turkish locale "Invitation" would lower-case to "ınvitation"
    TypeSettings own = messageType == null ? null : types.get(messageType.toLowerCase(Locale.ROOT));
    return own != null ? own : new TypeSettings(null, null, List.of());
  }
}
