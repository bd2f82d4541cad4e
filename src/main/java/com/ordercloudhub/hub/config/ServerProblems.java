package com.ordercloudhub.hub.config;

import java.util.Locale;
import org.springframework.http.HttpStatus;

/**
 * The problem the server answers for a refusal that is only a status (an unknown path, a wrong
 * method, a malformed request): a fixed code and message per status, never the exception's text or
 * any part of the request, which may quote what the caller sent.
 */
final class ServerProblems {

  private ServerProblems() {}

  static Problem of(int status) {
    return switch (status) {
      case 400 ->
          Problem.of(
              400,
              "bad_request",
              "The request is malformed (its URL, parameters, headers or framing); nothing was done.");
      case 401 -> Problem.of(401, "unauthorized", "Authentication is required.");
      case 403 -> Problem.of(403, "forbidden", "This request is not allowed.");
      case 404 -> Problem.of(404, "not_found", "There is nothing at this path.");
      case 405 ->
          Problem.of(
              405,
              "method_not_allowed",
              "This path does not take this HTTP method; the Allow header lists those it takes.");
      case 406 -> Problem.of(406, "not_acceptable", "The hub answers application/json only.");
      case 413 -> Problem.of(413, "body_too_large", "The request body is over the limit.");
      case 414 -> Problem.of(414, "uri_too_long", "The request URL is over the limit.");
      case 415 ->
          Problem.of(
              415, "unsupported_media_type", "This path does not take the body's Content-Type.");
      case 431 ->
          Problem.of(
              431,
              "header_too_large",
              "The request line and headers are over the limit (server.max-http-request-header-size).");
      case 500 -> Problem.of(500, "internal_error", "The hub failed to handle the request.");
      case 501 ->
          Problem.of(
              501,
              "not_implemented",
              "The request uses an HTTP feature the hub does not support (e.g. its"
                  + " Transfer-Encoding).");
      case 503 -> Problem.of(503, "unavailable", "The hub cannot take the request now; try again.");
      case 505 ->
          Problem.of(505, "http_version_not_supported", "The hub speaks HTTP/1.1 and HTTP/1.0.");
      default -> generic(status);
    };
  }

  /** Any other status: its reason phrase, as a code and as the message. */
  private static Problem generic(int status) {
    HttpStatus known = HttpStatus.resolve(status);
    if (known == null) {
      return Problem.of(status, "http_" + status, "The request failed with status " + status + ".");
    }
    String phrase = known.getReasonPhrase();
    String code = phrase.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    return Problem.of(status, code, phrase + ".");
  }
}
