// Fixture for RouteCheckTest: scanned as text for bean names, never compiled.
package fixture;

@Component("orderMapper")
class OrderMapper {}

@Service
class DeliveryPlanner {}

@Configuration(proxyBeanMethods = false)
class FixtureWiring {

  @Bean("crmClient")
  Object client() {
    return new Object();
  }

  @Bean(name = {"erpClient", "erp"})
  Object erp() {
    return new Object();
  }

  @Bean
  @Primary
  java.time.Clock hubClock() {
    return java.time.Clock.systemUTC();
  }

  @Bean(destroyMethod = "shutdown")
  java.util.concurrent.ExecutorService workerPool() {
    return java.util.concurrent.Executors.newSingleThreadExecutor();
  }
}

@Component("renamedPlanner")
class LegPlanner {}
