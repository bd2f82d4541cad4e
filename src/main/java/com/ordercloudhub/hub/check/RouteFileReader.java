package com.ordercloudhub.hub.check;

import com.ordercloudhub.hub.check.YamlNode.Entry;
import com.ordercloudhub.hub.check.YamlNode.Mapping;
import com.ordercloudhub.hub.check.YamlNode.Scalar;
import com.ordercloudhub.hub.check.YamlNode.Sequence;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * Reads one route file into its model: the YAML exactly as camel-yaml-dsl parses it (default
 * settings, one document), then its top-level elements with their steps, ids and the names they
 * use. One reader per file.
 */
final class RouteFileReader {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.+?)}}");

  /**
   * Blocks of a step that are steps themselves: one ({@code otherwise}) or a list ({@code when}).
   */
  private static final Set<String> NESTED_BLOCK = Set.of("otherwise", "doFinally", "onFallback");

  private static final Set<String> NESTED_BLOCKS = Set.of("when", "doCatch");

  /** Top-level entries whose body is one EIP (error handling and interceptors outside a route). */
  private static final Set<String> TOP_LEVEL_EIPS =
      Set.of(
          "onException", "onCompletion", "intercept", "interceptFrom", "interceptSendToEndpoint");

  private final Path file;

  // what the element being read holds
  private List<Step> steps;
  private List<Id> ids;
  private List<Reference> placeholders;
  private List<Reference> uris;
  private List<Reference> beans;

  private RouteFileReader(Path file) {
    this.file = file;
  }

  static RouteFile read(Path file) {
    Node root;
    try (Reader reader = Files.newBufferedReader(file)) {
      Optional<Node> document = new Compose(LoadSettings.builder().build()).composeReader(reader);
      if (document.isEmpty()) {
        return new RouteFile(file, Optional.empty(), Optional.empty(), List.of());
      }
      root = document.get();
    } catch (MarkedYamlEngineException e) {
      Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
      Location at =
          new Location(
              file,
              mark.map(m -> m.getLine() + 1).orElse(1),
              mark.map(m -> m.getColumn() + 1).orElse(1));
      String context = e.getContext() == null ? "" : e.getContext() + ": ";
      return unreadable(file, at, Problem.oneLine(context + e.getProblem()), true);
    } catch (YamlEngineException e) {
      return unreadable(
          file, Location.start(file), Problem.oneLine(String.valueOf(e.getMessage())), false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RouteFileReader reader = new RouteFileReader(file);
    YamlNode yaml = reader.convert(root);
    List<RouteElement> elements = new ArrayList<>();
    if (yaml instanceof Sequence items) {
      for (YamlNode item : items.items()) {
        for (Entry entry : item.entries()) {
          elements.add(reader.element(entry));
        }
      }
    }
    return new RouteFile(file, Optional.of(yaml), Optional.empty(), elements);
  }

  private static RouteFile unreadable(Path file, Location at, String reason, boolean marked) {
    return new RouteFile(
        file,
        Optional.empty(),
        Optional.of(new RouteFile.Unreadable(at, reason, marked)),
        List.of());
  }

  private RouteElement element(Entry entry) {
    steps = new ArrayList<>();
    ids = new ArrayList<>();
    placeholders = new ArrayList<>();
    uris = new ArrayList<>();
    beans = new ArrayList<>();
    String kind = entry.key();
    YamlNode body = entry.value();
    String id = body.text("id");
    String owner = RouteElement.owner(kind, id);
    From from = null;
    List<Reference> configurations = new ArrayList<>();
    switch (kind) {
      case "route" -> {
        collectId(body);
        if (body.get("routeConfigurationId") instanceof Scalar s) {
          for (String name : s.value().split(",")) {
            if (!name.isBlank() && !name.contains("*")) {
              configurations.add(new Reference(name.trim(), s.at(), owner, id));
            }
          }
        }
        Entry fromEntry = body.entry("from");
        if (fromEntry != null) {
          from = from(fromEntry, id, owner, id);
        }
      }
      case "routeConfiguration" -> {
        collectId(body);
        for (Entry part : body.entries()) {
          steps(part.value(), owner, id); // onException, intercept…: lists of EIPs
        }
      }
      // a bare from has no route: its steps are the (missing) route's
      case "from" -> from = from(entry, null, "route without id", id);
      default -> {
        if (TOP_LEVEL_EIPS.contains(kind)) {
          step(entry.keyAt(), kind, body, owner, id);
        }
      }
    }
    scan(body, owner, id);
    return new RouteElement(
        kind,
        id,
        entry.keyAt(),
        body,
        Optional.ofNullable(from),
        steps,
        configurations,
        ids,
        placeholders,
        uris,
        beans);
  }

  private From from(Entry entry, String routeId, String owner, String elementId) {
    YamlNode body = entry.value();
    collectId(body);
    From from = new From(body.text("id"), entry.keyAt(), body, owner, routeId);
    steps(body.get("steps"), owner, elementId);
    return from;
  }

  /** A list of single-key maps, each an EIP: {@code - bean: {...}}. */
  private void steps(YamlNode list, String owner, String routeId) {
    if (list instanceof Sequence sequence) {
      for (YamlNode item : sequence.items()) {
        for (Entry eip : item.entries()) {
          step(eip.keyAt(), eip.key(), eip.value(), owner, routeId);
        }
      }
    }
  }

  private void step(Location at, String eip, YamlNode body, String owner, String routeId) {
    collectId(body);
    Step step = new Step(eip, body.text("id"), at, body, owner, routeId);
    steps.add(step);
    if ((eip.equals("bean") || eip.equals("process")) && step.ref() != null) {
      beans.add(new Reference(step.ref(), at, owner + ": `" + eip + "` ref", routeId));
    }
    for (Entry part : body.entries()) {
      String name = part.key();
      YamlNode value = part.value();
      if (name.equals("steps")) {
        steps(value, owner, routeId);
      } else if (NESTED_BLOCK.contains(name)) {
        step(part.keyAt(), name, value, owner, routeId);
      } else if (NESTED_BLOCKS.contains(name) && value instanceof Sequence blocks) {
        for (YamlNode block : blocks.items()) {
          step(block.at(), name, block, owner, routeId);
        }
      }
    }
  }

  /** What can sit anywhere below an element: placeholders, uris, bean method expressions. */
  private void scan(YamlNode node, String owner, String routeId) {
    if (node instanceof Scalar scalar) {
      Matcher m = PLACEHOLDER.matcher(scalar.value());
      while (m.find()) {
        placeholders.add(new Reference(m.group(1), scalar.at(), owner, routeId));
      }
    } else if (node instanceof Sequence list) {
      list.items().forEach(item -> scan(item, owner, routeId));
    } else {
      for (Entry entry : node.entries()) {
        YamlNode value = entry.value();
        if (entry.key().equals("uri") && value instanceof Scalar uri) {
          uris.add(new Reference(uri.value(), uri.at(), owner, routeId));
        }
        if (entry.key().equals("method") && value.text("ref") != null) {
          beans.add(
              new Reference(value.text("ref"), value.at(), owner + ": `method` ref", routeId));
        }
        scan(value, owner, routeId);
      }
    }
  }

  private void collectId(YamlNode body) {
    if (body.get("id") instanceof Scalar id) {
      ids.add(new Id(id.value(), id.at()));
    }
  }

  // ---------------------------------------------------------------- snakeyaml to the model

  private YamlNode convert(Node node) {
    Location at = at(node);
    if (node instanceof MappingNode map) {
      List<Entry> entries = new ArrayList<>();
      for (NodeTuple tuple : map.getValue()) {
        String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
        entries.add(new Entry(key, at(tuple.getKeyNode()), convert(tuple.getValueNode())));
      }
      return new Mapping(entries, at);
    }
    if (node instanceof SequenceNode list) {
      return new Sequence(list.getValue().stream().map(this::convert).toList(), at);
    }
    ScalarNode scalar = (ScalarNode) node;
    Tag tag = scalar.getTag();
    YamlNode.Type type =
        Tag.NULL.equals(tag)
            ? YamlNode.Type.NULL
            : Tag.BOOL.equals(tag)
                ? YamlNode.Type.BOOL
                : Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)
                    ? YamlNode.Type.NUMBER
                    : YamlNode.Type.TEXT;
    return new Scalar(scalar.getValue(), type, at);
  }

  private Location at(Node node) {
    Optional<Mark> mark = node.getStartMark();
    return new Location(
        file, mark.map(Mark::getLine).orElse(0) + 1, mark.map(Mark::getColumn).orElse(0) + 1);
  }
}
