package com.ordercloudhub.hub.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercloudhub.hub.config.SettingException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * OrderCloud Route + Verb (or a Delivery Configuration's sync message type) → the hub's event type.
 * The data is the built-in catalogue file plus {@code hub.events.catalogue} from configuration,
 * which wins for every pair it names. It also names each event's business key ({@link
 * #businessKeyOf}): the order, user or address it is about.
 */
@Component("eventCatalogue")
public class EventCatalogue {

  public static final String UNCLASSIFIED = "unclassified";
  static final String BUILT_IN = "ordercloud/event-catalogue.yaml";
  private static final Pattern EVENT_NAME = Pattern.compile("[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*");
  private static final Set<String> VERBS = Set.of("POST", "PUT", "PATCH", "DELETE");

  /** "VERB normalised/template" → event type. */
  private final Map<String, String> exact = new HashMap<>();

  private final List<Template> templates = new ArrayList<>();

  /** Sync message type, lower case → event type. */
  private final Map<String, String> bySyncType = new HashMap<>();

  private static final Pattern SYNC_TYPE = Pattern.compile("[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*");

  /** Longest sync message type taken (the column holds 100). */
  public static final int MAX_SYNC_TYPE = 100;

  /**
   * Answers given, by Verb and Route as sent: OrderCloud sends a few route templates over and over,
   * and the catalogue does not change once built. Bounded, since a route may also be concrete.
   */
  private final Map<Call, String> answered = new ConcurrentHashMap<>();

  private static final int MAX_ANSWERED = 1024;

  private record Call(String verb, String route) {}

  private final BusinessKeys businessKeys;

  /** The catalogue with the built-in business keys only. */
  public EventCatalogue(CatalogueProperties properties) {
    this(properties, BusinessKeyProperties.BUILT_IN_ONLY);
  }

  @Autowired
  public EventCatalogue(CatalogueProperties properties, BusinessKeyProperties keys) {
    this.businessKeys = new BusinessKeys(keys.businessKeys());
    List<CatalogueProperties.Entry> builtIn = readBuiltIn();
    for (int i = 0; i < builtIn.size(); i++) {
      add(builtIn.get(i), BUILT_IN + " entry " + i);
    }
    List<CatalogueProperties.Entry> overrides = properties.catalogue();
    for (int i = 0; i < overrides.size(); i++) {
      add(overrides.get(i), "hub.events.catalogue[" + i + "]");
    }
  }

  /**
   * Sets the event type: from the catalogue for webhooks and sync messages, {@code message.<type>}
   * for Message Sender calls.
   */
  public ReceivedEvent classify(ReceivedEvent event) {
    String type =
        switch (event.kind()) {
          case MESSAGE -> MessageTypes.eventType(event.messageType());
          case SYNC -> syncTypeOf(event.messageType());
          case PRE, POST -> typeOf(event.verb(), event.route());
        };
    return event.withEventType(type);
  }

  /**
   * Whether a text can name a sync message type: dotted words of letters and digits (any case), at
   * most {@value #MAX_SYNC_TYPE} characters, as {@code
   * sitecore.ordercloud.messages.ordersync.updated}.
   */
  public static boolean isSyncType(String type) {
    return type.length() <= MAX_SYNC_TYPE && SYNC_TYPE.matcher(type).matches();
  }

  /** The event type of a sync message type (any case), or {@value #UNCLASSIFIED}. */
  public String syncTypeOf(String messageType) {
    return messageType == null
        ? UNCLASSIFIED
        : bySyncType.getOrDefault(messageType.trim().toLowerCase(Locale.ROOT), UNCLASSIFIED);
  }

  /**
   * The business key of an event of this type ({@code order:SO-1}), read from its parsed payload;
   * null when the type has none or the payload lacks it. Events of one key are delivered to each
   * destination in order.
   */
  public String businessKeyOf(String eventType, JsonNode payload) {
    return businessKeys.keyOf(eventType, payload);
  }

  /** The event type of a webhook call, or {@value #UNCLASSIFIED}. */
  public String typeOf(String verb, String route) {
    if (verb == null || route == null) {
      return UNCLASSIFIED;
    }
    Call call = new Call(verb, route);
    String known = answered.get(call);
    if (known != null) {
      return known;
    }
    String type = lookUp(verb, route);
    if (answered.size() < MAX_ANSWERED) {
      answered.put(call, type);
    }
    return type;
  }

  private String lookUp(String verb, String route) {
    String v = verb.trim().toUpperCase(Locale.ROOT);
    List<String> segments = segments(route);
    String found = exact.get(v + " " + String.join("/", segments));
    if (found != null) {
      return found;
    }
    // a concrete path such as v1/orders/Outgoing/SO-1/submit: match templates segment by segment
    return templates.stream()
        .filter(t -> t.verb.equals(v) && t.matches(segments))
        .max(Comparator.comparingInt(Template::literals))
        .map(Template::event)
        .orElse(UNCLASSIFIED);
  }

  /** Every event type the catalogue can produce, for route checks and documentation. */
  public Set<String> eventTypes() {
    return Stream.concat(exact.values().stream(), bySyncType.values().stream())
        .collect(Collectors.toUnmodifiableSet());
  }

  private void add(CatalogueProperties.Entry entry, String where) {
    String event = Optional.ofNullable(entry.event()).map(String::trim).orElse("");
    if (!EVENT_NAME.matcher(event).matches()) {
      throw invalid(
          where, "event \"" + event + "\" is not a dotted lower-case name (order.submitted)");
    }
    if (entry.routes().isEmpty() && entry.messages().isEmpty()) {
      throw invalid(where, "event " + event + " lists no routes and no messages");
    }
    for (String message : entry.messages()) {
      String type = message == null ? "" : message.trim().toLowerCase(Locale.ROOT);
      if (!isSyncType(type)) {
        throw invalid(
            where,
            "\""
                + message
                + "\" is not a sync message type"
                + " (sitecore.ordercloud.messages.ordersync.updated)");
      }
      bySyncType.put(type, event);
    }
    for (String spec : entry.routes()) {
      String[] parts = spec.trim().split("\\s+", 2);
      String verb = parts[0].toUpperCase(Locale.ROOT);
      if (parts.length != 2 || !VERBS.contains(verb)) {
        throw invalid(
            where, "\"" + spec + "\" is not \"VERB route\" with VERB POST/PUT/PATCH/DELETE");
      }
      List<String> segments = segments(parts[1]);
      exact.put(verb + " " + String.join("/", segments), event);
      templates.removeIf(t -> t.verb.equals(verb) && t.segments.equals(segments));
      templates.add(new Template(verb, segments, event));
    }
  }

  private static SettingException invalid(String where, String problem) {
    return new SettingException(
        where,
        where,
        "is invalid: " + problem,
        "Fix the entry; see " + BUILT_IN + " for the shape.");
  }

  /** Lower case, no leading slash or query, placeholders reduced to {@code {}}. */
  static List<String> segments(String route) {
    String path = route.trim();
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    List<String> segments = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      boolean placeholder = segment.startsWith("{") && segment.endsWith("}");
      segments.add(placeholder ? "{}" : segment.toLowerCase(Locale.ROOT));
    }
    return segments;
  }

  private record Template(String verb, List<String> segments, String event) {

    boolean matches(List<String> path) {
      if (path.size() != segments.size()) {
        return false;
      }
      for (int i = 0; i < path.size(); i++) {
        String mine = segments.get(i);
        String theirs = path.get(i);
        boolean ok = mine.equals("{}") ? !theirs.isEmpty() : mine.equals(theirs);
        if (!ok) {
          return false;
        }
      }
      return true;
    }

    int literals() {
      return (int) segments.stream().filter(s -> !s.equals("{}")).count();
    }
  }

  @SuppressWarnings("unchecked")
  private static List<CatalogueProperties.Entry> readBuiltIn() {
    try (InputStream in = new ClassPathResource(BUILT_IN).getInputStream()) {
      List<Map<String, Object>> raw =
          (List<Map<String, Object>>) new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      return raw.stream()
          .map(
              m ->
                  new CatalogueProperties.Entry(
                      (String) m.get("event"),
                      ((List<Object>) m.getOrDefault("routes", List.of()))
                          .stream().map(String::valueOf).toList(),
                      ((List<Object>) m.getOrDefault("messages", List.of()))
                          .stream().map(String::valueOf).toList()))
          .toList();
    } catch (IOException | ClassCastException e) {
      throw new IllegalStateException("The built-in catalogue " + BUILT_IN + " is unreadable", e);
    }
  }
}
