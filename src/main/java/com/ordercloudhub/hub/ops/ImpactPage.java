package com.ordercloudhub.hub.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.jknack.handlebars.Template;
import com.ordercloudhub.hub.impact.ImpactRunner;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /ops/impact}: the change-impact form (window, filter, up to {@value #FILES} proposed
 * mapping or template files pasted into text areas) and its answer: the counts per destination,
 * then the first differences side by side. The form is a POST with a CSRF token, as the other
 * pages' actions; it runs as {@code POST /api/impact} does.
 */
@Controller
class ImpactPage {

  static final int FILES = 3;

  private final ImpactRunner runner;
  private final ObjectMapper mapper;
  private final Template page;

  ImpactPage(ImpactRunner runner, ObjectMapper mapper) throws IOException {
    this.runner = runner;
    this.mapper = mapper;
    this.page = Pages.compile("impact");
  }

  @GetMapping("/ops/impact")
  ResponseEntity<String> form(HttpServletRequest request) throws IOException {
    return Pages.html(render(request, new LinkedHashMap<>(), emptyFiles(), null, null));
  }

  @PostMapping("/ops/impact")
  ResponseEntity<String> submit(@RequestParam Map<String, String> form, HttpServletRequest request)
      throws IOException {
    ObjectNode root = mapper.createObjectNode();
    Map<String, String> filters = new LinkedHashMap<>();
    for (String name : List.of("since", "until", "type", "kind", "maxEvents")) {
      String value = OpsParameters.text(form.get(name));
      if (value != null) {
        root.put(name, value);
        filters.put(name, value);
      }
    }
    root.put("routes", "working-tree");
    List<Map<String, String>> shown = new ArrayList<>();
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (int i = 1; i <= FILES; i++) {
      String path = OpsParameters.text(form.get("path" + i));
      String content = form.getOrDefault("content" + i, "");
      shown.add(
          Map.of("n", String.valueOf(i), "path", path == null ? "" : path, "content", content));
      if (path != null) {
        files.put(path, content.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    ResponseEntity<Object> answer = ImpactController.run(runner, root, files);
    Object body = answer.getBody();
    Object report =
        answer.getStatusCode().value() == 200 || answer.getStatusCode().value() == 422
            ? mapper.convertValue(body, LinkedHashMap.class)
            : null;
    String error =
        report == null ? String.valueOf(mapper.convertValue(body, Map.class).get("message")) : null;
    return Pages.html(
        HttpStatus.valueOf(answer.getStatusCode().value()),
        render(request, filters, shown, report, error));
  }

  private String render(
      HttpServletRequest request,
      Map<String, String> filters,
      List<Map<String, String>> files,
      Object report,
      String error)
      throws IOException {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("filters", filters);
    model.put("files", files);
    model.put("report", report);
    model.put("error", error);
    model.put("maxEvents", runner.properties().maxEvents());
    model.put("csrf", Pages.csrf(request));
    return page.apply(model);
  }

  private static List<Map<String, String>> emptyFiles() {
    List<Map<String, String>> files = new ArrayList<>();
    for (int i = 1; i <= FILES; i++) {
      files.add(Map.of("n", String.valueOf(i), "path", "", "content", ""));
    }
    return files;
  }
}
