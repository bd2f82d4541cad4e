package com.ordercloudhub.hub.destination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.ordercloudhub.hub.event.ExactJson;
import java.io.FileNotFoundException;
import java.util.List;
import java.util.Map;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;
import org.springframework.stereotype.Component;

/**
 * The {@code mapping:} endpoint: {@code mapping:erp/sales-order.jsonata} evaluates that file of
 * {@code hub.mappings.dir} on the body (a tree, as {@code mappingInput.prepare} makes it) and sets
 * the body to the output, a tree with numbers exact. The file is parsed once per content ({@link
 * Mappings}), not per exchange as camel-jsonata does, and nothing goes through JSON text. A mapping
 * that fails is a {@link MappingException} naming the file (the leg is dead); a file that does not
 * exist is retried (it may be on its way).
 */
@Component("mapping")
public class MappingComponent extends DefaultComponent {

  private final Mappings mappings;
  private final ObjectReader exact;

  MappingComponent(Mappings mappings, ObjectMapper mapper) {
    this.mappings = mappings;
    this.exact = ExactJson.reader(mapper);
  }

  @Override
  protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
    return new MappingEndpoint(uri, this, remaining);
  }

  final class MappingEndpoint extends DefaultEndpoint {

    private final String name;

    MappingEndpoint(String uri, MappingComponent component, String name) {
      super(uri, component);
      this.name = name;
    }

    @Override
    public Producer createProducer() {
      return new DefaultProducer(this) {
        @Override
        public void process(Exchange exchange) throws Exception {
          Mapping mapping =
              mappings
                  .find(name)
                  .orElseThrow(
                      () ->
                          new FileNotFoundException(
                              "Mapping " + mappings.file(name) + " does not exist"));
          Object body = exchange.getMessage().getBody();
          JsonNode output =
              body instanceof Map<?, ?> || body instanceof List<?>
                  ? Mapping.tree(mapping.evaluateJava(body))
                  : mapping.evaluate(input(exchange, body));
          exchange.getMessage().setBody(output);
        }
      };
    }

    @Override
    public Consumer createConsumer(Processor processor) {
      throw new UnsupportedOperationException("mapping: is a producer only (" + name + ")");
    }

    @Override
    public boolean isRemote() {
      return false;
    }
  }

  private JsonNode input(Exchange exchange, Object body) throws Exception {
    if (body == null || body instanceof JsonNode) {
      return (JsonNode) body;
    }
    String text = exchange.getMessage().getBody(String.class);
    return text == null || text.isBlank() ? null : exact.readValue(text);
  }
}
