package com.ordercloudhub.hub.routecheck;

import static com.ordercloudhub.hub.routecheck.BrokenFixtures.at;
import static com.ordercloudhub.hub.routecheck.BrokenFixtures.check;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BeanReferenceRuleTest {

  private final BeanReferenceRule rule = new BeanReferenceRule();

  @Test
  void aBeanStepAndAMethodRefNamingNoBeanAreReported() {
    String file = "unknown-bean.camel.yaml";
    assertThat(check(rule, file))
        .containsExactly(
            at(file, 8)
                + "route 'unknown-bean': `bean` ref 'noSuchBean' names no Spring bean — correct the"
                + " name, or add a @Component(\"noSuchBean\") with the method",
            at(file, 16)
                + "route 'unknown-bean': `method` ref 'missingHelper' names no Spring bean —"
                + " correct the name, or add a @Component(\"missingHelper\") with the method");
  }

  @Test
  void beansDeclaredInYamlAreReported() {
    assertThat(check(rule, "yaml-beans.camel.yaml"))
        .containsExactly(
            at("yaml-beans.camel.yaml", 2)
                + "`beans:` in YAML: wiring lives in Java @Configuration (STYLE.md) — declare the"
                + " bean in a Java @Configuration class and call it by name");
  }

  @Test
  void beansOfTheJavaSourcesPass() {
    assertThat(BrokenFixtures.checkValid(rule)).isEmpty();
  }
}
