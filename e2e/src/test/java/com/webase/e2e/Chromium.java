package com.webase.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system Chromium (Debian's {@code chromium} and {@code chromium-driver}), headless, with a
 * profile of its own: a person's browser for one test. Screenshots go to {@code
 * target/screenshots/}.
 */
final class Chromium implements AutoCloseable {

  static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();
  private static final Path BROWSER = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  final ChromeDriver driver;
  private final Path profile;
  private final String prefix;

  private Chromium(ChromeDriver driver, Path profile, String prefix) {
    this.driver = driver;
    this.profile = profile;
    this.prefix = prefix;
  }

  /**
   * A fresh browser. Fails (never skips) when Chromium or its driver is missing: {@code .ci/run}
   * installs them, and the README says how.
   */
  static Chromium start(String screenshotPrefix) {
    if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
      throw new IllegalStateException(
          "the browser tests need Debian's chromium and chromium-driver:"
              + " apt-get install -y chromium chromium-driver");
    }
    try {
      Path profile = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "chromium-");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(BROWSER.toFile());
      options.addArguments(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-dev-shm-usage",
          "--window-size=1280,1000",
          "--user-data-dir=" + profile);
      ChromeDriverService service =
          new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
      Files.createDirectories(SCREENSHOTS);
      return new Chromium(driver, profile, screenshotPrefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  WebDriverWait waiting() {
    return new WebDriverWait(driver, Duration.ofSeconds(30));
  }

  WebElement visible(String id) {
    return waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
  }

  WebElement byId(String id) {
    return driver.findElement(By.id(id));
  }

  /** Waits until the element's text contains {@code text}; returns the whole text. */
  String awaitText(String id, String text) {
    waiting()
        .withMessage(() -> "#" + id + " to contain \"" + text + "\" but it says: " + textOf(id))
        .until(d -> textOf(id).contains(text));
    return textOf(id);
  }

  String textOf(String id) {
    List<WebElement> found = driver.findElements(By.id(id));
    return found.isEmpty() ? "" : found.getFirst().getText();
  }

  Object script(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  Object asyncScript(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
  }

  /** Lets the page read and write the clipboard, as a person who allowed it has. */
  void allowClipboard(String origin) {
    driver.executeCdpCommand(
        "Browser.grantPermissions",
        Map.of(
            "origin",
            origin,
            "permissions",
            List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
  }

  String clipboard() {
    return (String)
        asyncScript(
            "const done = arguments[arguments.length - 1];"
                + " navigator.clipboard.readText().then(done, e => done('failed: ' + e));");
  }

  /** The whole window, saved as {@code target/screenshots/<prefix>-<name>.png}. */
  Path screenshot(String name) {
    return save(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), name);
  }

  /**
   * One element (a section), whole: the window grows to hold it for the picture (an element
   * screenshot is cut at the window's edge), then shrinks back.
   */
  Path screenshot(String name, String elementId) {
    WebElement element = byId(elementId);
    Dimension before = driver.manage().window().getSize();
    long height = ((Number) script("return arguments[0].offsetHeight;", element)).longValue();
    if (height + 200 > before.getHeight()) {
      driver.manage().window().setSize(new Dimension(before.getWidth(), (int) height + 300));
    }
    try {
      script("arguments[0].scrollIntoView({block: 'start'});", element);
      return save(element.getScreenshotAs(OutputType.FILE).toPath(), name);
    } finally {
      driver.manage().window().setSize(before);
    }
  }

  private Path save(Path taken, String name) {
    try {
      Path target = SCREENSHOTS.resolve(prefix + "-" + name + ".png");
      Files.move(taken, target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a profile left in target/ is cleaned with it
      }
    }
  }
}
