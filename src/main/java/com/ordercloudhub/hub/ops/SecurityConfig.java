package com.ordercloudhub.hub.ops;

import com.ordercloudhub.hub.config.SettingException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may call what. Webhooks are open (the X-oc-hash signature protects them) and so is health
 * (whatever the Authorization header says); everything else needs the ops user: the API with HTTP
 * Basic sent pre-emptively (or a browser session), the rest (Hawtio, metrics, the ops pages) with
 * Basic or the login form. Every password check goes through {@link ThrottledLogin}; no answer
 * carries a Basic challenge; a state-changing request needs the CSRF token when it comes from a
 * browser session and passes {@link CrossSiteRequests} in every case.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

  static final String OPS_ROLE = "OPS";

  /**
   * For the ops pages, the login form and the API: the hub's own scripts and styles (the pages use
   * inline style attributes), data: images and fonts; nothing from elsewhere, no framing, forms
   * post only here. Hawtio 5.2's own paths carry Hawtio's equivalent policy (its response-headers
   * filter sets it first, and Spring keeps a header already set); this one would fit Hawtio too.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
          + " img-src 'self' data:; font-src 'self' data:; connect-src 'self';"
          + " worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self';"
          + " frame-ancestors 'none'";

  // /webhooks/** never reaches Spring Security: the webhook door (inbound/WebhookDoor) answers
  // those calls itself, authenticated by their X-oc-hash signature.

  /**
   * Health is open to load balancers and probes, and must not turn stale credentials into a 401
   * (nor into a free password oracle): Basic credentials are checked through the same throttle;
   * valid ones see details, anything else (wrong, stale, throttled) the public view.
   */
  @Bean
  @Order(2)
  SecurityFilterChain healthChain(
      HttpSecurity http, ThrottledLogin logins, VerifiedBasicLogins verified) throws Exception {
    // without an entry point, a failed Basic check carries on as anonymous
    BasicAuthenticationFilter lenientBasic = new BasicAuthenticationFilter(logins);
    lenientBasic.setAuthenticationDetailsSource(LoginDetails.basic(verified));
    return http.securityMatcher("/actuator/health", "/actuator/health/**")
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
        .authenticationManager(logins)
        .addFilterAt(lenientBasic, BasicAuthenticationFilter.class)
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .build();
  }

  /**
   * A machine API: Basic on every call, never a session of its own (one made by the login form is
   * honoured, with its CSRF token). 401 is the JSON problem, without a challenge.
   */
  @Bean
  @Order(3)
  SecurityFilterChain apiChain(
      HttpSecurity http, ThrottledLogin logins, VerifiedBasicLogins verified, OpsProperties ops)
      throws Exception {
    http.securityMatcher("/api/**")
        .authorizeHttpRequests(auth -> auth.anyRequest().hasRole(OPS_ROLE))
        .authenticationManager(logins)
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(SecurityProblems.UNAUTHORIZED)
                    .accessDeniedHandler(SecurityProblems.FORBIDDEN))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
        .requestCache(cache -> cache.disable())
        // the token guards a session: without one there is nothing ambient, and the caller is
        // told to authenticate (401), not about a token it cannot have
        .csrf(csrf -> csrf.requireCsrfProtectionMatcher(SecurityConfig::changesStateInASession));
    return guarded(http, ops, verified).build();
  }

  /**
   * People in a browser (Hawtio, the ops pages) log in with the form; scripts (Prometheus) send
   * Basic. Hawtio's UI echoes the {@code XSRF-TOKEN} cookie as {@code X-XSRF-TOKEN} on its Jolokia
   * POSTs. Unauthenticated, a page request goes to the login form and anything else gets the 401
   * problem.
   */
  @Bean
  @Order(4)
  SecurityFilterChain opsChain(
      HttpSecurity http, ThrottledLogin logins, VerifiedBasicLogins verified, OpsProperties ops)
      throws Exception {
    MediaTypeRequestMatcher page = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
    page.setIgnoredMediaTypes(Set.of(MediaType.ALL));
    RequestMatcher browserPage =
        new AndRequestMatcher(
            page,
            new NegatedRequestMatcher(
                new RequestHeaderRequestMatcher("X-Requested-With", "XMLHttpRequest")));
    http.authorizeHttpRequests(
            auth -> auth.requestMatchers("/error").permitAll().anyRequest().hasRole(OPS_ROLE))
        .authenticationManager(logins)
        .formLogin(
            form ->
                form.authenticationDetailsSource(LoginDetails.form())
                    .failureHandler(SecurityProblems.formFailure()))
        .exceptionHandling(
            e ->
                e.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), browserPage)
                    .defaultAuthenticationEntryPointFor(
                        SecurityProblems.UNAUTHORIZED, AnyRequestMatcher.INSTANCE)
                    .accessDeniedHandler(SecurityProblems.FORBIDDEN));
    return guarded(http, ops, verified)
        // issue the token cookie on every response, so it is there again after login
        .addFilterAfter(new CsrfCookieFilter(), BasicAuthenticationFilter.class)
        .build();
  }

  private static boolean changesStateInASession(HttpServletRequest request) {
    return !CrossSiteRequests.SAFE_METHODS.contains(request.getMethod())
        && request.getSession(false) != null;
  }

  /**
   * What the API and the ops chain share: HTTP Basic answered by the JSON problem, the cross-site
   * refusals (before CSRF and before any password is checked), the CSRF token for browser sessions,
   * and the security headers.
   */
  private static HttpSecurity guarded(
      HttpSecurity http, OpsProperties ops, VerifiedBasicLogins verified) throws Exception {
    CookieCsrfTokenRepository tokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
    tokens.setCookieCustomizer(cookie -> cookie.sameSite("Strict"));
    return http.httpBasic(
            basic ->
                basic
                    .authenticationEntryPoint(SecurityProblems.UNAUTHORIZED)
                    .authenticationDetailsSource(LoginDetails.basic(verified)))
        .addFilterBefore(new CrossSiteRequests(ops.allowedOrigins()), CsrfFilter.class)
        .csrf(
            csrf ->
                csrf.csrfTokenRepository(tokens)
                    .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                    // a Basic request brings its own credentials and has passed CrossSiteRequests
                    // (same origin or none, no form body): nothing ambient for a token to guard.
                    // With a session it needs the token all the same: Spring skips the Basic check
                    // when the session is already logged in as that user name
                    .ignoringRequestMatchers(
                        r -> CrossSiteRequests.bringsBasic(r) && r.getSession(false) == null))
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                    .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
  }

  /** Touches the deferred CSRF token so its cookie is written. */
  static final class CsrfCookieFilter extends OncePerRequestFilter {
    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
      if (token != null) {
        token.getToken();
      }
      chain.doFilter(request, response);
    }
  }

  @Bean
  PasswordEncoder passwordEncoder(MeterRegistry meters) {
    return new CountedPasswordEncoder(
        PasswordEncoderFactories.createDelegatingPasswordEncoder(), meters);
  }

  @Bean
  VerifiedBasicLogins verifiedBasicLogins(LoginProperties login, Clock clock) {
    return new VerifiedBasicLogins(login, clock);
  }

  @Bean
  ThrottledLogin throttledLogin(
      LoginProperties login,
      OpsProperties ops,
      Clock clock,
      VerifiedBasicLogins verified,
      UserDetailsService users,
      PasswordEncoder encoder,
      MeterRegistry meters) {
    Set<String> names = ops.username() == null ? Set.of() : Set.of(ops.username().trim());
    return new ThrottledLogin(
        new LoginThrottle(login, clock, names), verified, login, users, encoder, meters);
  }

  @Bean
  UserDetailsService opsUser(OpsProperties ops, PasswordEncoder encoder) {
    String username = ops.username();
    if (username == null || username.isBlank()) {
      throw new SettingException(
          "HUB_OPS_USERNAME",
          "hub.ops.username",
          "is not set: the operations API, Hawtio and metrics need a login",
          "Set HUB_OPS_USERNAME and HUB_OPS_PASSWORD.");
    }
    String password = ops.password();
    if (password == null || password.isBlank()) {
      if (!ops.generatePassword()) {
        throw new SettingException(
            "HUB_OPS_PASSWORD",
            "hub.ops.password",
            "is not set: the operations API, Hawtio and metrics need a login",
            "Set HUB_OPS_PASSWORD (and HUB_OPS_USERNAME).");
      }
      password = generated();
      // the dev profile's documented behaviour: a throwaway password, shown once on the console
      System.out.printf(
          "%n  Ops login for this dev run: user '%s', password '%s'"
              + " (set HUB_OPS_PASSWORD to choose one)%n%n",
          username, password);
    }
    return new InMemoryUserDetailsManager(
        User.withUsername(username.trim())
            .password(encoder.encode(password))
            .roles(OPS_ROLE)
            .build());
  }

  private static String generated() {
    byte[] random = new byte[18];
    new SecureRandom().nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }
}
