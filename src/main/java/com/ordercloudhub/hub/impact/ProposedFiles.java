package com.ordercloudhub.hub.impact;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The files a change proposes, by their path in the repository ({@code
 * mappings/erp/sales-order.jsonata}, {@code templates/email/orderapproved.html.hbs}, {@code
 * routes/events/order-submitted.camel.yaml}), checked before anything is copied: a path stays
 * inside its folder (no {@code ..}, no absolute path, no hidden or oddly named segment), the count
 * and sizes are bounded, and the text is UTF-8.
 *
 * <p>Route files are code (bean and process steps, script languages, {@code ${env:…}}): only the
 * integrator's CLI, on their own repository, may propose them. The API takes mapping and template
 * files only; the route files it runs with are those on disk ({@code "routes":"working-tree"}), put
 * there by a deployment.
 */
final class ProposedFiles {

  static final String MAPPINGS = "mappings/";
  static final String TEMPLATES = "templates/email/";
  static final String ROUTES = "routes/";

  private static final Pattern PATH =
      Pattern.compile(
          "[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,99}(/[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,99}){0,9}");

  private ProposedFiles() {}

  /** A file that cannot be proposed, and why (a 400). */
  static final class Refused extends RuntimeException {
    private final String path;

    Refused(String path, String message) {
      super(message);
      this.path = path;
    }

    String path() {
      return path;
    }
  }

  /**
   * @param files path → content, as uploaded
   * @param routesAllowed whether route files may be proposed (the CLI), or are refused (the API)
   * @return path → bytes, in the order given
   * @throws Refused naming the first file that cannot be proposed
   */
  static Map<String, byte[]> check(
      Map<String, byte[]> files, boolean routesAllowed, int maxFiles, long maxFileBytes) {
    if (files.size() > maxFiles) {
      throw new Refused(
          null, files.size() + " files proposed; at most " + maxFiles + " (hub.impact.max-files)");
    }
    Map<String, byte[]> checked = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      String path = file.getKey();
      checkPath(path, routesAllowed);
      byte[] content = file.getValue() == null ? new byte[0] : file.getValue();
      if (content.length > maxFileBytes) {
        throw new Refused(
            path,
            path
                + " has "
                + content.length
                + " bytes; at most "
                + maxFileBytes
                + " (hub.impact.max-file-size)");
      }
      if (!utf8(content)) {
        throw new Refused(path, path + " is not UTF-8 text");
      }
      checked.put(path, content);
    }
    return checked;
  }

  static void checkPath(String path, boolean routesAllowed) {
    if (path == null || path.isEmpty()) {
      throw new Refused(path, "A proposed file has no path");
    }
    if (path.startsWith("/") || path.contains("\\") || path.contains(":")) {
      throw new Refused(
          path,
          "Proposed file "
              + shown(path)
              + ": the path must be relative (e.g. mappings/erp/x.jsonata)");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.equals("..") || segment.equals(".") || segment.isEmpty()) {
        throw new Refused(
            path,
            "Proposed file "
                + shown(path)
                + ": the path leaves its folder or has an empty segment ("
                + segment
                + ")");
      }
    }
    if (!PATH.matcher(path).matches()) {
      throw new Refused(
          path,
          "Proposed file "
              + shown(path)
              + ": a path has at most 10 segments of letters, digits, '_', '-' and '.', each starting"
              + " with a letter, digit or '_'");
    }
    if (path.startsWith(ROUTES)) {
      if (!routesAllowed) {
        throw new Refused(
            path,
            "Proposed file "
                + path
                + ": route files are code (bean and process steps, scripts, ${env:…}) and are not"
                + " taken from the API; deploy them to the working tree and send"
                + " \"routes\":\"working-tree\", or use the CLI (./mvnw -Pimpact) on your repository");
      }
      if (!path.endsWith(".camel.yaml")) {
        throw new Refused(path, "Proposed file " + path + ": a route file ends in .camel.yaml");
      }
      return;
    }
    if (path.startsWith(MAPPINGS)) {
      if (!path.endsWith(".jsonata")) {
        throw new Refused(path, "Proposed file " + path + ": a mapping file ends in .jsonata");
      }
      return;
    }
    if (path.startsWith(TEMPLATES)) {
      if (!path.endsWith(".hbs") && !path.endsWith(".html")) {
        throw new Refused(
            path,
            "Proposed file " + path + ": an e-mail template ends in .hbs (or .html, Mandrill's)");
      }
      return;
    }
    throw new Refused(
        path,
        "Proposed file "
            + path
            + ": only mappings/**/*.jsonata and templates/email/** files"
            + (routesAllowed ? " and routes/**/*.camel.yaml" : "")
            + " can be proposed");
  }

  private static String shown(String path) {
    return path.replaceAll("[^\\x20-\\x7e]", "?");
  }

  private static boolean utf8(byte[] content) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
