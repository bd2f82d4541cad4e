package com.ordercloudhub.hub.check;

import java.util.Optional;
import java.util.Set;

/**
 * One EIP of a route, at any depth: a step of {@code steps}, a {@code when}, {@code otherwise},
 * {@code doCatch}, {@code doFinally}, {@code onFallback}, or a top-level {@code onException}.
 *
 * @param eip the EIP's name ({@code to}, {@code choice}, {@code when}, …)
 * @param id its {@code id}, or null
 * @param at where it is written: its key (a {@code when} or {@code doCatch}: its first line)
 * @param body its value: a mapping, or a scalar in the shorthand form ({@code - to: log:x})
 * @param owner the route (or other top-level element) it is in, as problems name it
 * @param routeId that element's id, or null
 */
public record Step(
    String eip, String id, Location at, YamlNode body, String owner, String routeId) {

  private static final Set<String> SENDING = Set.of("to", "toD", "wireTap");

  /** Written as {@code - to: log:x} rather than as a map. */
  public boolean shorthand() {
    return body instanceof YamlNode.Scalar;
  }

  /** Its {@code uri} (or its shorthand value); null when it has none. */
  public String uri() {
    return body instanceof YamlNode.Scalar s ? s.value() : body.text("uri");
  }

  /** Its bean {@code ref} (or its shorthand value); null when it has none. */
  public String ref() {
    return body instanceof YamlNode.Scalar s ? s.value() : body.text("ref");
  }

  /** A {@code to}, {@code toD} or {@code wireTap}: sends the exchange to an endpoint. */
  public boolean sends() {
    return SENDING.contains(eip);
  }

  /**
   * The fixed {@code direct:} name it sends to, if it sends to one (a name built from {@code ${…}}
   * or {@code {{…}}} is known only at run time).
   */
  public Optional<Reference> directTarget() {
    if (!sends()) {
      return Optional.empty();
    }
    String direct = Endpoints.directName(uri(), body.get("parameters"));
    if (direct == null || direct.contains("${") || direct.contains("{{")) {
      return Optional.empty();
    }
    return Optional.of(new Reference(direct, at, owner + ": `" + eip + "`", routeId));
  }
}
