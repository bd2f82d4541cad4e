package com.ordercloudhub.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.ordercloudhub.hub.support.HubClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Which state-changing requests count as cross-site, one rule at a time, without a server. */
class CrossSiteRequestsTest {

  final CrossSiteRequests rules =
      new CrossSiteRequests(List.of("http://localhost:*", "https://console.example.com"));

  static MockHttpServletRequest post(String... headers) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/deliveries/replay");
    request.setScheme("https");
    request.setServerName("hub.example.com");
    request.setServerPort(443);
    for (int i = 0; i < headers.length; i += 2) {
      if (headers[i].equals("Content-Type")) {
        request.setContentType(headers[i + 1]);
      }
      request.addHeader(headers[i], headers[i + 1]);
    }
    return request;
  }

  static final String BASIC = HubClient.basic("ops", "pw");

  @Test
  void ownOriginAllowedOriginsAndNoOriginPass() {
    assertThat(rules.refusal(post("Origin", "https://hub.example.com"))).isNull();
    assertThat(rules.refusal(post("Origin", "https://HUB.example.com:443"))).isNull();
    assertThat(rules.refusal(post("Origin", "http://localhost:3000"))).isNull();
    assertThat(rules.refusal(post("Origin", "https://console.example.com"))).isNull();
    assertThat(rules.refusal(post("Referer", "https://hub.example.com/ops/events"))).isNull();
    assertThat(rules.refusal(post("Authorization", BASIC, "Content-Type", "application/json")))
        .isNull();
    assertThat(rules.refusal(post("Authorization", BASIC))).isNull(); // curl -u -X POST
    assertThat(rules.refusal(post("Sec-Fetch-Site", "same-origin"))).isNull();
    assertThat(
            rules.refusal(
                post("Sec-Fetch-Site", "cross-site", "Origin", "https://console.example.com")))
        .isNull();
  }

  @Test
  void aForeignOriginOrRefererIsRefused() {
    assertThat(rules.refusal(post("Origin", "https://evil.example"))).isNotNull();
    assertThat(rules.refusal(post("Origin", "null"))).isNotNull();
    assertThat(rules.refusal(post("Origin", "http://hub.example.com"))).isNotNull(); // scheme
    assertThat(rules.refusal(post("Origin", "https://hub.example.com:8443"))).isNotNull();
    assertThat(rules.refusal(post("Origin", "http://localhost.evil.example:80"))).isNotNull();
    assertThat(rules.refusal(post("Referer", "https://evil.example/page"))).isNotNull();
    assertThat(
            rules.refusal(
                post("Origin", "https://hub.example.com", "Referer", "https://evil.example/")))
        .isNotNull();
  }

  @Test
  void theBrowsersOwnCrossSiteOrSameSiteMarkIsRefusedWithoutAnAllowedOrigin() {
    assertThat(rules.refusal(post("Sec-Fetch-Site", "cross-site"))).isNotNull();
    assertThat(rules.refusal(post("Sec-Fetch-Site", "same-site"))).isNotNull();
  }

  @Test
  void withBasicABodyAPlainFormCanSendIsRefusedWithASessionItIsTheCsrfTokensJob() {
    for (String type :
        List.of(
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "text/plain;charset=UTF-8",
            "TEXT/PLAIN")) {
      assertThat(rules.refusal(post("Authorization", BASIC, "Content-Type", type)))
          .as(type)
          .isNotNull();
      assertThat(rules.refusal(post("Content-Type", type))).as(type).isNull();
    }
  }

  @Test
  void readsAreNeverRefused() throws Exception {
    MockHttpServletRequest get = post("Origin", "https://evil.example");
    get.setMethod("GET");
    org.springframework.mock.web.MockHttpServletResponse response =
        new org.springframework.mock.web.MockHttpServletResponse();
    rules.doFilter(get, response, new org.springframework.mock.web.MockFilterChain());
    assertThat(response.getStatus()).isEqualTo(200);

    MockHttpServletRequest forged = post("Origin", "https://evil.example");
    org.springframework.mock.web.MockHttpServletResponse refused =
        new org.springframework.mock.web.MockHttpServletResponse();
    rules.doFilter(forged, refused, new org.springframework.mock.web.MockFilterChain());
    assertThat(refused.getStatus()).isEqualTo(403);
    assertThat(refused.getContentAsString())
        .contains("\"status\":403", "\"error\":\"cross_site_request\"");
  }
}
