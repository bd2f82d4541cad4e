package com.ordercloudhub.hub.routecheck;

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
import com.ordercloudhub.hub.check.CheckContext;
import com.ordercloudhub.hub.check.Location;
import com.ordercloudhub.hub.check.Problem;
import com.ordercloudhub.hub.check.RouteFile;
import com.ordercloudhub.hub.check.RouteModel;
import com.ordercloudhub.hub.check.RouteRule;
import com.ordercloudhub.hub.check.YamlNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Each file parses (as camel-yaml-dsl reads it: one document), has no duplicate keys, and validates
 * against the schema shipped in camel-yaml-dsl ({@code schema/camelYamlDsl.json}): unknown EIPs and
 * options, and keys that bad indentation puts in the wrong place, are reported at their line.
 */
final class SchemaRule implements RouteRule {

  private static final String SCHEMA_RESOURCE = "schema/camelYamlDsl.json";
  private static volatile JsonSchema camelYamlDsl;

  @Override
  public List<Problem> check(RouteModel model, CheckContext context) {
    List<Problem> problems = new ArrayList<>();
    for (RouteFile file : model.files()) {
      file.unreadable()
          .ifPresent(
              why ->
                  problems.add(
                      Problem.at(
                          why.at(),
                          "does not parse as YAML: " + why.reason(),
                          why.marked()
                              ? "indent this line like its siblings (spaces only; a key's children deeper than the key)"
                              : "fix the YAML syntax")));
      if (file.unreadable().isEmpty() && file.yaml().isEmpty()) {
        problems.add(
            Problem.at(
                Location.start(file.path()), "empty file", "add a route, or delete the file"));
      }
      file.yaml().ifPresent(root -> validate(root, problems));
    }
    return problems;
  }

  private static void validate(YamlNode root, List<Problem> problems) {
    JsonNode json = toJson(root, problems);
    for (ValidationMessage message : schema().validate(json)) {
      YamlNode.Entry named = null;
      YamlNode node = locate(root, message.getInstanceLocation());
      if (message.getProperty() != null) {
        named = node.entry(message.getProperty());
      }
      Location at = named == null ? node.at() : named.keyAt();
      problems.add(Problem.at(at, "schema: " + message.getMessage(), fix(message)));
    }
  }

  private static String fix(ValidationMessage message) {
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

  /** The node a schema message is about: as deep along its path as the file goes. */
  private static YamlNode locate(YamlNode root, JsonNodePath path) {
    YamlNode node = root;
    for (int i = 0; i < path.getNameCount(); i++) {
      Object element = path.getElement(i);
      YamlNode next =
          element instanceof Integer index
              ? (node instanceof YamlNode.Sequence list && index < list.items().size()
                  ? list.items().get(index)
                  : null)
              : node.get(String.valueOf(element));
      if (next == null) {
        break;
      }
      node = next;
    }
    return node;
  }

  /** YAML to JSON for the schema, typed as snakeyaml-engine resolved it; reports duplicate keys. */
  private static JsonNode toJson(YamlNode node, List<Problem> problems) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    if (node instanceof YamlNode.Mapping map) {
      ObjectNode object = json.objectNode();
      for (YamlNode.Entry entry : map.entries()) {
        String key = entry.key();
        if (object.has(key)) {
          problems.add(
              Problem.at(
                  entry.keyAt(),
                  "duplicate key '%s' (YAML keeps only one)".formatted(key),
                  "keep one of them"));
        }
        object.set(key, toJson(entry.value(), problems));
      }
      return object;
    }
    if (node instanceof YamlNode.Sequence list) {
      ArrayNode array = json.arrayNode();
      list.items().forEach(item -> array.add(toJson(item, problems)));
      return array;
    }
    YamlNode.Scalar scalar = (YamlNode.Scalar) node;
    return switch (scalar.type()) {
      case NULL -> json.nullNode();
      case BOOL -> json.booleanNode(Boolean.parseBoolean(scalar.value()));
      case NUMBER -> {
        try {
          yield json.numberNode(new BigDecimal(scalar.value()));
        } catch (NumberFormatException e) {
          yield json.textNode(scalar.value());
        }
      }
      case TEXT -> json.textNode(scalar.value());
    };
  }

  /** The schema, built on first use (it is 800 kB) and shared by every check. */
  private static JsonSchema schema() {
    JsonSchema schema = camelYamlDsl;
    if (schema == null) {
      synchronized (SchemaRule.class) {
        if (camelYamlDsl == null) {
          camelYamlDsl = loadSchema();
        }
        schema = camelYamlDsl;
      }
    }
    return schema;
  }

  private static JsonSchema loadSchema() {
    if (SchemaRule.class.getClassLoader().getResource(SCHEMA_RESOURCE) == null) {
      throw new IllegalStateException(
          SCHEMA_RESOURCE
              + " is not on the classpath: it ships in org.apache.camel:camel-yaml-dsl");
    }
    // lazy: build validators for the parts of the (800 kB) schema a route file reaches, not all;
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
