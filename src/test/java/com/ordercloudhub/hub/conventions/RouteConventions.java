package com.ordercloudhub.hub.conventions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * The house conventions for YAML routes (STYLE.md), as a checker that returns problems rather than
 * throwing, so the real {@code routes/} and deliberately broken fixtures go through the same code.
 * Each problem reads {@code path:line: message}. Checked:
 *
 * <ul>
 *   <li>each file parses (snakeyaml-engine, default settings, one document: exactly as
 *       camel-yaml-dsl reads it at start-up), has no duplicate keys, and validates against the
 *       schema shipped in camel-yaml-dsl ({@code schema/camelYamlDsl.json});
 *   <li>file names are kebab-case {@code *.camel.yaml} and matched by {@code
 *       camel.main.routes-include-pattern}, or Camel never loads them;
 *   <li>every route and routeConfiguration has a kebab-case id; {@code from} and every step
 *       (through steps, when, otherwise, doCatch, doFinally, onFallback, onException) have an id;
 *       all ids are unique across files (Camel refuses duplicates);
 *   <li>a route consuming {@code direct:x} has id {@code x}; every {@code direct:} target of
 *       to/toD/wireTap has a consumer; every routeConfigurationId names a routeConfiguration;
 *   <li>no {@code uri} carries a query string (use {@code parameters});
 *   <li>every {@code {{placeholder}}} is a key of application.yaml outside any profile, or has a
 *       default;
 *   <li>every bean reference ({@code bean}/{@code process} ref, {@code method: {ref}}) names a
 *       Spring bean found in the Java sources; no YAML {@code beans:} (wiring lives in Java).
 * </ul>
 */
final class RouteConventions {

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

  private static final String QUERY_STRING =
      "%s: uri '%s' has a query string: write `uri` + `parameters`";

  private static final String SCHEMA_RESOURCE = "schema/camelYamlDsl.json";
  private static final JsonSchema CAMEL_YAML_DSL = loadSchema();

  private final Path routesDir;
  private final Path applicationYaml;
  private final List<Problem> problems = new ArrayList<>();

  // facts gathered file by file, checked across all files at the end
  private final Map<String, List<Location>> ids = new LinkedHashMap<>();
  private final Set<String> routeConfigurationIds = new TreeSet<>();
  private final Set<String> directConsumers = new TreeSet<>();
  private final List<Reference> directTargets = new ArrayList<>();
  private final List<Reference> routeConfigurationRefs = new ArrayList<>();
  private final List<Reference> beanRefs = new ArrayList<>();
  private final List<Reference> placeholders = new ArrayList<>();

  record Location(Path file, int line) {
    @Override
    public String toString() {
      return file + ":" + line;
    }
  }

  record Problem(Location at, String message) {
    @Override
    public String toString() {
      return at + ": " + message;
    }
  }

  /** A name used somewhere ({@code owner} is e.g. "route 'crm-upsert-order'"). */
  private record Reference(String name, Location at, String owner) {}

  /** What the checks need from application.yaml. */
  private record Settings(
      Set<String> defaultKeys, Map<String, Set<String>> profileKeys, List<String> routePatterns) {}

  private RouteConventions(Path routesDir, Path applicationYaml) {
    this.routesDir = routesDir;
    this.applicationYaml = applicationYaml;
  }

  /**
   * Checks every {@code *.camel.yaml} below {@code routesDir} against the Camel YAML DSL schema and
   * the house conventions; placeholders are looked up in {@code applicationYaml}, bean references
   * in the Spring components and {@code @Bean} methods under {@code javaSources}.
   *
   * @return problems, each starting with the file (and line) it is about; empty when all is well
   */
  static List<String> check(Path routesDir, Path applicationYaml, Path javaSources) {
    return new RouteConventions(routesDir, applicationYaml)
        .run(javaSources).stream()
            .sorted(
                Comparator.comparing((Problem p) -> p.at().file().toString())
                    .thenComparingInt(p -> p.at().line()))
            .map(Problem::toString)
            .toList();
  }

