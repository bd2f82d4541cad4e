package com.ordercloudhub.hub.dryrun;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.ordercloudhub.hub.config.SecretRule;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.SalesforceEndpoint;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.component.sql.SqlEndpoint;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.util.URISupport;
import org.springframework.stereotype.Component;

/**
 * Describes a call a dry run did not make, as the system on the other end would have received it: a
 * Salesforce upsert (sObject, external ID, REST path, fields), an HTTP request (method, URL,
 * headers, body), an SQL statement with its named parameters, an email (addresses, subject, both
 * parts, Message-ID), or for anything else the endpoint, headers and body. Credentials are never
 * shown: a header the secret rule names a secret keeps only its scheme ({@code Bearer [redacted]}),
 * URIs are sanitised, and the whole description passes the rule.
 */
@Component
class DryRunCalls {

  private static final Pattern SQL_PARAMETER = Pattern.compile(":#([A-Za-z_][A-Za-z0-9_]*)");

  private final CamelContext camel;
  private final ObjectMapper mapper;
  private final ObjectReader exact;
  private final SecretRule rule;

  DryRunCalls(CamelContext camel, ObjectMapper mapper, SecretRule rule) {
    this.camel = camel;
    this.mapper = mapper;
    // a request body is shown with its numbers as they would be sent (no doubles)
    this.exact =
        mapper
            .readerFor(JsonNode.class)
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
    this.rule = rule;
  }

  /** The call, with everything the secret rule calls a secret masked (names and values). */
  @SuppressWarnings("unchecked")
  Map<String, Object> describe(Endpoint endpoint, Exchange exchange) {
    return mapper.convertValue(
        rule.maskJson(mapper.valueToTree(call(endpoint, exchange))), Map.class);
  }

  private Map<String, Object> call(Endpoint endpoint, Exchange exchange) {
    Object body = exchange.getMessage().getBody();
    if (body instanceof MimeMessage mail) {
      return email(endpoint, mail);
    }
    if (endpoint instanceof SalesforceEndpoint salesforce) {
      return salesforce(salesforce, exchange);
    }
    if (endpoint instanceof SqlEndpoint sql) {
      return sql(sql, exchange);
    }
    String scheme = DryRunGuard.scheme(endpoint.getEndpointUri());
    if (scheme.equals("http") || scheme.equals("https")) {
      return http(endpoint, exchange);
    }
    Map<String, Object> call = new LinkedHashMap<>();
    call.put("system", scheme);
    call.put("endpoint", URISupport.sanitizeUri(endpoint.getEndpointUri()));
    call.put("headers", headers(exchange));
    call.put("body", body(exchange));
    return call;
  }

  private Map<String, Object> salesforce(SalesforceEndpoint endpoint, Exchange exchange) {
    SalesforceEndpointConfig config = endpoint.getConfiguration();
    String operation = endpoint.getOperationName().value();
    String sObject = header(exchange, "sObjectName", config.getSObjectName());
    String idField = header(exchange, "sObjectIdName", config.getSObjectIdName());
    String idValue = header(exchange, "sObjectIdValue", config.getSObjectIdValue());
    Map<String, Object> call = new LinkedHashMap<>();
    call.put("system", "salesforce");
    call.put("operation", operation);
    call.put("sObject", sObject);
    call.put("externalIdField", idField);
    call.put("externalId", idValue);
    if (operation.equals("upsertSObject")) {
      call.put("method", "PATCH");
      call.put(
          "path",
          "/services/data/v"
              + config.getApiVersion()
              + "/sobjects/"
              + sObject
              + "/"
              + idField
              + "/"
              + idValue);
    }
    call.put("body", body(exchange));
    return call;
  }

  private Map<String, Object> http(Endpoint endpoint, Exchange exchange) {
    String uri = exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class);
    String method = exchange.getMessage().getHeader(Exchange.HTTP_METHOD, String.class);
    Object body = body(exchange);
    Map<String, Object> call = new LinkedHashMap<>();
    call.put("system", "http");
    call.put("method", method != null ? method : body == null ? "GET" : "POST");
    call.put("url", uri != null ? uri : URISupport.sanitizeUri(endpoint.getEndpointUri()));
    call.put("headers", headers(exchange));
    call.put("body", body);
    return call;
  }

  private Map<String, Object> sql(SqlEndpoint endpoint, Exchange exchange) {
    String statement = remainder(endpoint.getEndpointUri());
    String text = endpoint.getQuery();
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
    return call;
  }

  private Map<String, Object> email(Endpoint endpoint, MimeMessage mail) {
    String scheme = DryRunGuard.scheme(endpoint.getEndpointUri());
    Map<String, Object> call = new LinkedHashMap<>();
    call.put("system", "email");
    call.put(
        "via",
        scheme.startsWith("smtp")
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

  /** What a component would send as headers: the hub's own and Camel's are not sent. */
  private Map<String, Object> headers(Exchange exchange) {
    Map<String, Object> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    exchange
        .getMessage()
        .getHeaders()
        .forEach(
            (name, value) -> {
              String lower = name.toLowerCase(Locale.ROOT);
              if (lower.startsWith("camel") || lower.startsWith("hub")) {
                return;
              }
              headers.put(
                  name,
                  rule.isSecretName(name)
                      ? SecretRule.maskKeepingScheme(String.valueOf(value))
                      : value);
            });
    return headers;
  }

  /** The body as JSON when it is JSON, else as text. */
  private Object body(Exchange exchange) {
    Object body = exchange.getMessage().getBody();
    if (body == null) {
      return null;
    }
    String text = body instanceof String s ? s : exchange.getMessage().getBody(String.class);
    if (text == null) {
      return String.valueOf(body);
    }
    try {
      return exact.readValue(text);
    } catch (JsonProcessingException e) {
      return text;
    }
  }

  private static String header(Exchange exchange, String name, String fallback) {
    String value = exchange.getMessage().getHeader(name, String.class);
    return value != null ? value : fallback;
  }

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
