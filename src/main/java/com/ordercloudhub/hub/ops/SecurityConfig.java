package com.ordercloudhub.hub.ops;

import com.ordercloudhub.hub.config.SettingException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may call what. Webhooks are open (the X-oc-hash signature protects them) and so is health;
 * everything else needs the ops user: the API with HTTP Basic only, the rest (Hawtio, metrics) with
 * Basic or a login form.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

  static final String OPS_ROLE = "OPS";

  @Bean
  @Order(1)
  SecurityFilterChain webhookChain(HttpSecurity http) throws Exception {
    return http.securityMatcher("/webhooks/**")
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain apiChain(HttpSecurity http) throws Exception {
    // a machine API: Basic on every call, no session and so no cookie for CSRF to abuse
    return http.securityMatcher("/api/**")
        .authorizeHttpRequests(auth -> auth.anyRequest().hasRole(OPS_ROLE))
        .httpBasic(Customizer.withDefaults())
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .build();
  }

  /**
   * People in a browser (Hawtio, later the deliveries page) log in with a form and get CSRF
   * protection: Hawtio's UI echoes the {@code XSRF-TOKEN} cookie as {@code X-XSRF-TOKEN} on its
   * Jolokia POSTs. A call that brings its own Basic credentials carries no ambient authority, so it
   * needs no token.
   */
  @Bean
  @Order(3)
  SecurityFilterChain opsChain(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(
            auth ->
                auth.requestMatchers("/actuator/health", "/actuator/health/**", "/error")
                    .permitAll()
                    .anyRequest()
                    .hasRole(OPS_ROLE))
        .httpBasic(Customizer.withDefaults())
        .formLogin(Customizer.withDefaults())
        .csrf(
            csrf ->
                csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                    .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                    .ignoringRequestMatchers(SecurityConfig::bringsBasicCredentials))
        // issue the token cookie on every response, so it is there again after login
        .addFilterAfter(new CsrfCookieFilter(), BasicAuthenticationFilter.class)
        .build();
  }

  private static boolean bringsBasicCredentials(HttpServletRequest request) {
    String authorization = request.getHeader("Authorization");
    return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
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
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
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
