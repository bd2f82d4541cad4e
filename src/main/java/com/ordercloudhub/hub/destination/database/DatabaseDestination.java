package com.ordercloudhub.hub.destination.database;

import com.ordercloudhub.hub.delivery.Destination;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.sql.SqlEndpoint;
import org.apache.camel.support.ResourceHelper;
import org.springframework.stereotype.Component;

/**
 * The reporting database, the {@code database} destination: always usable (it is the hub's own
 * database). Its rejected rows are classified by the generic SQL states; a dry run shows each SQL
 * statement it would have run with its named parameters.
 */
@Component
class DatabaseDestination implements Destination {

  private static final Pattern SQL_PARAMETER = Pattern.compile(":#([A-Za-z_][A-Za-z0-9_]*)");

  private final CamelContext camel;

  DatabaseDestination(CamelContext camel) {
    this.camel = camel;
  }

  @Override
  public String name() {
    return "database";
  }

  @Override
  public Optional<Map<String, Object>> describe(Endpoint endpoint, Exchange exchange) {
    if (!(endpoint instanceof SqlEndpoint sql)) {
      return Optional.empty();
    }
    String statement = remainder(sql.getEndpointUri());
    String text = sql.getQuery();
    try {
      if (ResourceHelper.hasScheme(text)) {
        try (InputStream in = ResourceHelper.resolveMandatoryResourceAsInputStream(camel, text)) {
          text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("The SQL of " + statement + " could not be read", e);
    }
    Object body = exchange.getMessage().getBody();
    Map<?, ?> row = body instanceof Map<?, ?> map ? map : Map.of();
    Map<String, Object> parameters = new LinkedHashMap<>();
    Matcher named = SQL_PARAMETER.matcher(text);
    while (named.find()) {
      parameters.putIfAbsent(named.group(1), row.get(named.group(1)));
    }
    Map<String, Object> call = new LinkedHashMap<>();
    call.put("system", "sql");
    call.put("statement", statement);
    call.put("parameters", parameters);
    return Optional.of(call);
  }

  /** The statement's name as the route gives it: {@code sql/database/upsert-order.sql}. */
  private static String remainder(String uri) {
    String rest = uri.substring(uri.indexOf(':') + 1);
    if (rest.startsWith("//")) {
      rest = rest.substring(2);
    }
    int query = rest.indexOf('?');
    rest = query < 0 ? rest : rest.substring(0, query);
    return rest.startsWith("classpath:") ? rest.substring("classpath:".length()) : rest;
  }
}
