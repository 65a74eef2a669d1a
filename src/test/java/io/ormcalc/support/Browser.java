package io.ormcalc.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import javax.imageio.ImageIO;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through its chromedriver ({@code apt-get install chromium
 * chromium-driver}; {@code .ci/run} installs them), both found on the PATH. Tests that use it are
 * annotated {@code @NeedsTools({Browser.CHROMIUM, Browser.CHROMEDRIVER}, install =
 * Browser.INSTALL)}. Screenshots go to {@code target/dashboard-screenshots}; each is checked to be
 * a real, non-blank page image.
 */
public final class Browser implements AutoCloseable {

  /** The browser's names on the PATH (Debian's, then other distributions'). */
  public static final String CHROMIUM = "chromium|chromium-browser";

  public static final String CHROMEDRIVER = "chromedriver";
  public static final String INSTALL = "apt-get install -y chromium chromium-driver";
  public static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");

  private final ChromeDriver driver;

  private Browser(ChromeDriver driver) {
    this.driver = driver;
  }

  public static Browser start() {
    Path chromium = Tools.require(CHROMIUM.split("\\|"));
    Path chromedriver = Tools.require(CHROMEDRIVER);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        "--no-first-run",
        "--disable-extensions");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile()).build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    return new Browser(driver);
  }

  public WebDriver driver() {
    return driver;
  }

  public void open(String url) {
    driver.get(url);
  }

  public WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  public List<WebElement> findAll(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  public boolean present(String css) {
    return !driver.findElements(By.cssSelector(css)).isEmpty();
  }

  /** Waits (at most {@code seconds}) until the condition holds and returns its value. */
  public <T> T await(int seconds, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, Duration.ofSeconds(seconds))
        .pollingEvery(Duration.ofMillis(25))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .ignoring(org.openqa.selenium.NoSuchElementException.class)
        .until(condition);
  }

  public WebElement awaitElement(int seconds, String css) {
    return await(seconds, d -> d.findElement(By.cssSelector(css)));
  }

  /** The text of the element, read again if the page re-rendered it meanwhile. */
  public String text(String css) {
    return await(15, d -> d.findElement(By.cssSelector(css)).getText());
  }

  /** Whether the element is enabled, read again if the page re-rendered it meanwhile. */
  public boolean enabled(String css) {
    // as text: a wait takes Boolean.FALSE for "not yet"
    return Boolean.parseBoolean(
        await(15, d -> String.valueOf(d.findElement(By.cssSelector(css)).isEnabled())));
  }

  /** Clicks the element, found again if the page re-rendered it meanwhile. */
  public void click(String css) {
    await(
        15,
        d -> {
          d.findElement(By.cssSelector(css)).click();
          return true;
        });
  }

  public Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /**
   * Takes a screenshot, checks that it is a PNG of the window's size with a real page on it (many
   * colours, not a blank or single-colour image), and returns its path.
   */
  public Path screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    byte[] png = driver.getScreenshotAs(OutputType.BYTES);
    Path file = SCREENSHOTS.resolve(name + ".png");
    Files.write(file, png);
    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image).as("screenshot %s is a PNG", file).isNotNull();
    assertThat(image.getWidth()).as("screenshot width").isGreaterThanOrEqualTo(1000);
    assertThat(image.getHeight()).as("screenshot height").isGreaterThanOrEqualTo(700);
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 4) {
      for (int x = 0; x < image.getWidth(); x += 4) {
        colours.add(image.getRGB(x, y));
      }
    }
    assertThat(colours.size()).as("distinct colours in %s (a real page)", file).isGreaterThan(20);
    System.out.printf("dashboard screenshot: %s (%d bytes)%n", file.toAbsolutePath(), png.length);
    return file;
  }

  /** The browser console's messages at SEVERE level (errors, refused resources, CSP refusals). */
  public List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  /** Values the page recorded, e.g. {@code window.__ormcalcLive}. */
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> liveEvents() {
    return (List<Map<String, Object>>) script("return window.__ormcalcLive || [];");
  }

  @Override
  public void close() {
    driver.quit();
  }
}
