package com.ordercloudhub.hub.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.logging.Level;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A real browser for a test (Debian's Chromium, headless, through Debian's chromedriver), opened
 * before each test and closed after it: {@code @RegisterExtension final Chromium chromium = new
 * Chromium();}, then {@link #browser()}. A failing step leaves its screen, page and console in
 * {@code target/screenshots/<test>.*}. CI ({@code .ci/run}) installs the browser and requires these
 * tests ({@code HUB_BROWSER_TESTS=required}); a machine with only a JDK skips them.
 */
public final class Chromium
    implements BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private final boolean performanceLog;
  private WebDriver browser;

  public Chromium() {
    this(false);
  }

  private Chromium(boolean performanceLog) {
    this.performanceLog = performanceLog;
  }

  /**
   * Also keeps the browser's network log ({@code LogType.PERFORMANCE}: the requests pages make).
   */
  public static Chromium withNetworkLog() {
    return new Chromium(true);
  }

  public WebDriver browser() {
    return browser;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    if (!"required".equals(System.getenv("HUB_BROWSER_TESTS"))) {
      assumeTrue(
          Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
          "browser tests skipped: apt-get install chromium chromium-driver to run them");
    }
    assertThat(CHROMIUM)
        .as("Debian's chromium (apt-get install chromium chromium-driver)")
        .exists();
    assertThat(CHROMEDRIVER).as("Debian's chromedriver").exists();
    Path profile = Files.createTempDirectory(Path.of("target"), "chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    if (performanceLog) {
      logs.enable(LogType.PERFORMANCE, Level.ALL);
    }
    options.setCapability("goog:loggingPrefs", logs);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1000",
        "--user-data-dir=" + profile.toAbsolutePath());
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  /** Runs before the test's {@code @AfterEach}: a failed step leaves its screen behind. */
  @Override
  public void afterTestExecution(ExtensionContext context) {
    if (context.getExecutionException().isEmpty() || !(browser instanceof TakesScreenshot camera)) {
      return;
    }
    String name = context.getRequiredTestMethod().getName();
    try {
      Path folder = Files.createDirectories(Path.of("target", "screenshots"));
      Files.copy(
          camera.getScreenshotAs(OutputType.FILE).toPath(),
          folder.resolve(name + ".png"),
          StandardCopyOption.REPLACE_EXISTING);
      Files.writeString(folder.resolve(name + ".html"), browser.getPageSource());
      // the page's console (failed requests, script errors) says why a view stayed empty
      StringBuilder console = new StringBuilder();
      browser
          .manage()
          .logs()
          .get(LogType.BROWSER)
          .forEach(entry -> console.append(entry).append('\n'));
      Files.writeString(folder.resolve(name + ".console.log"), console);
    } catch (IOException | RuntimeException e) {
      context.getExecutionException().get().addSuppressed(e);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (browser != null) {
      browser.quit();
      browser = null;
    }
  }
}
