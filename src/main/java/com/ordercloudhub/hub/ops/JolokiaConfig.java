package com.ordercloudhub.hub.ops;

import jakarta.servlet.DispatcherType;
import java.lang.management.ManagementFactory;
import org.jolokia.server.core.service.api.Restrictor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Jolokia, locked down. One agent servlet serves both {@code /actuator/jolokia} and Hawtio's {@code
 * /actuator/hawtio/jolokia} (hawtio-springboot forwards the latter to the former), and it takes its
 * restrictor from this context: {@link JolokiaAllowList} decides every request. {@link
 * JolokiaRequestCheck} runs before it on both paths (on the forward too) and refuses proxy requests
 * and bodies that are not plain JSON.
 */
@Configuration(proxyBeanMethods = false)
class JolokiaConfig {

  /** Jolokia's servlet registration takes every Restrictor bean; this must be the only one. */
  @Bean
  Restrictor jolokiaRestrictor(OpsProperties ops) {
    return new JolokiaAllowList(
        ManagementFactory.getPlatformMBeanServer(),
        ops.allowedOrigins(),
        JolokiaMasking::installed);
  }

  @Bean
  FilterRegistrationBean<JolokiaRequestCheck> jolokiaRequestCheck(JolokiaSettings settings) {
    FilterRegistrationBean<JolokiaRequestCheck> registration =
        new FilterRegistrationBean<>(new JolokiaRequestCheck(settings.maxBodySize().toBytes()));
    registration.addUrlPatterns("/actuator/jolokia/*", "/actuator/jolokia");
    // FORWARD: /actuator/hawtio/jolokia/** reaches Jolokia as a forward to /actuator/jolokia
    registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.FORWARD);
    registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
    return registration;
  }
}
