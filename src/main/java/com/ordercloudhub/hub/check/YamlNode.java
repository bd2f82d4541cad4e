package com.ordercloudhub.hub.check;

import java.util.List;

/**
 * A route file's YAML as snakeyaml-engine composed it (the parser camel-yaml-dsl uses), immutable
 * and with the location of every node. A mapping keeps every entry, duplicates included, in file
 * order; a key that is not a scalar reads as {@code ""}.
 */
public sealed interface YamlNode {

  Location at();

  /** The entries of a mapping; empty for anything else. */
  default List<Entry> entries() {
    return List.of();
  }

  /** The first entry with this key, or null. */
  default Entry entry(String key) {
    for (Entry entry : entries()) {
      if (entry.key().equals(key)) {
        return entry;
      }
    }
    return null;
  }

  /** The value of the first entry with this key, or null. */
  default YamlNode get(String key) {
    Entry entry = entry(key);
    return entry == null ? null : entry.value();
  }

  /** The scalar value of the first entry with this key ({@code ""} when empty), or null. */
  default String text(String key) {
    return get(key) instanceof Scalar s ? s.value() : null;
  }

  /** How YAML typed a scalar (the schema compares types). */
  enum Type {
    NULL,
    BOOL,
    NUMBER,
    TEXT
  }

  record Scalar(String value, Type type, Location at) implements YamlNode {}

  record Sequence(List<YamlNode> items, Location at) implements YamlNode {
    public Sequence {
      items = List.copyOf(items);
    }
  }

  record Mapping(List<Entry> entries, Location at) implements YamlNode {
    public Mapping {
      entries = List.copyOf(entries);
    }
  }

  /** One key and its value; {@code keyAt} is where the key is written. */
  record Entry(String key, Location keyAt, YamlNode value) {}
}
