package com.ordercloudhub.hub.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ordercloudhub.hub.config.Problem;
import com.ordercloudhub.hub.impact.ImpactReport;
import com.ordercloudhub.hub.impact.ImpactRunner;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/impact}: what proposed mapping and template files would change for stored
 * events, dry-run twice (today's configuration and the proposed one), nothing sent or stored. The
 * body: {@code {"since":…, "until":…, "type":"order.*", "kind":"post", "maxEvents":…,
 * "routes":"working-tree", "files":{"mappings/erp/sales-order.jsonata":"…"}}}. Route files are not
 * taken (they are code); the proposed side runs with those on disk. Answers 200 with the report,
 * 422 with the route check's problems when a proposed file is broken, 400 for a bad parameter or
 * file, 409 while another run is going.
 */
@RestController
class ImpactController {

  private final ImpactRunner runner;
  private final ObjectMapper mapper;

  ImpactController(ImpactRunner runner, ObjectMapper mapper) {
    this.runner = runner;
    this.mapper = mapper;
  }

  @PostMapping("/api/impact")
  ResponseEntity<Object> impact(HttpServletRequest request) throws IOException {
    long limit = bodyLimit(runner);
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
    }
    if (body.length > limit) {
      return problem(
          413,
          "body_too_large",
          "The request body is over " + limit + " bytes (hub.impact.max-files × max-file-size)");
    }
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (IOException e) {
      return problem(400, "malformed_json", "The body is not JSON");
    }
    if (root == null || !root.isObject()) {
      return problem(400, "invalid_request", "The body must be a JSON object");
    }
    Map<String, byte[]> files = new LinkedHashMap<>();
    JsonNode given = root.path("files");
    if (!given.isMissingNode() && !given.isNull()) {
      if (!given.isObject()) {
        return problem(
            400, "invalid_request", "files must be an object: repository path → file content");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> file = it.next();
        if (!file.getValue().isTextual()) {
          return problem(400, "invalid_request", "files." + file.getKey() + " must be text");
        }
        files.put(file.getKey(), file.getValue().asText().getBytes(StandardCharsets.UTF_8));
      }
    }
    return run(runner, root, files);
  }

  static long bodyLimit(ImpactRunner runner) {
    // JSON escaping may double a file's size; the rest of the body is small
    return runner.properties().maxFiles() * runner.properties().maxFileSize().toBytes() * 2
        + 64 * 1024;
  }

  static ResponseEntity<Object> run(ImpactRunner runner, JsonNode root, Map<String, byte[]> files) {
    ImpactRunner.Window window;
    try {
      String routes = OpsParameters.text(root.path("routes").asText(null));
      if (routes != null && !routes.equals("working-tree")) {
        throw new OpsParameters.BadParameter(
            "routes must be \"working-tree\": the proposed side runs with the route files on disk"
                + " (route files are not taken from the API)");
      }
      window =
          new ImpactRunner.Window(
              OpsParameters.time("since", root.path("since").asText(null)),
              OpsParameters.time("until", root.path("until").asText(null)),
              OpsParameters.text(root.path("type").asText(null)),
              OpsParameters.kind(root.path("kind").asText(null)),
              maxEvents(root.path("maxEvents")));
    } catch (OpsParameters.BadParameter e) {
      return problem(400, "invalid_parameter", e.getMessage());
    }
    try {
      ImpactReport report = runner.run(window, files, false);
      return ResponseEntity.status(report.problems().isEmpty() ? 200 : 422).body(report);
    } catch (ImpactRunner.Busy e) {
      return problem(409, "impact_running", e.getMessage());
    } catch (ImpactRunner.BadFile e) {
      return problem(400, "invalid_file", e.getMessage());
    }
  }

  private static Integer maxEvents(JsonNode value) {
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    if (value.isTextual() && value.asText().strip().matches("[0-9]{1,9}")) {
      return Math.max(1, Integer.parseInt(value.asText().strip()));
    }
    if (!value.canConvertToInt() || value.asInt() < 1) {
      throw new OpsParameters.BadParameter(
          "maxEvents must be a whole number of 1 or more (at most hub.impact.max-events)");
    }
    return value.asInt();
  }

  private static ResponseEntity<Object> problem(int status, String error, String message) {
    return ResponseEntity.status(HttpStatus.valueOf(status))
        .body(Problem.of(status, error, message));
  }
}
