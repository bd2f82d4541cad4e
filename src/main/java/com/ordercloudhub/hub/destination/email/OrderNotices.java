package com.ordercloudhub.hub.destination.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ordercloudhub.hub.delivery.DeliveryExchanges;
import com.ordercloudhub.hub.delivery.Destination;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The internal notice of a submitted order, for the people in ORDER_NOTICE_TO: rendered from {@code
 * templates/email/order-notice.*.hbs} with the order as {@code order}. Without ORDER_NOTICE_TO the
 * {@code notice} destination's legs are skipped. Its mail failures and dry-run calls are those of
 * every email ({@link EmailDestination}).
 */
@Component("orderNotices")
public class OrderNotices implements Destination {

  static final String TEMPLATE = "order-notice";

  private final MailProperties mail;
  private final EmailTemplates templates;
  private final ObjectMapper mapper;

  public OrderNotices(MailProperties mail, EmailTemplates templates, ObjectMapper mapper) {
    this.mail = mail;
    this.templates = templates;
    this.mapper = mapper;
  }

  @Override
  public String name() {
    return "notice";
  }

  @Override
  public Optional<String> missing() {
    return mail.noticeTo().isEmpty() ? Optional.of("ORDER_NOTICE_TO is not set") : Optional.empty();
  }

  public EmailMessage compose(Exchange exchange) {
    JsonNode payload = exchange.getMessage().getBody(JsonNode.class);
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("order", mapper.convertValue(payload.path("Response").path("Body"), Map.class));
    model.put("payload", mapper.convertValue(payload, Map.class));
    model.put("eventId", exchange.getMessage().getHeader(DeliveryExchanges.EVENT_ID));
    model.put("eventType", exchange.getMessage().getHeader(DeliveryExchanges.EVENT_TYPE));
    return new EmailMessage(
        mail.noticeTo(),
        List.of(),
        mail.from(),
        templates.render(TEMPLATE, EmailTemplates.Part.SUBJECT, model),
        templates.render(TEMPLATE, EmailTemplates.Part.HTML, model),
        templates.render(TEMPLATE, EmailTemplates.Part.TEXT, model));
  }
}
