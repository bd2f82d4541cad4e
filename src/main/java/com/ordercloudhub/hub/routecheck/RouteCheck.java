package com.ordercloudhub.hub.routecheck;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.ordercloudhub.hub.delivery.EventPlanner;
import com.ordercloudhub.hub.destination.email.EmailTemplates;
import com.ordercloudhub.hub.event.EventCatalogue;
import com.ordercloudhub.hub.event.MessageTypes;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * The route check: what must hold for a YAML route file before the hub uses it, as problems rather
 * than exceptions, so the build ({@link RouteCheckCommand}, the tests) and the running hub (live
 * reload refuses a file that fails) go through the same code. Each problem reads {@code path:line:
 * problem — fix}. Checked:
 *
 * <ul>
 *   <li>each file parses (snakeyaml-engine, default settings, one document: exactly as
 *       camel-yaml-dsl reads it), has no duplicate keys, and validates against the schema shipped
 *       in camel-yaml-dsl ({@code schema/camelYamlDsl.json}): unknown EIPs and options, and keys
 *       that bad indentation puts in the wrong place, are reported at their line;
 *   <li>file names are kebab-case {@code *.camel.yaml} and matched by {@code
 *       camel.main.routes-include-pattern}, or Camel never loads them;
 *   <li>every route and routeConfiguration has a kebab-case id; {@code from} and every step
 *       (through steps, when, otherwise, doCatch, doFinally, onFallback, onException) have an id;
 *       all ids are unique across files (Camel refuses duplicates);
 *   <li>a route consuming {@code direct:x} has id {@code x}; every {@code direct:} target of
 *       to/toD/wireTap has a consumer; every routeConfigurationId names a routeConfiguration;
 *   <li>no {@code uri} carries a query string (use {@code parameters});
 *   <li>every {@code {{placeholder}}} is defined, or has a default;
 *   <li>every mapping or other resource an endpoint names ({@code jsonata:file:…}, {@code
 *       sql:classpath:…}) exists, every mapping parses as JSONata, and every email template a
 *       routing decision implies (a {@code message.<type>} sent to {@code email}: {@code
 *       templates/email/<type>.*.hbs}; {@code notice}: {@code order-notice.*.hbs});
 *   <li>every bean reference names a Spring bean; no YAML {@code beans:} (wiring lives in Java);
 *   <li>every event type of the catalogue has its routing route ({@code event-<type>}) or is listed
 *       in the catch-all's {@code event-catch-all-known} decision as knowingly unrouted.
 * </ul>
 */
public final class RouteCheck {

  static final Pattern KEBAB_CASE = Pattern.compile("^[a-z][a-z0-9]*(-[a-z0-9]+)*$");

