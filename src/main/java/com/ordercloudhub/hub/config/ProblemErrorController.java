package com.ordercloudhub.hub.config;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The answer for every error Spring or Tomcat sends to the error page: an unknown path (404), a
 * wrong method (405), an unacceptable or unsupported media type (406, 415), a refused login (401,
 * 403) and any exception nobody handled (500). Replaces Spring Boot's error controller, whose body
 * has another shape (timestamp, path) and may carry the exception's message. Only the status is
 * used: no exception text, no stack trace, no part of the request.
 */
@Controller
class ProblemErrorController implements ErrorController {

  /** Every method: an error dispatch keeps the original request's method. */
  @RequestMapping("${server.error.path:${error.path:/error}}")
  void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    // called directly, with no error behind it, the error page is a path like any other: not there
    ServerProblems.of(status instanceof Integer code && code >= 400 ? code : 404).writeTo(response);
  }
}
