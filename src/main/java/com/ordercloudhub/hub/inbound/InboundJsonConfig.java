package com.ordercloudhub.hub.inbound;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The limits on the one ObjectMapper everything uses: they are the inbound limits. */
@Configuration(proxyBeanMethods = false)
class InboundJsonConfig {

  /**
   * Every JSON read in the hub goes through Spring's ObjectMapper, so its read constraints are the
   * inbound limits: a 20,000-deep bracket bomb or a 50 MB string fails fast as a 400.
   */
  @Bean
  Jackson2ObjectMapperBuilderCustomizer boundedJsonReading(InboundProperties inbound) {
    return builder ->
        builder.postConfigurer(
            mapper -> {
              mapper
                  .getFactory()
                  .setStreamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(inbound.maxNestingDepth())
                          .maxStringLength(inbound.maxStringLength())
                          .maxNumberLength(1_000)
                          .maxNameLength(10_000)
                          .maxDocumentLength(inbound.maxBodySize().toBytes())
                          .build());
              // never quote request content in parse errors: it could hold a token
              mapper
                  .getFactory()
                  .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION.mappedFeature());
            });
  }
}
