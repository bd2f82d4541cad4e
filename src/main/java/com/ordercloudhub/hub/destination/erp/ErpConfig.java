package com.ordercloudhub.hub.destination.erp;

import java.util.List;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * One {@link ErpDestination} bean per configured ERP instance ({@code erpDestination-<name>}), so a
 * second ERP is configuration plus a route file: the instances are only known from the settings,
 * hence registered before the beans are created. Also adds the instances' timeout defaults ({@link
 * ErpDefaults}) for their route files' placeholders.
 */
@Configuration(proxyBeanMethods = false)
class ErpConfig {

  @Bean
  static BeanDefinitionRegistryPostProcessor erpDestinations(Environment environment) {
    return new BeanDefinitionRegistryPostProcessor() {
      @Override
      public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry)
          throws BeansException {
        List<String> names = ErpInstances.names(environment);
        if (environment instanceof ConfigurableEnvironment configurable
            && !configurable.getPropertySources().contains(ErpDefaults.NAME)) {
          configurable.getPropertySources().addLast(new ErpDefaults(names));
        }
        for (String name : names) {
          registry.registerBeanDefinition(
              "erpDestination-" + name,
              BeanDefinitionBuilder.genericBeanDefinition(ErpDestination.class)
                  .addConstructorArgValue(name)
                  .addConstructorArgReference(ErpInstances.BEAN)
                  .getBeanDefinition());
        }
      }
    };
  }
}
