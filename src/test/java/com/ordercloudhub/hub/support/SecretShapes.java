package com.ordercloudhub.hub.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The secrets table ({@code src/test/resources/secrets/ordercloud-secrets.tsv}): real OrderCloud
 * shapes that carry secrets, each with the values that must never be stored, shown or logged, the
 * harmless neighbours that must be kept, and the webhook route that carries it.
 */
public final class SecretShapes {

  private SecretShapes() {}

  public record Shape(
      String name, String payload, List<String> secrets, List<String> kept, String verbAndRoute) {

    /** The shape as a signed-ready post-hook on its own route, with a fresh LogID. */
    public ObjectNode webhook() {
      String[] verbRoute = verbAndRoute.split(" ", 2);
      ObjectNode hook =
          (ObjectNode)
              Fixtures.json(
                  Payloads.webhook(verbRoute[1], verbRoute[0], UUID.randomUUID().toString())
                      .getBytes(StandardCharsets.UTF_8));
      hook.setAll((ObjectNode) Fixtures.json(payload.getBytes(StandardCharsets.UTF_8)));
      return hook;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  public static List<Shape> all() {
    try (InputStream in =
        SecretShapes.class.getResourceAsStream("/secrets/ordercloud-secrets.tsv")) {
      List<Shape> shapes = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cells = line.split("\t");
        shapes.add(
            new Shape(
                cells[0],
                cells[1],
                Arrays.asList(cells[2].split(",")),
                Arrays.asList(cells[3].split(",")),
                cells[4]));
      }
      return shapes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every secret value of the table. */
  public static String[] secrets() {
    return all().stream().flatMap(s -> s.secrets().stream()).toArray(String[]::new);
  }
}
