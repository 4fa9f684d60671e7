package dev.mephisto.core.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mephisto.App;
import dev.mephisto.KeyValue;
import dev.mephisto.testkit.Await;
import dev.mephisto.testkit.KafkaCluster;
import dev.mephisto.testkit.KafkaTestClient;
import dev.mephisto.testkit.WithKafka;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

/**
 * The live dashboard in a real headless Chromium (Debian's {@code chromium} and {@code
 * chromium-driver}; {@code .ci/run} installs them): two workers on the embedded broker, and the
 * page must show both, their partitions, a throughput that moves, and a table lookup answered
 * through the other worker. Skipped, saying why, only where no Chromium can be had.
 *
 * <p>{@code -Dmephisto.dashboard.screenshot=docs/dashboard.png} also writes the screenshot there.
 */
@WithKafka
class DashboardIT {
  private static final Await AWAIT = Await.atMost(Duration.ofSeconds(90)).ignoringExceptions();
  private final List<App> apps = new ArrayList<>();
  private final AtomicBoolean producing = new AtomicBoolean(true);
  private WebDriver driver;
  private Path profile;

  @AfterEach
  void stop() throws Exception {
    producing.set(false);
    if (driver != null) {
      driver.quit();
    }
    apps.forEach(App::stop);
    if (profile != null) {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  private static Optional<String> executable(String env, String... candidates) {
    String set = System.getenv(env);
    if (set != null && new File(set).canExecute()) {
      return Optional.of(set);
    }
    for (String c : candidates) {
      if (new File(c).canExecute()) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  private WebDriver chromium() throws Exception {
    Optional<String> browser = executable("CHROME_BIN", "/usr/bin/chromium", "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome");
    Optional<String> chromedriver = executable("CHROMEDRIVER", "/usr/bin/chromedriver",
        "/usr/lib/chromium/chromedriver");
    if (browser.isEmpty() || chromedriver.isEmpty()) {
      String why = "DashboardIT skipped: no Chromium here (browser " + browser.orElse("missing")
          + ", chromedriver " + chromedriver.orElse("missing") + "); install Debian's chromium and "
          + "chromium-driver (.ci/run does when it can)";
      System.out.println(why);
      Assumptions.abort(why);
    }
    profile = Files.createTempDirectory("mephisto-chromium-");
    ChromeOptions o = new ChromeOptions();
    o.setBinary(browser.get());
    o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", "--window-size=1440,1200",
        "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(chromedriver.get())).usingAnyFreePort().build();
    return new ChromeDriver(service, o);
  }

  private App worker(KafkaCluster kafka, String id) {
    return OrderCounter.start(kafka, id, apps);
  }

  private static String address(App app) {
    return OrderCounter.address(app);
  }

  private String text(String id) {
    return driver.findElement(By.id(id)).getText().trim();
  }

  private static long number(String text) {
    return text.isEmpty() || text.equals("–") ? -1 : Long.parseLong(text.replace(",", ""));
  }

  @Test
  void showsBothWorkersTheirPartitionsMovingThroughputAndALookupAnsweredByTheOther(
      KafkaCluster kafka) throws Exception {
    driver = chromium();
    String id = KafkaTestClient.uniqueName("dashboard");
    App a = worker(kafka, id);
    App b = worker(kafka, id);
    AWAIT.until("both workers hold partitions", () -> OrderCounter.allAssigned(apps));
    List<KeyValue<String, String>> fixed = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      fixed.add(KeyValue.of("k" + i, "order"));
    }
    fixed.add(KeyValue.of("k0", "boom"));
    kafka.client().produceStrings(id + "-orders", fixed);
    Thread.ofVirtual().name("dashboard-producer").start(() -> {
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      int n = 0;
      while (producing.get() && System.nanoTime() < deadline) {
        List<KeyValue<String, String>> batch = new ArrayList<>();
        for (int i = 0; i < 40; i++, n++) {
          batch.add(KeyValue.of("live-" + (n % 50), "order"));
        }
        kafka.client().produceStrings(id + "-orders", batch);
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    });

    driver.get("http://" + address(a) + "/");
    AWAIT.until("the page shows two workers", () -> text("worker-count").equals("2"));
    AWAIT.until("the page lists both workers with their partitions", () -> {
      List<WebElement> rows = driver.findElements(By.cssSelector("#workers tbody tr"));
      Set<String> addresses = rows.stream().map(r -> r.getAttribute("data-address"))
          .collect(Collectors.toSet());
      long active = rows.stream().mapToLong(r -> number(r.findElement(By.className("active-count"))
          .getText())).sum();
      boolean each = rows.stream().allMatch(r ->
          number(r.findElement(By.className("active-count")).getText()) > 0);
      return addresses.equals(Set.of(address(a), address(b))) && active == 4 && each;
    });
    Set<Long> throughputs = new HashSet<>();
    AWAIT.until("the throughput figure moves", () -> {
      long t = number(text("throughput-total"));
      if (t > 0) {
        throughputs.add(t);
      }
      return throughputs.size() >= 2;
    });
    AWAIT.until("the dead letter shows", () ->
        driver.findElement(By.id("dead-letters")).getText().contains(id + "-orders processing 1"));

    List<String> candidates = new ArrayList<>();
    for (int i = 1; i < 20; i++) {
      candidates.add("k" + i);
    }
    String key = OrderCounter.keyHeldBy(b, id + "-orders", 4, candidates);
    String lookupKey = key;
    AWAIT.until("the lookup form lists the table",
        () -> !new Select(driver.findElement(By.id("lookup-table"))).getOptions().isEmpty());
    new Select(driver.findElement(By.id("lookup-table"))).selectByValue("counts");
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    boolean answered = false;
    while (!answered && System.nanoTime() < deadline) {
      WebElement input = driver.findElement(By.id("lookup-key"));
      input.clear();
      input.sendKeys(lookupKey);
      driver.findElement(By.id("lookup-go")).click(); // asks again until the other worker answers
      long wait = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!answered && System.nanoTime() < wait) {
        answered = !driver.findElements(By.id("lookup-served-by")).isEmpty()
            && text("lookup-served-by").equals(address(b)) && text("lookup-value").equals("1");
        Thread.sleep(100); // polls the page; not a wait for a fixed time
      }
    }
    assertTrue(answered, "the lookup of '" + lookupKey + "' at " + address(a) + " is answered by "
        + address(b) + "; the page shows: " + text("lookup-result"));
    assertEquals(address(a), text("lookup-forwarded-by"), "the page's worker forwarded it");

    byte[] png = ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES);
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target", "dashboard.png"), png);
    String copy = System.getProperty("mephisto.dashboard.screenshot");
    if (copy != null && !copy.isBlank()) {
      Files.write(Path.of(copy), png);
    }
    assertTrue(png.length > 10_000, "a real screenshot");
  }
}
