package com.ordercloudhub.hub.config;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The error page's answer for a failure nobody handled: the status and a fixed text, never the
 * exception's message or its stack. (No endpoint of the running hub fails on purpose, so this is
 * the controller alone; ServerRefusalsTest shows it is the one answering the error page.)
 */
class ProblemErrorControllerTest {

  private final ProblemErrorController controller = new ProblemErrorController();

  @Test
  void anUnhandledExceptionIs500WithoutItsMessageOrStack() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/error");
    request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
    request.setAttribute(
        RequestDispatcher.ERROR_EXCEPTION,
        new IllegalStateException("connection to db-7.internal failed for token sk_live_x1"));
    request.setAttribute(RequestDispatcher.ERROR_MESSAGE, "sk_live_x1");
    request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/api/sk_live_x1");
    request.addHeader("Accept", "text/html");
    MockHttpServletResponse response = new MockHttpServletResponse();

    controller.error(request, response);

    assertThat(response.getStatus()).isEqualTo(500);
    assertThat(response.getContentType()).startsWith("application/json");
    assertThat(response.getContentAsString())
        .isEqualTo(
            "{\"status\":500,\"error\":\"internal_error\","
                + "\"message\":\"The hub failed to handle the request.\"}");
  }

  @Test
  void everyStatusHasACodeAndAMessage() {
    for (int status = 400; status < 600; status++) {
      Problem problem = ServerProblems.of(status);
      assertThat(problem.status()).isEqualTo(status);
      assertThat(problem.error()).matches("[a-z0-9_]+");
      assertThat(problem.message()).isNotBlank();
    }
  }
}
