package com.ordercloudhub.hub.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The one JSON shape of every error the hub answers: {@code {"status","error","message"}}, plus
 * {@code "field"} when a single input property is at fault.
 *
 * @param status the HTTP status, repeated for clients that only keep the body
 * @param error a stable machine-readable code ({@code invalid_signature}, {@code body_too_large})
 * @param message what is wrong, for a person
 * @param field the property at fault, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(int status, String error, String message, String field) {

  // the servlet filters and Tomcat's valve answer outside Spring MVC: one plain mapper for them
  private static final ObjectMapper JSON = new ObjectMapper();

  public static Problem of(int status, String error, String message) {
    return new Problem(status, error, message, null);
  }

  /** The problem as its JSON text. */
  public String json() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A problem could not be written as JSON", e);
    }
  }

  /**
   * Writes the problem as the whole answer, whatever the request's Accept header says: a refusal is
   * JSON for every client, and negotiating it could fail into an empty 406. An answer already
   * committed is left as it is.
   */
  public void writeTo(HttpServletResponse response) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    byte[] body = JSON.writeValueAsBytes(this);
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.setContentLength(body.length);
    OutputStream out = response.getOutputStream();
    out.write(body);
    out.flush();
  }
}
