package com.ordercloudhub.hub.destination.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.TagType;
import com.github.jknack.handlebars.Template;
import com.ordercloudhub.hub.check.Names;
import com.ordercloudhub.hub.event.JsonFields;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The merge variables a template uses that its message type's model never carries: in Mandrill, as
 * in the hub, such a name renders empty, so a typo ({@code {{PRODUCTDSC}}}) would go out as a blank
 * in every customer's e-mail. What a type's model carries is learnt from the model the hub builds
 * for the built-in sample of its family ({@code samples/messages/}, complete for every field SPEC
 * §6.7 maps) with every setting given, so the list cannot drift from {@link MessageModel}; names
 * are matched in any case, at any depth ({@code {{#each}}} rows see their item's names and the
 * message's), and the flattened xp names ({@code orderxp_…}, {@code orderreturnxp_…}, {@code
 * shipmentxp_…}) are open, since they depend on the marketplace's xp.
 */
final class TemplateVariables {

  /** A name the template uses that its type never has, where it is first used. */
  record Unknown(String name, int line, int column, Optional<String> nearest) {}

  private static final Pattern XP = Pattern.compile("(?i)(order|orderreturn|shipment)xp_.*");
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<String, Set<String>> KNOWN = new ConcurrentHashMap<>();

  private TemplateVariables() {}

  /**
   * @param template compiled from {@code source} (a drop-in as Handlebars)
   * @param handlebars the instance it was compiled with, whose helpers are not variables
   */
  static List<Unknown> unknown(
      Template template, String source, String messageType, Handlebars handlebars) {
    Set<String> known = known(messageType);
    Set<String> used = new LinkedHashSet<>();
    for (String tag :
        template.collect(TagType.VAR, TagType.TRIPLE_VAR, TagType.AMP_VAR, TagType.SECTION)) {
      if (handlebars.helper(tag) == null) {
        used.add(tag);
      }
    }
    used.addAll(template.collectReferenceParameters());
    List<Unknown> unknown = new ArrayList<>();
    for (String reference : used) {
      String name = head(reference);
      if (name == null
          || known.contains(name.toLowerCase(Locale.ROOT))
          || XP.matcher(name).matches()) {
        continue;
      }
      int[] at = position(source, name);
      unknown.add(
          new Unknown(name, at[0], at[1], Names.closest(name.toLowerCase(Locale.ROOT), known)));
    }
    return unknown;
  }

  /**
   * The first segment of a reference ({@code EventBody.Order.ID} → {@code EventBody}, {@code
   * ../total} → {@code total}); null for {@code this}, {@code @index} and the like.
   */
  private static String head(String reference) {
    String name = reference.trim();
    while (name.startsWith("../")) {
      name = name.substring(3);
    }
    if (name.startsWith("this.") || name.startsWith("this/")) {
      name = name.substring(5);
    }
    if (name.isEmpty() || name.equals("this") || name.equals(".") || name.startsWith("@")) {
      return null;
    }
    String head = name.split("[./\\[]", 2)[0];
    return head.isEmpty() ? null : head;
  }

  /** Line and column (1-based) of the name's first use in a tag. */
  private static int[] position(String source, String name) {
    Matcher use =
        Pattern.compile(
                "(?:\\{\\{[^}]*?|\\*\\|)(?<![\\w-])" + Pattern.quote(name) + "(?![\\w-])",
                Pattern.CASE_INSENSITIVE)
            .matcher(source);
    if (!use.find()) {
      return new int[] {1, 1};
    }
    int offset = use.end() - name.length();
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (source.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new int[] {line, offset - lineStart + 1};
  }

  /** Every name, in lower case, the model of this type can carry. */
  static Set<String> known(String messageType) {
    return KNOWN.computeIfAbsent(messageType, TemplateVariables::learn);
  }

  private static Set<String> learn(String messageType) {
    ObjectNode sample = MessageSamples.of(messageType);
    String shipper = text(JsonFields.get(JsonFields.get(sample, "EventBody"), "Shipment"));
    MessageProperties everySetting =
        new MessageProperties(
            "company",
            "address",
            "https://storefront",
            shipper == null ? Map.of() : Map.of(shipper, "https://track/{tracking}"),
            Map.of());
    Map<String, Object> model =
        new MessageModel(MAPPER, everySetting, Clock.systemUTC()).build(sample);
    Set<String> names = new TreeSet<>();
    collect(model, names);
    return Set.copyOf(names);
  }

  private static void collect(Object value, Set<String> names) {
    if (value instanceof Map<?, ?> map) {
      map.forEach(
          (key, item) -> {
            names.add(String.valueOf(key).toLowerCase(Locale.ROOT));
            collect(item, names);
          });
    } else if (value instanceof List<?> list) {
      list.forEach(item -> collect(item, names));
    }
  }

  private static String text(JsonNode shipment) {
    JsonNode shipper = JsonFields.get(shipment, "Shipper");
    return shipper == null || !shipper.isTextual() ? null : shipper.asText();
  }
}
