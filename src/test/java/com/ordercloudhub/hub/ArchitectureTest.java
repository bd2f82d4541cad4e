package com.ordercloudhub.hub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package structure as rules (README, "Where things live"): every package imports only the
 * packages below it, there is no cycle among any packages (destinations included), the core never
 * names a destination (a destination plugs in through {@code delivery.Destination} alone), and
 * every package says what it owns in its {@code package-info.java}. Within a package, what no other
 * package needs is package-private, which the compiler enforces.
 */
class ArchitectureTest {

  private static final String HUB = "com.ordercloudhub.hub";

  /** Lowest first: a package may import only the packages before it (and itself). */
  static final List<String> LAYERS =
      List.of(
          "config",
          "event",
          "check",
          "delivery",
          "destination",
          "writeback",
          "prehook",
          "inbound",
          "kafka",
          "dryrun",
          "routecheck",
          "reload",
          "reconcile",
          "impact",
          "ops");

  /** The packages that must work with any set of destinations. */
  static final List<String> CORE =
      List.of("config", "event", "check", "delivery", "dryrun", "routecheck", "reload");

  private static JavaClasses main;

  @BeforeAll
  static void importMain() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages(HUB);
  }

  @Test
  void noPackageImportsAPackageAboveIt() {
    for (int i = 0; i < LAYERS.size() - 1; i++) {
      String[] above =
          LAYERS.subList(i + 1, LAYERS.size()).stream()
              .map(layer -> HUB + "." + layer + "..")
              .toArray(String[]::new);
      noClasses()
          .that()
          .resideInAPackage(HUB + "." + LAYERS.get(i) + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(above)
          .because(
              LAYERS.get(i)
                  + " sits below "
                  + String.join(", ", LAYERS.subList(i + 1, LAYERS.size()))
                  + " (README, \"Where things live\")")
          .allowEmptyShould(true)
          .check(main);
    }
    noClasses()
        .that()
        .resideOutsideOfPackage(HUB)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(HUB)
        .because("the application class is the top: nothing imports it")
        .check(main);
  }

  @Test
  void noPackagesDependOnEachOtherInACycle() {
    slices()
        .matching(HUB + ".(**)")
        .namingSlices("$1")
        .should()
        .beFreeOfCycles()
        .because("a cycle makes neither package readable or testable alone")
        .check(main);
  }

  @Test
  void theCoreNeverNamesADestination() {
    noClasses()
        .that()
        .resideInAnyPackage(CORE.stream().map(p -> HUB + "." + p + "..").toArray(String[]::new))
        .should()
        .dependOnClassesThat()
        .resideInAPackage(HUB + ".destination..")
        .because("a destination plugs in through delivery.Destination alone")
        .check(main);
  }

  @Test
  void everyLayerIsAKnownPackageAndEveryPackageSaysWhatItOwns() throws IOException {
    Path root = Path.of("src/main/java", HUB.replace('.', '/'));
    try (Stream<Path> dirs = Files.walk(root)) {
      List<Path> packages =
          dirs.filter(Files::isDirectory)
              .filter(dir -> !dir.equals(root))
              .filter(ArchitectureTest::holdsJava)
              .toList();
      assertThat(packages).isNotEmpty();
      assertThat(packages)
          .allSatisfy(
              dir ->
                  assertThat(dir.resolve("package-info.java"))
                      .as("package-info.java of %s", root.relativize(dir))
                      .exists());
      assertThat(packages)
          .allSatisfy(
              dir ->
                  assertThat(LAYERS)
                      .as("the layer of %s", root.relativize(dir))
                      .contains(root.relativize(dir).getName(0).toString()));
    }
  }

  private static boolean holdsJava(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(f -> f.toString().endsWith(".java"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
