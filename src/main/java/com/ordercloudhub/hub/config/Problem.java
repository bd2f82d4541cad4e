package com.ordercloudhub.hub.config;

import com.fasterxml.jackson.annotation.JsonInclude;

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

  public static Problem of(int status, String error, String message) {
    return new Problem(status, error, message, null);
  }
}
