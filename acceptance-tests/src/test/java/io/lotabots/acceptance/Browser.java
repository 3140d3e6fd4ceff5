package io.lotabots.acceptance;

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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;

/**
 * A headless Chromium (Debian's {@code chromium} and {@code chromedriver}; nothing is downloaded) that looks at
 * Jenkins pages as a person does: logged in through the login form, collecting the browser's own errors (JavaScript
 * exceptions, failed requests) and keeping a screenshot of every page it checks under
 * {@code target/screenshots/}.
 */
final class Browser implements AutoCloseable {
    /** Where Debian installs the browser and its driver. */
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("LOTABOTS_AT_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("LOTABOTS_AT_CHROMEDRIVER",
            "/usr/bin/chromedriver"));
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final URI base;
    private final List<String> errors = new ArrayList<>();

    private Browser(final ChromeDriver driver, final URI base) {
        this.driver = driver;
        this.base = base;
    }

    /**
     * Returns why the browser checks cannot run here, or nothing when they can.
     *
     * @return the reason to skip them
     */
    static Optional<String> unavailable() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            return Optional.of("the browser checks need Debian's chromium and chromium-driver (" + CHROMIUM + ", "
                    + CHROMEDRIVER + "): apt-get install chromium chromium-driver");
        }
        if (System.getenv("JENKINS_USER") != null && System.getenv("JENKINS_PASSWORD") == null) {
            return Optional.of("the browser checks log in through Jenkins' login form: set JENKINS_PASSWORD for "
                    + "JENKINS_USER (an API token does not open a browser session)");
        }
        return Optional.empty();
    }

    /**
     * Starts the browser and logs in when {@code JENKINS_USER} is set.
     *
     * @param base the Jenkins root URL
     * @return the browser
     */
    static Browser open(final URI base) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        Browser browser = new Browser(new ChromeDriver(service, options), base);
        String user = System.getenv("JENKINS_USER");
        if (user != null) {
            browser.login(user, System.getenv("JENKINS_PASSWORD"));
        }
        return browser;
    }

    private void login(final String user, final String password) {
        driver.get(base.resolve("login").toString());
        WebElement name = waitFor(By.name("j_username"));
        name.sendKeys(user);
        driver.findElement(By.name("j_password")).sendKeys(password);
        driver.findElement(By.name("Submit")).click();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.not(ExpectedConditions.urlContains("login")));
        collectErrors();
    }

    /**
     * Opens a page below the Jenkins root.
     *
     * @param path the path, for example {@code manage/configure}
     */
    void open(final String path) {
        driver.get(base.resolve(path).toString());
        new WebDriverWait(driver, WAIT).until(ready -> "complete".equals(
                ((JavascriptExecutor) driver).executeScript("return document.readyState")));
    }

    /** Waits until an element is on the page and visible. */
    WebElement waitFor(final By by) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Waits until an element is on the page, visible or not. */
    WebElement waitForPresence(final By by) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(by));
    }

    /** Waits until the page's text contains a text. */
    void waitForText(final String text) {
        new WebDriverWait(driver, WAIT).until(page -> page.findElement(By.tagName("body")).getText().contains(text));
    }

    /** The elements the locator finds now. */
    List<WebElement> all(final By by) {
        return driver.findElements(by);
    }

    /** The visible text of the page. */
    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** The HTML of the page. */
    String source() {
        return driver.getPageSource();
    }

    /** Runs a script in the page, for example to scroll or to read a value. */
    Object script(final String script, final Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** Clicks an element once it is on the page, scrolled into view first. */
    void click(final WebElement element) {
        script("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    WebDriver driver() {
        return driver;
    }

    /**
     * Keeps a screenshot of the page as {@code target/screenshots/NAME.png}.
     *
     * @param name the file name without extension
     * @return the file
     */
    Path screenshot(final String name) throws IOException {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", "screenshots", name + ".png");
        Files.createDirectories(target.getParent());
        return Files.move(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Returns the browser's errors since the last call: JavaScript exceptions and failed requests of the pages opened.
     *
     * @return the errors, with the page they happened on
     */
    List<String> collectErrors() {
        List<String> found = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                found.add(entry.getMessage());
            }
        }
        errors.addAll(found);
        return found;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