  /** kebab-case: Camel takes everything after the first dot as the extension */
  private static final Pattern ROUTE_FILE_NAME =
      Pattern.compile("^[a-z][a-z0-9]*(-[a-z0-9]+)*\\.camel\\.yaml$");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.+?)}}");

  /** Camel property functions: {@code {{env:NAME}}}, {@code {{sys:NAME}}}, … */
  private static final Pattern PROPERTY_FUNCTION =
      Pattern.compile("^(env|sys|bean|service|service\\.host|service\\.port|service\\.name):(.*)$");

  /** The only step whose schema has no {@code id}; every other step must carry one. */
  private static final Set<String> STEPS_WITHOUT_ID = Set.of("kamelet");

  private static final Set<String> SENDING_STEPS = Set.of("to", "toD", "wireTap");
  private static final Set<String> NESTED_BLOCK = Set.of("otherwise", "doFinally", "onFallback");
  private static final Set<String> NESTED_BLOCKS = Set.of("when", "doCatch");

  /** Top-level entries whose body is one EIP (error handling and interceptors outside a route). */
  private static final Set<String> TOP_LEVEL_EIPS =
      Set.of(
          "onException", "onCompletion", "intercept", "interceptFrom", "interceptSendToEndpoint");

  /** Components whose endpoint names a resource: {@code jsonata:file:mappings/x.jsonata}. */
  private static final Set<String> RESOURCE_COMPONENTS =
      Set.of(
          "jsonata",
          "sql",
          "xslt",
          "xslt-saxon",
          "velocity",
          "freemarker",
          "mustache",
          "jolt",
          "json-validator",
          "validator",
          "language");

  /** The catch-all routing route, and the decision in it that lists knowingly unrouted types. */
  public static final String CATCH_ALL = "event-catch-all";

  public static final String CATCH_ALL_KNOWN = "event-catch-all-known";

  private static final Pattern KNOWN_TYPES =
      Pattern.compile("^\\s*\\$\\{header\\.hubEventType}\\s+in\\s+'([^']*)'\\s*$");

  /** Destinations that render email templates, and the template each needs. */
  private static final String EMAIL = "email-deliver-event";

  private static final String NOTICE = "notice-deliver-event";
  private static final String NOTICE_TEMPLATE = "order-notice";
  private static final String MESSAGE_ROUTE = "event-message-";
  private static final List<String> TEMPLATE_PARTS = List.of("subject", "html", "text");

  private static final String SCHEMA_RESOURCE = "schema/camelYamlDsl.json";
  private static volatile JsonSchema camelYamlDsl;

  /**
   * What the checks compare against.
   *
   * @param settings configuration keys and route patterns
   * @param beans whether a name is a Spring bean of the hub
   * @param eventTypes every event type the hub can classify; empty: coverage is not checked
   */
  public record Inputs(CheckedSettings settings, Predicate<String> beans, Set<String> eventTypes) {}

  /** Where a problem is. */
  public record Location(Path file, int line) {
    @Override
    public String toString() {
      return file + ":" + line;
    }
  }

  /** One problem: {@code file:line: problem — fix}. */
  public record Problem(Location at, String message) {
    @Override
    public String toString() {
      return at + ": " + message;
    }
  }

  /** A name used somewhere ({@code owner} is e.g. "route 'crm-upsert-order'"). */
  private record Reference(String name, Location at, String owner, String routeId) {}

  private final Inputs inputs;
  private final List<Problem> problems = new ArrayList<>();

  // facts gathered file by file, checked across all files at the end
  private final Map<String, List<Location>> ids = new LinkedHashMap<>();
  private final Set<String> routeIds = new TreeSet<>();
  private final Set<String> routeConfigurationIds = new TreeSet<>();
  private final Set<String> directConsumers = new TreeSet<>();
  private final List<Reference> directTargets = new ArrayList<>();
  private final List<Reference> routeConfigurationRefs = new ArrayList<>();
  private final List<Reference> beanRefs = new ArrayList<>();
  private final List<Reference> placeholders = new ArrayList<>();
  private final List<Reference> resources = new ArrayList<>();
  private final Set<Path> mappingsRead = new HashSet<>();
  private final Set<Path> templatesRead = new HashSet<>();
  private Location catchAll;
  private Location knownTypesAt;
  private final Set<String> knownTypes = new LinkedHashSet<>();
  private String currentRouteId;

  private RouteCheck(Inputs inputs) {
    this.inputs = inputs;
  }

  /**
   * Checks every {@code *.camel.yaml} below {@code routesDir} (and reports other YAML files there,
   * which Camel would not load): the build's view of {@code routes/}.
   *
   * @return problems, sorted by file and line; empty when all is well
   */
  public static List<Problem> checkFolder(Path routesDir, Inputs inputs) {
    RouteCheck check = new RouteCheck(inputs);
    RouteFiles.walk(routesDir)
        .filter(p -> p.toString().matches(".*\\.ya?ml$") && !p.toString().endsWith(".camel.yaml"))
        .forEach(
            p ->
                check.problem(
                    p,
                    1,
                    "not named *.camel.yaml: Camel does not load it as a route",
                    "rename it to <name>.camel.yaml"));
    return check.run(routeFiles(routesDir));
  }

  /** Checks exactly these route files: the running hub's view (what its patterns load). */
  public static List<Problem> checkFiles(List<Path> files, Inputs inputs) {
    return new RouteCheck(inputs).run(files);
  }

  /** {@link #checkFolder} as {@code file:line: problem — fix} lines. */
  public static List<String> check(Path routesDir, Inputs inputs) {
    return checkFolder(routesDir, inputs).stream().map(Problem::toString).toList();
  }

  /** Every event type the hub can classify: the catalogue's, messages', unclassified. */
  public static Set<String> eventTypes(EventCatalogue catalogue) {
    Set<String> types = new TreeSet<>(catalogue.eventTypes());
    MessageTypes.ALL.forEach(type -> types.add(MessageTypes.eventType(type)));
    types.add(EventCatalogue.UNCLASSIFIED);
    return types;
  }

  /** Every {@code *.camel.yaml} below {@code routesDir}, sorted. */
  public static List<Path> routeFiles(Path routesDir) {
    return RouteFiles.walk(routesDir)
        .filter(p -> p.getFileName().toString().endsWith(".camel.yaml"))
        .toList();
  }

  private List<Problem> run(List<Path> files) {
    if (inputs.settings().routePatterns().isEmpty()) {
      problem(
          Path.of(inputs.settings().source()),
          1,
          "camel.main.routes-include-pattern is not set: no route file is loaded",
          "list each routes/ folder there as file:routes/<folder>/*.camel.yaml");
    }
    for (Path file : files) {
      checkFile(file);
    }
    checkAcrossFiles();
    return problems.stream()
        .sorted(
            Comparator.comparing((Problem p) -> p.at().file().toString())
                .thenComparingInt(p -> p.at().line())
                .thenComparing(Problem::message))
        .toList();
  }

  // ---------------------------------------------------------------- one file

  private void checkFile(Path file) {
    if (!ROUTE_FILE_NAME.matcher(file.getFileName().toString()).matches()) {
      problem(
          file,
          1,
          "file name is not kebab-case <name>.camel.yaml",
          "rename it, e.g. %s",
          kebab(file.getFileName().toString().replaceFirst("\\.camel\\.yaml$|\\.ya?ml$", ""))
              + ".camel.yaml");
    }
    List<String> patterns = inputs.settings().routePatterns();
    if (!patterns.isEmpty() && !RouteFiles.matchedBy(patterns, file)) {
      problem(
          file,
          1,
          "not matched by camel.main.routes-include-pattern in %s: Camel never loads it"
              .formatted(inputs.settings().source()),
          "move it into a folder the pattern lists, or add its folder to the pattern");
    }
    Node root;
    try (Reader reader = Files.newBufferedReader(file)) {
      // like camel-yaml-dsl: default settings, exactly one document
      Optional<Node> document = new Compose(LoadSettings.builder().build()).composeReader(reader);
      if (document.isEmpty()) {
        problem(file, 1, "empty file", "add a route, or delete the file");
        return;
      }
      root = document.get();
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(1);
      String context = e.getContext() == null ? "" : e.getContext() + ": ";
      problem(
          file,
          line,
          "does not parse as YAML: " + oneLine(context + e.getProblem()),
          "indent this line like its siblings (spaces only; a key's children deeper than the key)");
      return;
    } catch (YamlEngineException e) {
      problem(
          file,
          1,
          "does not parse as YAML: " + oneLine(String.valueOf(e.getMessage())),
          "fix the YAML syntax");
      return;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    validateAgainstSchema(file, root);
    if (root instanceof SequenceNode items) {
      for (Node item : items.getValue()) {
        for (NodeTuple entry : entries(item)) {
          checkTopLevel(file, key(entry), entry);
        }
      }
    }
  }

  private void validateAgainstSchema(Path file, Node root) {
    JsonNode json = toJson(file, root);
    for (ValidationMessage message : schema().validate(json)) {
      Node node = locate(root, message.getInstanceLocation(), message.getProperty());
      problem(at(file, node), "schema: " + message.getMessage(), schemaFix(message));
    }
  }

  private static String schemaFix(ValidationMessage message) {
    String property = message.getProperty();
    return switch (message.getType()) {
      case "additionalProperties" ->
          "'%s' is no EIP or option here: check its spelling and its indentation (a key one level too shallow or deep lands in the wrong place)"
              .formatted(property);
      case "required" -> "add '%s' (or indent it under this key)".formatted(property);
      case "type" -> "give it the type the Camel YAML DSL expects here";
      case "enum" -> "use one of the values the Camel YAML DSL allows here";
      default -> "write it as the Camel YAML DSL schema says (open the file in Kaoto to see)";
    };
  }

  private void checkTopLevel(Path file, String kind, NodeTuple entry) {
    Node body = entry.getValueNode();
    String id = text(body, "id");
    String owner = id == null ? kind + " without id" : kind + " '" + id + "'";
    currentRouteId = id;
    switch (kind) {
      case "route" -> {
        requireId(file, entry, "route", id);
        collectId(file, body);
        if (id != null) {
          routeIds.add(id);
          if (id.equals(CATCH_ALL)) {
            catchAll = at(file, entry.getKeyNode());
          }
        }
        Node configurations = get(body, "routeConfigurationId");
        if (configurations instanceof ScalarNode s) {
          for (String name : s.getValue().split(",")) {
            if (!name.isBlank() && !name.contains("*")) {
              routeConfigurationRefs.add(new Reference(name.trim(), at(file, s), owner, id));
            }
          }
        }
        NodeTuple from = entry(body, "from");
        if (from != null) {
          checkFrom(file, from, id, owner);
        }
      }
      case "routeConfiguration" -> {
        requireId(file, entry, "routeConfiguration", id);
        collectId(file, body);
        if (id != null) {
          routeConfigurationIds.add(id);
        }
        for (NodeTuple part : entries(body)) {
          checkSteps(file, part.getValueNode(), owner); // onException, intercept…: lists of EIPs
        }
      }
      case "from" -> {
        problem(
            at(file, entry.getKeyNode()),
            "a bare `from` gets a generated route id",
            "wrap it in `- route:` with an `id`");
        checkFrom(file, entry, null, "route without id");
      }
      case "beans" ->
          problem(
              at(file, entry.getKeyNode()),
              "`beans:` in YAML: wiring lives in Java @Configuration (STYLE.md)",
              "declare the bean in a Java @Configuration class and call it by name");
      default -> {
        if (TOP_LEVEL_EIPS.contains(kind)) {
          checkStep(file, entry.getKeyNode(), kind, body, owner);
        }
      }
    }
    scan(file, body, owner);
    currentRouteId = null;
  }

  private void requireId(Path file, NodeTuple entry, String kind, String id) {
    Location at = at(file, entry.getKeyNode());
    if (id == null) {
      problem(
          at,
          "%s has no id (ids are never generated: STYLE.md)".formatted(kind),
          "add `id: <system>-<verb>-<noun>` (a direct: route's id is its direct: name)");
      return;
    }
    if (!KEBAB_CASE.matcher(id).matches()) {
      problem(
          at,
          "%s id '%s' is not kebab-case (%s)".formatted(kind, id, KEBAB_CASE.pattern()),
          "rename it, e.g. '%s'",
          kebab(id));
    }
  }

  private void checkFrom(Path file, NodeTuple entry, String routeId, String owner) {
    Location at = at(file, entry.getKeyNode());
    Node from = entry.getValueNode();
    collectId(file, from);
    if (text(from, "id") == null) {
      problem(
          at,
          "%s: `from` has no id".formatted(owner),
          "add `id: %s-from`",
          routeId == null ? "<route-id>" : routeId);
    }
    String direct = directName(text(from, "uri"), get(from, "parameters"));
    if (direct != null) {
      directConsumers.add(direct);
      if (routeId != null && !direct.equals(routeId)) {
        problem(
            at,
            "%s consumes direct:%s: its id must be '%s' (STYLE.md)"
                .formatted(owner, direct, direct),
            "rename the route to '%s' or the endpoint to direct:%s",
            direct,
            routeId);
      }
    }
    checkSteps(file, get(from, "steps"), owner);
  }

  /** A list of single-key maps, each an EIP: {@code - bean: {...}}. */
  private void checkSteps(Path file, Node steps, String owner) {
    if (steps instanceof SequenceNode list) {
      for (Node step : list.getValue()) {
        for (NodeTuple eip : entries(step)) {
          checkStep(file, eip.getKeyNode(), key(eip), eip.getValueNode(), owner);
        }
      }
    }
  }

  private void checkStep(Path file, Node where, String eip, Node body, String owner) {
    Location at = at(file, where);
    collectId(file, body);
    boolean shorthand = body instanceof ScalarNode;
    if (text(body, "id") == null && !STEPS_WITHOUT_ID.contains(eip)) {
      String hint = shorthand ? " (shorthand form: write it as a map with `id` and `uri`)" : "";
      problem(
          at,
          "%s: step `%s` has no id%s".formatted(owner, eip, hint),
          "add `id: %s-<what-it-does>`",
          currentRouteId == null ? "<route-id>" : currentRouteId);
    }
    if (SENDING_STEPS.contains(eip)) {
      String uri = shorthand ? ((ScalarNode) body).getValue() : text(body, "uri");
      if (shorthand && uri.contains("?")) {
        queryString(at, owner, uri);
      }
      String direct = directName(uri, get(body, "parameters"));
      if (direct != null && !direct.contains("${") && !direct.contains("{{")) {
        directTargets.add(new Reference(direct, at, owner + ": `" + eip + "`", currentRouteId));
      }
    }
    if (eip.equals("bean") || eip.equals("process")) {
      String ref = shorthand ? ((ScalarNode) body).getValue() : text(body, "ref");
      if (ref != null) {
        beanRefs.add(new Reference(ref, at, owner + ": `" + eip + "` ref", currentRouteId));
      }
    }
    if (eip.equals("when") && CATCH_ALL_KNOWN.equals(text(body, "id"))) {
      knownTypes(file, body);
    }
    for (NodeTuple part : entries(body)) {
      String name = key(part);
      Node value = part.getValueNode();
      if (name.equals("steps")) {
        checkSteps(file, value, owner);
      } else if (NESTED_BLOCK.contains(name)) {
        checkStep(file, part.getKeyNode(), name, value, owner);
      } else if (NESTED_BLOCKS.contains(name) && value instanceof SequenceNode list) {
        for (Node block : list.getValue()) {
          checkStep(file, block, name, block, owner);
        }
      }
    }
  }

  /** The catch-all's list: {@code simple: "${header.hubEventType} in 'a.b,c.d'"}. */
  private void knownTypes(Path file, Node when) {
    Node simple = get(when, "simple");
    if (get(simple, "expression") != null) {
      simple = get(simple, "expression");
    }
    Matcher list =
        simple instanceof ScalarNode s
            ? KNOWN_TYPES.matcher(s.getValue())
            : KNOWN_TYPES.matcher("");
    knownTypesAt = at(file, simple == null ? when : simple);
    if (!list.matches()) {
      problem(
          knownTypesAt,
          "`when` %s does not read as a list of event types".formatted(CATCH_ALL_KNOWN),
          "write it as simple: \"${header.hubEventType} in 'type.one,type.two'\"");
      return;
    }
    Arrays.stream(list.group(1).split(","))
        .map(String::trim)
        .filter(t -> !t.isEmpty())
        .forEach(knownTypes::add);
  }

  /**
   * Everything that can sit anywhere below a route: uris with query strings or naming resources,
   * placeholders, bean method expressions ({@code method: {ref: …}}).
   */
  private void scan(Path file, Node node, String owner) {
    if (node instanceof ScalarNode scalar) {
      Matcher m = PLACEHOLDER.matcher(scalar.getValue());
      while (m.find()) {
        placeholders.add(new Reference(m.group(1), at(file, scalar), owner, currentRouteId));
      }
    } else if (node instanceof SequenceNode list) {
      list.getValue().forEach(item -> scan(file, item, owner));
    } else if (node instanceof MappingNode map) {
      for (NodeTuple entry : map.getValue()) {
        String key = key(entry);
        Node value = entry.getValueNode();
        if (key.equals("uri") && value instanceof ScalarNode uri) {
          if (uri.getValue().contains("?")) {
            queryString(at(file, uri), owner, uri.getValue());
          }
          resource(uri.getValue())
              .ifPresent(
                  r -> resources.add(new Reference(r, at(file, uri), owner, currentRouteId)));
        }
        if (key.equals("method") && text(value, "ref") != null) {
          beanRefs.add(
              new Reference(
                  text(value, "ref"), at(file, value), owner + ": `method` ref", currentRouteId));
        }
        scan(file, value, owner);
      }
    }
  }

  private void queryString(Location at, String owner, String uri) {
    problem(
        at,
        "%s: uri '%s' has a query string".formatted(owner, uri),
        "write `uri` + `parameters` (each option a key under `parameters`)");
  }

  /** {@code jsonata:file:x.jsonata} → {@code file:x.jsonata}; empty for other endpoints. */
  private static Optional<String> resource(String uri) {
    int colon = uri.indexOf(':');
    if (colon < 0 || !RESOURCE_COMPONENTS.contains(uri.substring(0, colon))) {
      return Optional.empty();
    }
    String rest = uri.substring(colon + 1);
    if (uri.startsWith("language:")) {
      int next = rest.indexOf(':');
      rest = next < 0 ? "" : rest.substring(next + 1);
    }
    rest = rest.split("\\?", 2)[0];
    boolean names = rest.startsWith("file:") || rest.startsWith("classpath:");
    return names && !rest.contains("${") ? Optional.of(rest) : Optional.empty();
  }

  private void collectId(Path file, Node body) {
    Node id = get(body, "id");
    if (id instanceof ScalarNode s) {
      ids.computeIfAbsent(s.getValue(), k -> new ArrayList<>()).add(at(file, s));
    }
  }

  // ---------------------------------------------------------------- across files

  private void checkAcrossFiles() {
    ids.forEach(
        (id, uses) -> {
          if (uses.size() > 1) {
            for (Location use : uses) {
              List<String> others =
                  uses.stream().filter(o -> o != use).map(Location::toString).toList();
              problem(
                  use,
                  "id '%s' is not unique (Camel refuses duplicate ids): also at %s"
                      .formatted(id, String.join(", ", others)),
                  "rename one of them");
            }
          }
        });
    for (Reference target : directTargets) {
      if (!directConsumers.contains(target.name())) {
        problem(
            target.at(),
            "%s sends to direct:%s, which no route consumes"
                .formatted(target.owner(), target.name()),
            "correct the name%s, or add a route with id %s consuming direct:%2$s",
            closest(target.name(), directConsumers)
                .map(c -> " (did you mean direct:" + c + "?)")
                .orElse(""),
            target.name());
      }
    }
    for (Reference ref : routeConfigurationRefs) {
      if (!routeConfigurationIds.contains(ref.name())) {
        problem(
            ref.at(),
            "%s: routeConfigurationId '%s' names no routeConfiguration"
                .formatted(ref.owner(), ref.name()),
            routeConfigurationIds.isEmpty()
                ? "correct the name, or add a routeConfiguration with that id"
                : "use one of: %s",
            String.join(", ", routeConfigurationIds));
      }
    }
    for (Reference ref : beanRefs) {
      if (!inputs.beans().test(ref.name())) {
        problem(
            ref.at(),
            "%s '%s' names no Spring bean".formatted(ref.owner(), ref.name()),
            "correct the name, or add a @Component(\"%s\") with the method",
            ref.name());
      }
    }
    for (Reference placeholder : placeholders) {
      checkPlaceholder(placeholder);
    }
    for (Reference resource : resources) {
      checkResource(resource);
    }
    for (Reference target : directTargets) {
      checkTemplates(target);
    }
    checkCatalogueCoverage();
  }

  private void checkPlaceholder(Reference placeholder) {
    String key = placeholder.name().trim().replaceFirst("^[?!]", ""); // optional, negated
    String source = inputs.settings().source();
    Matcher function = PROPERTY_FUNCTION.matcher(key);
    if (function.matches()) {
      boolean environment = function.group(1).equals("env") || function.group(1).equals("sys");
      if (environment && !function.group(2).contains(":")) {
        problem(
            placeholder.at(),
            "%s: placeholder {{%s}} reads the environment and has no default"
                .formatted(placeholder.owner(), placeholder.name()),
            "use a key of %s (which may read the variable), or write {{%s:default}}",
            source,
            placeholder.name());
      }
      return; // bean:, service: … are not configuration keys
    }
    if (key.contains(":") || inputs.settings().value(key).isPresent()) {
      return; // {{key:default}}, or defined
    }
    Set<String> profiles = inputs.settings().profilesDefining(key);
    String where =
        profiles.isEmpty() ? "not defined in" : "defined only in profile " + profiles + " of";
    problem(
        placeholder.at(),
        "%s: placeholder {{%s}} is %s %s"
            .formatted(placeholder.owner(), placeholder.name(), where, source),
        "define %s in the first document of %s (commented), or write {{%1$s:default}}",
        key,
        source);
  }

  private void checkResource(Reference reference) {
    String location = resolve(reference.name());
    if (location == null) {
      return; // an undefined placeholder: reported as such
    }
    String what = location.endsWith(".jsonata") ? "mapping" : "resource";
    if (location.startsWith("classpath:")) {
      String name = location.substring("classpath:".length()).replaceFirst("^/", "");
      if (RouteCheck.class.getClassLoader().getResource(name) == null) {
        problem(
            reference.at(),
            "%s: %s %s is not on the classpath".formatted(reference.owner(), what, location),
            "correct the name, or add src/main/resources/%s",
            name);
      }
      return;
    }
    Path file = Path.of(location.substring("file:".length()));
    if (Files.isRegularFile(file)) {
      if (location.endsWith(".jsonata")) {
        checkMapping(reference, file);
      }
    } else {
      Path folder = file.toAbsolutePath().getParent();
      String there =
          RouteFiles.walk(folder)
              .filter(p -> p.getParent().equals(folder))
              .map(p -> p.getFileName().toString())
              .collect(Collectors.joining(", "));
      problem(
          reference.at(),
          "%s: %s file %s does not exist".formatted(reference.owner(), what, file),
          "create it, or correct the name%s",
          there.isEmpty() ? "" : " (in that folder: " + there + ")");
    }
  }

  /**
   * A mapping parses as JSONata (camel-jsonata's own parser); a mapping used twice is read once.
   */
  private void checkMapping(Reference reference, Path file) {
    if (!mappingsRead.add(file.toAbsolutePath().normalize())) {
      return;
    }
    String expression;
    try {
      expression = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Jsonata.jsonata(expression);
    } catch (JException e) {
      int offset = Math.max(0, Math.min(e.getLocation(), expression.length()));
      int line = (int) expression.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
      problem(
          reference.at(),
          "%s: mapping %s:%d does not parse as JSONata: %s"
              .formatted(reference.owner(), file, line, oneLine(String.valueOf(e.getMessage()))),
          "correct the expression near line %d of %s",
          line,
          file);
    } catch (RuntimeException e) {
      problem(
          reference.at(),
          "%s: mapping %s does not parse as JSONata: %s"
              .formatted(reference.owner(), file, oneLine(String.valueOf(e.getMessage()))),
          "correct the expression in %s",
          file);
    }
  }

  /** The email templates a send to the email or notice destination implies. */
  private void checkTemplates(Reference target) {
    String template;
    if (target.name().equals(NOTICE)) {
      template = NOTICE_TEMPLATE;
    } else if (target.name().equals(EMAIL)
        && target.routeId() != null
        && target.routeId().startsWith(MESSAGE_ROUTE)) {
      template = target.routeId().substring(MESSAGE_ROUTE.length());
    } else {
      return;
    }
    Path folder =
        Path.of(inputs.settings().value("hub.mail.templates-dir").orElse("templates/email"));
    for (String part : TEMPLATE_PARTS) {
      Path file = folder.resolve(template + "." + part + ".hbs");
      if (Files.isRegularFile(file)) {
        compileTemplate(target, folder, template + "." + part, file);
        continue;
      }
      if (part.equals("html") && mandrill(folder, template)) {
        continue;
      }
      problem(
          target.at(),
          "%s sends to direct:%s, whose email needs the template %s, which does not exist"
              .formatted(target.owner(), target.name(), file),
          "add it (every email has %s.subject.hbs, .html.hbs and .text.hbs in %s)",
          template,
          folder);
    }
  }

  /** A template (with its partials) compiles as Handlebars; each file is compiled once. */
  private void compileTemplate(Reference target, Path folder, String name, Path file) {
    if (!templatesRead.add(file.toAbsolutePath().normalize())) {
      return;
    }
    try {
      EmailTemplates.compile(folder, name);
    } catch (IOException | RuntimeException e) {
      problem(
          target.at(),
          "%s sends to direct:%s, whose template %s does not compile: %s"
              .formatted(
                  target.owner(), target.name(), file, oneLine(String.valueOf(e.getMessage()))),
          "correct the Handlebars at the line named (every {{#if}}/{{#each}} closed, partials in %s/partials)",
          folder);
    }
  }

  private static boolean mandrill(Path folder, String type) {
    return RouteFiles.walk(folder)
        .anyMatch(p -> p.getFileName().toString().equalsIgnoreCase(type + ".html"));
  }

  private void checkCatalogueCoverage() {
    if (inputs.eventTypes().isEmpty()) {
      return;
    }
    Location where =
        knownTypesAt != null
            ? knownTypesAt
            : catchAll != null ? catchAll : new Location(Path.of(inputs.settings().source()), 1);
    for (String type : new TreeSet<>(inputs.eventTypes())) {
      String routeId = EventPlanner.routeIdFor(type);
      boolean routed = routeIds.contains(routeId);
      boolean known = knownTypes.contains(type);
      if (routed && known) {
        problem(
            where,
            "event type %s is listed as knowingly unrouted, but route %s routes it"
                .formatted(type, routeId),
            "remove %s from the list in `when` %s",
            type,
            CATCH_ALL_KNOWN);
      } else if (!routed && !known) {
        String file = routeId.substring("event-".length()) + ".camel.yaml";
        problem(
            where,
            "event type %s has no routing route (%s) and is not in the catch-all's list of knowingly unrouted types"
                .formatted(type, routeId),
            "add routes/events/%s with route id %s, or add %s to the list in `when` %s of %s",
            file,
            routeId,
            type,
            CATCH_ALL_KNOWN,
            CATCH_ALL);
      }
    }
    for (String type : knownTypes) {
      if (!inputs.eventTypes().contains(type)) {
        problem(
            where,
            "the catch-all lists %s, which is no event type of the catalogue".formatted(type),
            "correct the spelling%s, or remove it",
            closest(type, inputs.eventTypes()).map(c -> " (did you mean " + c + "?)").orElse(""));
      }
    }
  }

  /** {@code {{key}}} and {@code {{key:default}}} resolved; null when a key is undefined. */
  private String resolve(String text) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String[] keyAndDefault = m.group(1).trim().split(":", 2);
      Optional<String> value = inputs.settings().value(keyAndDefault[0]);
      if (value.isEmpty() && keyAndDefault.length < 2) {
        return null;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value.orElseGet(() -> keyAndDefault[1])));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The most similar name, when one is close enough to be a typo. */
  private static Optional<String> closest(String name, Set<String> names) {
    return names.stream()
        .filter(n -> distance(n, name) <= Math.max(2, name.length() / 5))
        .min(Comparator.comparingInt(n -> distance(n, name)));
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static String kebab(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2")
        .replaceAll("[^A-Za-z0-9]+", "-")
        .toLowerCase(Locale.ROOT)
        .replaceAll("^-|-$", "");
  }

  // ---------------------------------------------------------------- YAML helpers

  private static String directName(String uri, Node parameters) {
    if (uri == null) {
      return null;
    }
    if (uri.equals("direct")) {
      return text(parameters, "name");
    }
    if (!uri.startsWith("direct:")) {
      return null;
    }
    String name = uri.substring("direct:".length()).replaceFirst("^//", "");
    int query = name.indexOf('?');
    return query < 0 ? name : name.substring(0, query);
  }

  private static String key(NodeTuple entry) {
    return entry.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
  }

  private static List<NodeTuple> entries(Node node) {
    return node instanceof MappingNode map ? map.getValue() : List.of();
  }

  private static NodeTuple entry(Node node, String key) {
    for (NodeTuple entry : entries(node)) {
      if (key(entry).equals(key)) {
        return entry;
      }
    }
    return null;
  }

  private static Node get(Node node, String key) {
    NodeTuple entry = entry(node, key);
    return entry == null ? null : entry.getValueNode();
  }

  private static String text(Node node, String key) {
    return get(node, key) instanceof ScalarNode s ? s.getValue() : null;
  }

  /** The node a schema message is about; the offending key's line when the message names one. */
  private static Node locate(Node root, JsonNodePath path, String property) {
    Node node = root;
    for (int i = 0; i < path.getNameCount(); i++) {
      Object element = path.getElement(i);
      Node next =
          element instanceof Integer index
              ? (node instanceof SequenceNode list && index < list.getValue().size()
                  ? list.getValue().get(index)
                  : null)
              : get(node, String.valueOf(element));
      if (next == null) {
        break;
      }
      node = next;
    }
    NodeTuple named = property == null ? null : entry(node, property);
    return named == null ? node : named.getKeyNode();
  }

  /** YAML to JSON for the schema, typed as snakeyaml-engine resolved it; reports duplicate keys. */
  private JsonNode toJson(Path file, Node node) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    if (node instanceof MappingNode map) {
      ObjectNode object = json.objectNode();
      for (NodeTuple entry : map.getValue()) {
        String key = key(entry);
        if (object.has(key)) {
          problem(
              at(file, entry.getKeyNode()),
              "duplicate key '%s' (YAML keeps only one)".formatted(key),
              "keep one of them");
        }
        object.set(key, toJson(file, entry.getValueNode()));
      }
      return object;
    }
    if (node instanceof SequenceNode list) {
      ArrayNode array = json.arrayNode();
      list.getValue().forEach(item -> array.add(toJson(file, item)));
      return array;
    }
    ScalarNode scalar = (ScalarNode) node;
    String value = scalar.getValue();
    Tag tag = scalar.getTag();
    if (Tag.NULL.equals(tag)) {
      return json.nullNode();
    }
    if (Tag.BOOL.equals(tag)) {
      return json.booleanNode(Boolean.parseBoolean(value));
    }
    if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
      try {
        return json.numberNode(new BigDecimal(value));
      } catch (NumberFormatException e) {
        return json.textNode(value);
      }
    }
    return json.textNode(value);
  }

  private static int line(Node node) {
    return node == null ? 1 : node.getStartMark().map(Mark::getLine).orElse(0) + 1;
  }

  private static Location at(Path file, Node node) {
    return new Location(file, line(node));
  }

  private void problem(Path file, int line, String problem, String fix, Object... args) {
    problem(new Location(file, line), problem, fix, args);
  }

  /** One problem: what is wrong, then the fix ({@code fix} is formatted with {@code args}). */
  private void problem(Location at, String problem, String fix, Object... args) {
    problems.add(new Problem(at, problem + " — " + fix.formatted(args)));
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s+", " ").trim();
  }

  /** The schema, built on first use (it is 800 kB) and shared by every check. */
  private static JsonSchema schema() {
    JsonSchema schema = camelYamlDsl;
    if (schema == null) {
      synchronized (RouteCheck.class) {
        if (camelYamlDsl == null) {
          camelYamlDsl = loadSchema();
        }
        schema = camelYamlDsl;
      }
    }
    return schema;
  }

  private static JsonSchema loadSchema() {
    if (RouteCheck.class.getClassLoader().getResource(SCHEMA_RESOURCE) == null) {
      throw new IllegalStateException(
          SCHEMA_RESOURCE
              + " is not on the classpath: it ships in org.apache.camel:camel-yaml-dsl");
    }
    // lazy: build validators for the parts of the (800 kB) schema a route file reaches, not all
    // messages point into the file as $[0].route.from.steps[2]
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().preloadJsonSchema(false).pathType(PathType.LEGACY).build();
    // the schema marks options `deprecated`: an annotation, not a rule (and not worth a warning)
    JsonMetaSchema metaSchema =
        JsonMetaSchema.builder(JsonMetaSchema.getV4())
            .keyword(new NonValidationKeyword("deprecated"))
            .build();
    return JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V4, builder -> builder.metaSchema(metaSchema))
        .getSchema(SchemaLocation.of("classpath:" + SCHEMA_RESOURCE), config);
  }
}
