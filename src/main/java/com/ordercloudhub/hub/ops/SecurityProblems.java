package com.ordercloudhub.hub.ops;

import com.ordercloudhub.hub.config.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * The security refusals, as the hub's JSON problem: 401 without {@code WWW-Authenticate} (a browser
 * is never asked for Basic credentials, so it never caches and re-sends them on its own), 429 or
 * 503 with {@code Retry-After} for a throttled login, 403 for a missing CSRF token.
 */
final class SecurityProblems {

  private SecurityProblems() {}

  /** 401 (or the throttle's 429/503) for HTTP Basic and for an unauthenticated API call. */
  static final AuthenticationEntryPoint UNAUTHORIZED = SecurityProblems::unauthorized;

  /** 403: a state-changing browser request without its CSRF token, or not allowed. */
  static final AccessDeniedHandler FORBIDDEN =
      (request, response, denied) -> {
        if (denied instanceof CsrfException) {
          Problem.of(
                  403,
                  "csrf_token_required",
                  "A state-changing request from a browser session needs its CSRF token"
                      + " (X-XSRF-TOKEN header or _csrf field)")
              .writeTo(response);
        } else {
          Problem.of(403, "forbidden", "Not allowed").writeTo(response);
        }
      };

  /** The login form: a throttled attempt gets the problem, a wrong password the form again. */
  static AuthenticationFailureHandler formFailure() {
    SimpleUrlAuthenticationFailureHandler again =
        new SimpleUrlAuthenticationFailureHandler("/login?error");
    return (request, response, failed) -> {
      if (failed instanceof LoginRefused refused) {
        refuse(response, refused);
      } else {
        again.onAuthenticationFailure(request, response, failed);
      }
    };
  }

  private static void unauthorized(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException failed)
      throws IOException {
    if (failed instanceof LoginRefused refused) {
      refuse(response, refused);
    } else {
      Problem.of(
              401,
              "unauthorized",
              "The ops login is required: send HTTP Basic credentials with the request")
          .writeTo(response);
    }
  }

  private static void refuse(HttpServletResponse response, LoginRefused refused)
      throws IOException {
    response.setHeader("Retry-After", Long.toString(refused.retryAfterSeconds()));
    Problem.of(refused.status(), refused.error(), refused.getMessage()).writeTo(response);
  }
}
