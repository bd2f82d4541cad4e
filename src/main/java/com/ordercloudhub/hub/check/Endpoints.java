package com.ordercloudhub.hub.check;

/** Endpoint uris as Camel reads them. */
final class Endpoints {

  private Endpoints() {}

  /**
   * {@code direct:x}, {@code direct://x?…} and {@code uri: direct} with {@code parameters.name}: x;
   * null for other endpoints.
   */
  static String directName(String uri, YamlNode parameters) {
    if (uri == null) {
      return null;
    }
    if (uri.equals("direct")) {
      return parameters == null ? null : parameters.text("name");
    }
    if (!uri.startsWith("direct:")) {
      return null;
    }
    String name = uri.substring("direct:".length()).replaceFirst("^//", "");
    int query = name.indexOf('?');
    return query < 0 ? name : name.substring(0, query);
  }
}
