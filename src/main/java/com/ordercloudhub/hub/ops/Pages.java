package com.ordercloudhub.hub.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Template;
import com.github.jknack.handlebars.helper.ConditionalHelpers;
import com.github.jknack.handlebars.io.ClassPathTemplateLoader;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * What every server-rendered ops page shares: its Handlebars template from {@code
 * /ops-pages/<name>.hbs} (the layout partial and the conditional helpers with it), the HTML answer,
 * the CSRF token its forms post back, and a model value as JSON would show it.
 */
final class Pages {

  private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

  private Pages() {}

  static Template compile(String name) throws IOException {
    Handlebars handlebars = new Handlebars(new ClassPathTemplateLoader("/ops-pages", ".hbs"));
    handlebars.registerHelpers(ConditionalHelpers.class);
    return handlebars.compile(name);
  }

  static ResponseEntity<String> html(String body) {
    return html(HttpStatus.OK, body);
  }

  static ResponseEntity<String> html(HttpStatus status, String body) {
    return ResponseEntity.status(status).contentType(HTML).body(body);
  }

  /** The token a page's forms send back; empty where security is not in the chain (slices). */
  static Map<String, String> csrf(HttpServletRequest request) {
    CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
    return token == null
        ? Map.of("parameterName", "_csrf", "token", "")
        : Map.of("parameterName", token.getParameterName(), "token", token.getToken());
  }

  /** As JSON would show it (enums by their code, times as ISO text): what templates print. */
  static Object plain(ObjectMapper mapper, Object value) {
    try {
      return mapper.treeToValue(mapper.valueToTree(value), Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
