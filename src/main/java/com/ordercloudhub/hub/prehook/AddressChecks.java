package com.ordercloudhub.hub.prehook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ordercloudhub.hub.delivery.OutboundHttp;
import com.ordercloudhub.hub.event.JsonFields;
import com.ordercloudhub.hub.event.ReceivedEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

/**
 * Checks an address before OrderCloud saves it (address.saved). Built in: Street1, City and Country
 * present; Country an ISO 3166 alpha-2 code; State present for the US and Canada; US ZIP as 5 or
 * 5+4 digits; Canadian postal codes in their format. A PATCH carries only the changed fields, so
 * only those are checked. Optionally an external service ({@code ADDRESS_VALIDATION_URL}) gives a
 * verdict, messages and a suggested address.
 */
@Component("addressChecks")
public class AddressChecks {

  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
  private static final Pattern US_ZIP = Pattern.compile("\\d{5}(-\\d{4})?");
  private static final Pattern CA_POSTAL =
      Pattern.compile(
          "[ABCEGHJ-NPRSTVXY]\\d[ABCEGHJ-NPRSTV-Z] ?\\d[ABCEGHJ-NPRSTV-Z]\\d",
          Pattern.CASE_INSENSITIVE);

  private final PreHookProperties properties;
  private final ObjectMapper mapper;
  private final OutboundHttp http;
  private final OutboundHttp.Target service;

  public AddressChecks(PreHookProperties properties, ObjectMapper mapper, OutboundHttp http) {
    this.properties = properties;
    this.mapper = mapper;
    this.http = http;
    Duration timeout = properties.address().timeout();
    this.service = new OutboundHttp.Target("address-validation", timeout, timeout);
  }

  /** The address being saved: the call's request body. */
  static JsonNode address(ReceivedEvent event) {
    return JsonFields.path(event.payload(), "Request", "Body");
  }

  public void builtIn(
      @Body ReceivedEvent event,
      @ExchangeProperty(PreHookFindings.PROPERTY) PreHookFindings findings) {
    JsonNode address = address(event);
    if (address == null || !address.isObject()) {
      findings.skipped("address-built-in", "the call carries no address");
      return;
    }
    boolean partial = "PATCH".equals(event.verb());
    int before = findings.checks().size();
    if (!partial) {
      for (String field : new String[] {"Street1", "City", "Country"}) {
        if (blank(address, field)) {
          findings.failed("address-required", field, field + " is required");
        }
      }
    }
    String country = text(address, "Country");
    if (country != null && !COUNTRIES.contains(country.toUpperCase(Locale.ROOT))) {
      findings.failed(
          "address-country",
          "Country",
          "\"" + country + "\" is not an ISO 3166 two-letter country code");
      country = null;
    }
    String code = country == null ? null : country.toUpperCase(Locale.ROOT);
    if (("US".equals(code) || "CA".equals(code)) && !partial && blank(address, "State")) {
      findings.failed(
          "address-state",
          "State",
          "State is required for " + ("US".equals(code) ? "the US" : "Canada"));
    }
    String zip = text(address, "Zip");
    if ("US".equals(code) && zip != null && !US_ZIP.matcher(zip.trim()).matches()) {
      findings.failed(
          "address-zip", "Zip", "\"" + zip + "\" is not a US ZIP code (12345 or 12345-6789)");
    }
    if ("CA".equals(code) && zip != null && !CA_POSTAL.matcher(zip.trim()).matches()) {
      findings.failed(
          "address-zip", "Zip", "\"" + zip + "\" is not a Canadian postal code (A1A 1A1)");
    }
    if (findings.checks().size() == before) {
      findings.passed(
          "address-built-in",
          partial ? "changed fields valid" : "required fields and formats valid");
    }
  }

  public boolean externalConfigured() {
    String url = properties.address().validationUrl();
    return url != null && !url.isBlank();
  }

  /**
   * POSTs the address to ADDRESS_VALIDATION_URL. The answer: {@code {"verdict": "valid" |
   * "invalid", "messages": [{"field","message"}] or ["…"], "suggestion": {address}}}. An invalid
   * verdict blocks with its messages; a suggestion is passed on either way. A failure or timeout is
   * thrown: the event type's policy decides. A call without an answer (a dry run records it instead
   * of making it) leaves the check unchecked.
   */
  public void external(
      @Body ReceivedEvent event,
      @ExchangeProperty(PreHookFindings.PROPERTY) PreHookFindings findings,
      Exchange exchange)
      throws IOException {
    JsonNode address = address(event);
    if (address == null || !address.isObject()) {
      return;
    }
    Optional<OutboundHttp.Answer> answer =
        http.send(
            exchange,
            service,
            OutboundHttp.Request.post(
                properties.address().validationUrl(),
                Map.of("Content-Type", "application/json", "Accept", "application/json"),
                mapper.writeValueAsString(address)));
    if (answer.isEmpty()) {
      findings.notChecked(
          "address-external",
          "not checked: ADDRESS_VALIDATION_URL gave no answer (a dry run records the call instead"
              + " of making it)");
      return;
    }
    if (answer.get().status() >= 300) {
      throw new IOException("The address service answered " + answer.get().status());
    }
    JsonNode verdict = mapper.readTree(answer.get().body());
    JsonNode suggestion = verdict.get("suggestion");
    if (suggestion != null && !suggestion.isNull()) {
      findings.suggest(suggestion);
    }
    if ("invalid".equalsIgnoreCase(verdict.path("verdict").asText())) {
      findings.blockMessage("The address could not be verified");
      JsonNode messages = verdict.path("messages");
      if (messages.isArray() && !messages.isEmpty()) {
        for (JsonNode message : messages) {
          findings.failed(
              "address-external",
              message.isObject() ? message.path("field").asText(null) : null,
              message.isObject() ? message.path("message").asText() : message.asText());
        }
      } else {
        findings.failed(
            "address-external", null, "The address service could not verify the address");
      }
    } else {
      findings.passed("address-external", "verdict " + verdict.path("verdict").asText("valid"));
    }
  }

  private static String text(JsonNode object, String field) {
    JsonNode value = JsonFields.get(object, field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static boolean blank(JsonNode object, String field) {
    String value = text(object, field);
    return value == null || value.isBlank();
  }
}
