package com.ordercloudhub.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.ordercloudhub.hub.event.EventKind;
import com.ordercloudhub.hub.event.EventSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.Cookie;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * What a {@code @WebMvcTest} slice of an ops controller adds to the controller under test: the
 * hub's real {@link SecurityConfig} (its chains, the throttled login, the CSRF and cross-site
 * rules) with the settings it binds, the ops user from hub-test.properties, and the two application
 * beans it needs (in the hub they come from config/CoreConfig and the metrics auto-configuration).
 * Everything behind the controller is a {@code @MockitoBean} of the test class.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(SecurityConfig.class)
@EnableConfigurationProperties({OpsProperties.class, LoginProperties.class})
class OpsWebSlice {

  /** The ops user of hub-test.properties (HUB_OPS_USERNAME, HUB_OPS_PASSWORD). */
  static final String USER = "ops-test";

  static final String PASSWORD = "ops-test-password";

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  MeterRegistry meterRegistry() {
    return new SimpleMeterRegistry();
  }

  /** HTTP Basic with the ops user's real password, checked by the real login. */
  static RequestPostProcessor ops() {
    return SecurityMockMvcRequestPostProcessors.httpBasic(USER, PASSWORD);
  }

  static RequestPostProcessor wrongPassword() {
    return SecurityMockMvcRequestPostProcessors.httpBasic(USER, "not-the-password");
  }

  /**
   * The CSRF token the hub issues a browser: the {@code XSRF-TOKEN} cookie, as the login form gets
   * it. (Spring Security's {@code csrf()} test helper is not used: it swaps the filter's token
   * repository for a session-based one for the rest of the context, so the cookie would be gone.)
   */
  static Cookie csrfCookie(MockMvc mvc) throws Exception {
    Cookie cookie = mvc.perform(get("/login")).andReturn().getResponse().getCookie("XSRF-TOKEN");
    assertThat(cookie).as("the XSRF-TOKEN cookie of the login form").isNotNull();
    return cookie;
  }

  /** The token sent back as a page's form does: the cookie, and its value as the _csrf field. */
  static RequestPostProcessor csrfField(Cookie cookie) {
    return csrfField(cookie, cookie.getValue());
  }

  static RequestPostProcessor csrfField(Cookie cookie, String field) {
    return request -> {
      request.setCookies(cookie);
      request.addParameter("_csrf", field);
      return request;
    };
  }

  /** The token sent back as a script in a page does: the cookie, echoed as X-XSRF-TOKEN. */
  static RequestPostProcessor csrfHeader(Cookie cookie) {
    return request -> {
      request.setCookies(cookie);
      request.addHeader("X-XSRF-TOKEN", cookie.getValue());
      return request;
    };
  }

  /** Logged in through the form earlier: a browser session, which brings no Basic header. */
  static RequestPostProcessor browserSession() {
    RequestPostProcessor login =
        SecurityMockMvcRequestPostProcessors.user(USER).roles(SecurityConfig.OPS_ROLE);
    return request -> {
      request.setSession(new MockHttpSession());
      return login.postProcessRequest(request);
    };
  }

  /**
   * A stored order.submitted-like event as the store lists it, received at {@code received}; with
   * {@code duplicates} re-sends, the last five seconds after it.
   */
  static EventSummary summary(
      String id,
      EventKind kind,
      String eventType,
      String origin,
      OffsetDateTime received,
      int duplicates) {
    return new EventSummary(
        id,
        kind,
        eventType,
        "v1/orders/{direction}/{orderID}/submit",
        "POST",
        "log-" + id,
        null,
        null,
        null,
        812,
        received.minusSeconds(2),
        received,
        duplicates,
        duplicates == 0 ? null : received.plusSeconds(5),
        origin);
  }
}
