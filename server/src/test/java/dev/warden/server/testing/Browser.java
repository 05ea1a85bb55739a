package dev.warden.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) driving Warden's
 * pages. Without them the test is skipped with a message, except under {@code CI=true}, where
 * {@code .ci/run} installs them and a missing browser is a failure.
 */
public final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final WebDriver driver;
    private final String base;
    private final Path profile;

    private Browser(WebDriver driver, String base, Path profile) {
        this.driver = driver;
        this.base = base;
        this.profile = profile;
    }

    /** A browser for the Warden on {@code port}; skips (or fails on CI) without Chromium. */
    public static Browser open(int port) {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (!present) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(
                        "CI=true but Chromium is missing: .ci/run installs chromium and chromium-driver");
            }
            Assumptions.abort(
                    "Chromium is not installed (apt-get install chromium chromium-driver); browser test skipped");
        }
        try {
            Path profile = Files.createTempDirectory("warden-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
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
                    "--window-size=1280,900",
                    "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(DRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
            return new Browser(driver, "http://localhost:" + port, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Browser go(String path) {
        driver.get(base + path);
        return this;
    }

    /** Signs in through the sign-in page. */
    public Browser signIn(String username, String password) {
        go("/login");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        follow(driver.findElement(By.cssSelector("form button[type=submit]")));
        return this;
    }

    /** Clicks a link or a submit button and waits until the next page has replaced this one. */
    public void follow(WebElement element) {
        WebElement page = driver.findElement(By.tagName("html"));
        element.click();
        untilStale(page);
    }

    /**
     * Waits until the element has left the page. While a page is being replaced, Chromium may answer
     * "node does not belong to the document" as an unknown error rather than a stale element: that is
     * the same news a moment early, so the wait asks again instead of failing.
     */
    private void untilStale(WebElement element) {
        new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(15))
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(element));
    }

    /**
     * Clicks something htmx answers in place: waits until the part of the page it replaces (here,
     * {@code replaced}) is gone, and fails if the whole page was loaded again instead.
     */
    public void swap(WebElement element, WebElement replaced) {
        WebElement page = driver.findElement(By.tagName("html"));
        element.click();
        untilStale(replaced);
        try {
            page.isDisplayed();
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            throw new AssertionError("the whole page was loaded again; expected an in-place update", e);
        }
    }

    /** Types into a field htmx listens to and waits for the part it replaces to be swapped. */
    public void typeAndSwap(WebElement field, String text, WebElement replaced) {
        WebElement page = driver.findElement(By.tagName("html"));
        field.sendKeys(text);
        untilStale(replaced);
        try {
            page.isDisplayed();
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            throw new AssertionError("the whole page was loaded again; expected an in-place update", e);
        }
    }

    /** Waits (up to 30 s) until the page's visible text holds {@code text}, for a page that updates itself. */
    public void waitForText(String text) {
        new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(30))
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> d.findElement(By.tagName("body")).getText().contains(text));
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    public java.util.List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    /** Runs a script in the page (to set a date field, which typing sets by locale). */
    public void script(String script, Object... args) {
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Runs a script in the page and answers what it returns. */
    public @org.jspecify.annotations.Nullable Object value(String script) {
        return ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(script);
    }

    /** Resizes the window to {@code width} by 900 pixels (the console's narrowest supported width is 800). */
    public void width(int width) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, 900));
    }

    /**
     * Runs axe-core (the script at {@code axe}) in the page against WCAG 2.1 A and AA, and answers its
     * violations of serious or critical impact, one line each: rule, impact, and the elements it names.
     */
    public java.util.List<String> accessibilityViolations(Path axe) {
        try {
            org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) driver;
            js.executeScript(Files.readString(axe));
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            Object found = js.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                      .then(r => done(r.violations
                        .filter(v => v.impact === 'serious' || v.impact === 'critical')
                        .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '
                          + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))))
                      .catch(e => done(['axe failed: ' + e]));
                    """);
            java.util.List<String> out = new java.util.ArrayList<>();
            if (found instanceof java.util.List<?> list) {
                list.forEach(o -> out.add(String.valueOf(o)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The visible text of the page. */
    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public String title() {
        return driver.getTitle();
    }

    public String path() {
        String url = driver.getCurrentUrl();
        return url == null ? "" : url.substring(base.length());
    }

    /** Saves a PNG of the window under target/screenshots (the docs' pictures are taken from there). */
    public void screenshot(String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.write(dir.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary profile is harmless
        }
    }
}
