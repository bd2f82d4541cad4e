package com.ordercloudhub.hub.impact;

import com.ordercloudhub.hub.dryrun.Simulator;
import com.ordercloudhub.hub.event.EventStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * A hub that can only dry-run: the whole application (the hub's {@code @SpringBootApplication}
 * class, by name, as nothing may import it; so the routes, mappings, templates, destinations and
 * pre-hooks are the real ones) started with everything that acts switched off. No listening web
 * server ({@code server.port=-1}: no webhook door, no ops API, no priority port), no dispatcher,
 * live reload, reconciliation, write-back or Kafka intake, no schedules ({@code @Scheduled} is not
 * processed), no Flyway, no JMX (Spring's or Camel's), its meters not in Micrometer's global
 * registry, a CamelContext of its own name, the logging system left as the running hub set it up;
 * its database refuses every statement that writes ({@link ReadOnlyDataSource}) and its dry-run
 * guard refuses every exchange it did not flag ({@link Simulator#REFUSE_UNFLAGGED}), so not even a
 * timer route in a proposed file can send.
 */
final class InertHub implements AutoCloseable {

  private static final AtomicInteger STARTED = new AtomicInteger();

  private final ConfigurableApplicationContext context;

  private InertHub(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /** The hub's application class, for the CLI (which has no running hub to ask). */
  static final String APPLICATION = "com.ordercloudhub.hub.HubApplication";

  /**
   * @param application the {@code @SpringBootApplication} class's name
   * @param base the running hub's environment (its configuration, secrets included, as it resolved
   *     them), or null to read the configuration as the hub would at start (the CLI)
   * @param settings where routes, mappings and templates are read from, and any other setting
   * @param database the running hub's database, shared (read through {@link ReadOnlyDataSource}),
   *     or null to open the configured one (read-only as well)
   * @param ownLogging whether this hub sets up logging (the CLI's first hub), or leaves it alone
   */
  static InertHub start(
      String application,
      ConfigurableEnvironment base,
      Map<String, Object> settings,
      DataSource database,
      boolean ownLogging) {
    SpringApplication hub = new SpringApplication();
    hub.setSources(Set.of(application));
    // a web application context (the door's and the ops API's beans need one) whose server
    // listens nowhere: server.port -1 binds no connector
    hub.setWebApplicationType(WebApplicationType.SERVLET);
    hub.setBannerMode(Banner.Mode.OFF);
    hub.setRegisterShutdownHook(false);
    hub.setLogStartupInfo(false);
    if (!ownLogging) {
      // its listener would re-initialise logback on start and clean it up on close
      hub.setListeners(
          hub.getListeners().stream()
              .filter(listener -> !(listener instanceof LoggingApplicationListener))
              .toList());
    }
    StandardEnvironment environment = new StandardEnvironment();
    if (base != null) {
      var sources = environment.getPropertySources();
      List.copyOf(sources.stream().map(PropertySource::getName).toList()).forEach(sources::remove);
      // not "server.ports": this hub's web server would write its port (-1) into the running one's
      base.getPropertySources().stream()
          .filter(source -> !source.getName().equals("server.ports"))
          .forEach(sources::addLast);
      environment.setActiveProfiles(base.getActiveProfiles());
    }
    // a name of its own: a hub started from an inert one keeps that one's settings below its own
    int number = STARTED.incrementAndGet();
    environment
        .getPropertySources()
        .addFirst(new MapPropertySource("impact-inert-" + number, inert(settings, number)));
    hub.setEnvironment(environment);
    hub.addInitializers(
        context -> {
          if (database != null) {
            context.getBeanFactory().registerSingleton("dataSource", readOnly(database));
          }
          context.addBeanFactoryPostProcessor(new Inert());
        });
    return new InertHub(hub.run());
  }

  /** What makes the hub inert, over the given settings (which cannot switch it back on). */
  static Map<String, Object> inert(Map<String, Object> settings, int number) {
    Map<String, Object> all = new LinkedHashMap<>(settings);
    all.put("server.port", "-1");
    all.put("management.server.port", "-1");
    all.put("spring.main.banner-mode", "off");
    all.put("spring.flyway.enabled", "false");
    all.put("spring.jmx.enabled", "false");
    all.put("spring.sql.init.mode", "never");
    all.put("management.endpoints.jmx.exposure.exclude", "*");
    all.put("management.metrics.use-global-registry", "false");
    all.put("spring.application.name", "ordercloud-hub-impact");
    all.put("camel.main.name", "ordercloud-hub-impact-" + number);
    all.put("camel.main.jmx-enabled", "false");
    all.put("camel.main.shutdown-timeout", "5");
    all.put("camel.springboot.main-run-controller", "false");
    all.put("hub.delivery.enabled", "false");
    all.put("hub.reload.enabled", "false");
    all.put("hub.reconcile.enabled", "false");
    all.put("hub.search.backfill", "false");
    all.put("hub.writeback.enabled", "false");
    all.put("hub.kafka.bootstrap-servers", "");
    all.put("hub.inbound.priority-port", "");
    all.put(Simulator.REFUSE_UNFLAGGED, "true");
    return all;
  }

  private static DataSource readOnly(DataSource database) {
    return database instanceof ReadOnlyDataSource
        ? database
        : new ReadOnlyDataSource(database, false);
  }

  Simulator simulator() {
    return context.getBean(Simulator.class);
  }

  EventStore events() {
    return context.getBean(EventStore.class);
  }

  ConfigurableApplicationContext context() {
    return context;
  }

  @Override
  public void close() {
    context.close();
  }

  /**
   * No {@code @Scheduled} work (ledger gauges, the outbox sweep: that one deletes files), and the
   * database the hub opens itself read-only as well.
   */
  private static final class Inert implements BeanFactoryPostProcessor {

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory factory) {
      String scheduling =
          "org.springframework.context.annotation.internalScheduledAnnotationProcessor";
      if (factory instanceof BeanDefinitionRegistry registry
          && registry.containsBeanDefinition(scheduling)) {
        registry.removeBeanDefinition(scheduling);
      }
      factory.addBeanPostProcessor(
          new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name)
                throws BeansException {
              return bean instanceof DataSource source && !(bean instanceof ReadOnlyDataSource)
                  ? new ReadOnlyDataSource(source, true)
                  : bean;
            }
          });
    }
  }
}