  /** Every {@code *.camel.yaml} below {@code routesDir}, sorted. */
  static List<Path> routeFiles(Path routesDir) {
    return walk(routesDir).filter(p -> p.getFileName().toString().endsWith(".camel.yaml")).toList();
  }

  private List<Problem> run(Path javaSources) {
    Settings settings = readSettings();
    Set<String> beans = springBeanNames(javaSources);
    walk(routesDir)
        .filter(p -> p.toString().matches(".*\\.ya?ml$") && !p.toString().endsWith(".camel.yaml"))
        .forEach(p -> problem(p, 1, "not named *.camel.yaml: Camel does not load it as a route"));
    for (Path file : routeFiles(routesDir)) {
      checkFile(file, settings);
    }
    checkAcrossFiles(settings, beans);
    return problems;
  }

  // ---------------------------------------------------------------- one file

  private void checkFile(Path file, Settings settings) {
    if (!ROUTE_FILE_NAME.matcher(file.getFileName().toString()).matches()) {
      problem(file, 1, "file name is not kebab-case <name>.camel.yaml");
    }
    if (!settings.routePatterns().isEmpty() && !loadedBy(settings.routePatterns(), file)) {
      problem(
          file,
          1,
          "not matched by camel.main.routes-include-pattern in %s: Camel never loads it",
          applicationYaml);
    }
    Node root;
    try (Reader reader = Files.newBufferedReader(file)) {
      // like camel-yaml-dsl: default settings, exactly one document
      Optional<Node> document = new Compose(LoadSettings.builder().build()).composeReader(reader);
      if (document.isEmpty()) {
        problem(file, 1, "empty file");
        return;
      }
      root = document.get();
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(1);
      String context = e.getContext() == null ? "" : e.getContext() + ": ";
      problem(file, line, "does not parse as YAML: %s", oneLine(context + e.getProblem()));
      return;
    } catch (YamlEngineException e) {
      problem(file, 1, "does not parse as YAML: %s", oneLine(e.getMessage()));
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
    for (ValidationMessage message : CAMEL_YAML_DSL.validate(json)) {
      Node node = locate(root, message.getInstanceLocation(), message.getProperty());
      problem(at(file, node), "schema: %s", message.getMessage());
    }
  }

  private void checkTopLevel(Path file, String kind, NodeTuple entry) {
    Node body = entry.getValueNode();
    String id = text(body, "id");
    String owner = id == null ? kind + " without id" : kind + " '" + id + "'";
    switch (kind) {
      case "route" -> {
        requireId(file, entry, "route", id);
        collectId(file, body);
        Node configurations = get(body, "routeConfigurationId");
        if (configurations instanceof ScalarNode s) {
          for (String name : s.getValue().split(",")) {
            if (!name.isBlank() && !name.contains("*")) {
              routeConfigurationRefs.add(new Reference(name.trim(), at(file, s), owner));
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
            "a bare `from` gets a generated route id: wrap it in `route:` with an `id`");
        checkFrom(file, entry, null, "route without id");
      }
      case "beans" ->
          problem(
              at(file, entry.getKeyNode()),
              "`beans:` in YAML: wiring lives in Java @Configuration (STYLE.md)");
      default -> {
        if (TOP_LEVEL_EIPS.contains(kind)) {
          checkStep(file, entry.getKeyNode(), kind, body, owner);
        }
      }
    }
    scan(file, body, owner);
  }

  private void requireId(Path file, NodeTuple entry, String kind, String id) {
    Location at = at(file, entry.getKeyNode());
    if (id == null) {
      problem(at, "%s has no id (ids are never generated: STYLE.md)", kind);
      return;
    }
    if (!KEBAB_CASE.matcher(id).matches()) {
      problem(at, "%s id '%s' is not kebab-case (%s)", kind, id, KEBAB_CASE.pattern());
    }
  }

  private void checkFrom(Path file, NodeTuple entry, String routeId, String owner) {
    Location at = at(file, entry.getKeyNode());
    Node from = entry.getValueNode();
    collectId(file, from);
    if (text(from, "id") == null) {
      problem(at, "%s: `from` has no id", owner);
    }
    String direct = directName(text(from, "uri"), get(from, "parameters"));
    if (direct != null) {
      directConsumers.add(direct);
      if (routeId != null && !direct.equals(routeId)) {
        problem(at, "%s consumes direct:%s: its id must be '%s' (STYLE.md)", owner, direct, direct);
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
      problem(at, "%s: step `%s` has no id%s", owner, eip, hint);
    }
    if (SENDING_STEPS.contains(eip)) {
      String uri = shorthand ? ((ScalarNode) body).getValue() : text(body, "uri");
      if (shorthand && uri.contains("?")) {
        problem(at, QUERY_STRING, owner, uri);
      }
      String direct = directName(uri, get(body, "parameters"));
      if (direct != null && !direct.contains("${") && !direct.contains("{{")) {
        directTargets.add(new Reference(direct, at, owner + ": `" + eip + "`"));
      }
    }
    if (eip.equals("bean") || eip.equals("process")) {
      String ref = shorthand ? ((ScalarNode) body).getValue() : text(body, "ref");
      if (ref != null) {
        beanRefs.add(new Reference(ref, at, owner + ": `" + eip + "` ref"));
      }
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

  /**
   * Everything that can sit anywhere below a route: uris with query strings, placeholders, bean
   * method expressions ({@code method: {ref: …}}).
   */
  private void scan(Path file, Node node, String owner) {
    if (node instanceof ScalarNode scalar) {
      Matcher m = PLACEHOLDER.matcher(scalar.getValue());
      while (m.find()) {
        placeholders.add(new Reference(m.group(1), at(file, scalar), owner));
      }
    } else if (node instanceof SequenceNode list) {
      list.getValue().forEach(item -> scan(file, item, owner));
    } else if (node instanceof MappingNode map) {
      for (NodeTuple entry : map.getValue()) {
        String key = key(entry);
        Node value = entry.getValueNode();
        if (key.equals("uri") && value instanceof ScalarNode uri && uri.getValue().contains("?")) {
          problem(at(file, uri), QUERY_STRING, owner, uri.getValue());
        }
        if (key.equals("method") && text(value, "ref") != null) {
          beanRefs.add(
              new Reference(text(value, "ref"), at(file, value), owner + ": `method` ref"));
        }
        scan(file, value, owner);
      }
    }
  }

  private void collectId(Path file, Node body) {
    Node id = get(body, "id");
    if (id instanceof ScalarNode s) {
      ids.computeIfAbsent(s.getValue(), k -> new ArrayList<>()).add(at(file, s));
    }
  }

  // ---------------------------------------------------------------- across files

  private void checkAcrossFiles(Settings settings, Set<String> beans) {
    ids.forEach(
        (id, uses) -> {
          if (uses.size() > 1) {
            for (Location use : uses) {
              List<String> others =
                  uses.stream().filter(o -> o != use).map(Location::toString).toList();
              problem(
                  use,
                  "id '%s' is not unique (Camel refuses duplicate ids): also at %s",
                  id,
                  String.join(", ", others));
            }
          }
        });
    for (Reference target : directTargets) {
      if (!directConsumers.contains(target.name())) {
        problem(
            target.at(),
            "%s sends to direct:%s, which no route consumes (no `from.uri: direct:%2$s`)",
            target.owner(),
            target.name());
      }
    }
    for (Reference ref : routeConfigurationRefs) {
      if (!routeConfigurationIds.contains(ref.name())) {
        problem(
            ref.at(),
            "%s: routeConfigurationId '%s' names no routeConfiguration",
            ref.owner(),
            ref.name());
      }
    }
    for (Reference ref : beanRefs) {
      if (!beans.contains(ref.name())) {
        problem(
            ref.at(),
            "%s '%s' names no Spring bean (known: %s)",
            ref.owner(),
            ref.name(),
            String.join(", ", beans));
      }
    }
    for (Reference placeholder : placeholders) {
      checkPlaceholder(placeholder, settings);
    }
  }

  private void checkPlaceholder(Reference placeholder, Settings settings) {
    String key = placeholder.name().trim().replaceFirst("^[?!]", ""); // optional, negated
    Matcher function = PROPERTY_FUNCTION.matcher(key);
    if (function.matches()) {
      boolean environment = function.group(1).equals("env") || function.group(1).equals("sys");
      if (environment && !function.group(2).contains(":")) {
        problem(
            placeholder.at(),
            "%s: placeholder {{%s}} reads the environment and has no default: use a key of %s",
            placeholder.owner(),
            placeholder.name(),
            applicationYaml);
      }
      return; // bean:, service: … are not configuration keys
    }
    if (key.contains(":") || settings.defaultKeys().contains(key)) {
      return; // {{key:default}}, or defined
    }
    Set<String> profiles = settings.profileKeys().get(key);
    String where =
        profiles == null ? "not defined in" : "defined only in profile " + profiles + " of";
    problem(
        placeholder.at(),
        "%s: placeholder {{%s}} is %s %s: define it in the first document or write {{%2$s:default}}",
        placeholder.owner(),
        placeholder.name(),
        where,
        applicationYaml);
  }

  // ---------------------------------------------------------------- application.yaml, Java beans

  private Settings readSettings() {
    Set<String> defaults = new TreeSet<>();
    Map<String, Set<String>> profiles = new TreeMap<>();
    List<String> patterns = new ArrayList<>();
    List<PropertySource<?>> documents;
    try {
      documents =
          new YamlPropertySourceLoader()
              .load(applicationYaml.toString(), new FileSystemResource(applicationYaml));
    } catch (IOException | RuntimeException e) {
      problem(applicationYaml, 1, "cannot be read: %s", oneLine(String.valueOf(e.getMessage())));
      return new Settings(defaults, profiles, patterns);
    }
    for (PropertySource<?> document : documents) {
      EnumerablePropertySource<?> keys = (EnumerablePropertySource<?>) document;
      Object profile = keys.getProperty("spring.config.activate.on-profile");
      Object platform = keys.getProperty("spring.config.activate.on-cloud-platform");
      for (String key : keys.getPropertyNames()) {
        if (profile == null && platform == null) {
          defaults.add(key);
        } else {
          profiles
              .computeIfAbsent(key, k -> new TreeSet<>())
              .add(String.valueOf(profile != null ? profile : platform));
        }
      }
      Object include = keys.getProperty("camel.main.routes-include-pattern");
      if (include != null && profile == null && platform == null) {
        Arrays.stream(include.toString().split(",")).map(String::trim).forEach(patterns::add);
      }
    }
    if (patterns.isEmpty()) {
      problem(
          applicationYaml,
          1,
          "camel.main.routes-include-pattern is not set: no file under %s is loaded",
          routesDir);
    }
    return new Settings(defaults, profiles, patterns);
  }

  private static boolean loadedBy(List<String> patterns, Path file) {
    Path relative = Path.of("").toAbsolutePath().relativize(file.toAbsolutePath()).normalize();
    return patterns.stream()
        .filter(p -> p.startsWith("file:"))
        .map(p -> p.substring("file:".length()).replaceFirst("^\\./", ""))
        .anyMatch(
            glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob).matches(relative));
  }

  private static final String STEREOTYPE =
      "@(?:Component|Service|Repository|Controller|RestController|ControllerAdvice"
          + "|RestControllerAdvice|Configuration)\\b";
  private static final Pattern NAMED_COMPONENT =
      Pattern.compile(STEREOTYPE + "\\(\\s*(?:value\\s*=\\s*)?\"([^\"]+)\"\\s*\\)");

  /** A stereotype without a name, then its class: Spring names the bean after the class. */
  private static final Pattern UNNAMED_COMPONENT =
      Pattern.compile(
          STEREOTYPE
              + "(?!\\s*\\(\\s*(?:value\\s*=\\s*)?\")(?:\\s*\\([^)]*\\))?[^;{]*?"
              + "\\b(?:class|record)\\s+(\\w+)");

  private static final Pattern BEAN_METHOD = Pattern.compile("@Bean\\b(?:\\s*\\(([^)]*)\\))?");
  private static final Pattern BEAN_NAME_ATTRIBUTE =
      Pattern.compile(
          "^\\s*(\\{[^}]*}|\"[^\"]*\")|\\b(?:name|value)\\s*=\\s*(\\{[^}]*}|\"[^\"]*\")");
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");
  private static final Pattern LEADING_ANNOTATIONS =
      Pattern.compile("^(\\s*@[\\w.]+(\\s*\\([^)]*\\))?)*");
  private static final Pattern METHOD_NAME = Pattern.compile("^[^(=;{]*?(\\w+)\\s*\\(");

  /**
   * Bean names Spring gives the classes and methods under {@code javaSources}:
   * {@code @Component("name")} (or the decapitalised class name),
   * {@code @Bean("name")}/{@code @Bean(name = …)} (or the method name). A regex scan, not Spring
   * itself: good enough for route references.
   */
  static Set<String> springBeanNames(Path javaSources) {
    Set<String> names = new TreeSet<>();
    walk(javaSources)
        .filter(p -> p.toString().endsWith(".java"))
        .forEach(
            source -> {
              String code = read(source);
              NAMED_COMPONENT.matcher(code).results().forEach(m -> names.add(m.group(1)));
              UNNAMED_COMPONENT
                  .matcher(code)
                  .results()
                  .forEach(m -> names.add(decapitalize(m.group(1))));
              Matcher bean = BEAN_METHOD.matcher(code);
              while (bean.find()) {
                String attributes = bean.group(1) == null ? "" : bean.group(1);
                Matcher named = BEAN_NAME_ATTRIBUTE.matcher(attributes);
                if (named.find()) {
                  String list = named.group(1) != null ? named.group(1) : named.group(2);
                  QUOTED.matcher(list).results().forEach(q -> names.add(q.group(1)));
                } else {
                  String rest = code.substring(bean.end());
                  Matcher annotations = LEADING_ANNOTATIONS.matcher(rest);
                  if (annotations.lookingAt()) {
                    rest = rest.substring(annotations.end());
                  }
                  Matcher method = METHOD_NAME.matcher(rest);
                  if (method.find()) {
                    names.add(method.group(1));
                  }
                }
              }
            });
    return names;
  }

  private static String decapitalize(String name) {
    // java.beans.Introspector's rule, which Spring follows: "URLFoo" stays, "FooBar" -> "fooBar"
    if (name.length() > 1 && Character.isUpperCase(name.charAt(1))) {
      return name;
    }
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
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
          problem(at(file, entry.getKeyNode()), "duplicate key '%s'", key);
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

  private void problem(Path file, int line, String format, Object... args) {
    problem(new Location(file, line), format, args);
  }

  private void problem(Location at, String format, Object... args) {
    problems.add(new Problem(at, format.formatted(args)));
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s+", " ").trim();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Stream<Path> walk(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Stream.empty();
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths.filter(Files::isRegularFile).sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonSchema loadSchema() {
    if (RouteConventions.class.getClassLoader().getResource(SCHEMA_RESOURCE) == null) {
      throw new IllegalStateException(
          SCHEMA_RESOURCE
              + " is not on the classpath: it ships in org.apache.camel:camel-yaml-dsl");
    }
    // lazy: build validators for the parts of the (800 kB) schema a route file reaches, not all
    // messages point into the file as $[0].route.from.steps[2]
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().preloadJsonSchema(false).pathType(PathType.LEGACY).build();
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
        .getSchema(SchemaLocation.of("classpath:" + SCHEMA_RESOURCE), config);
  }
}
