package io.lotabots.cli;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's headless Chromium, driven through its chromedriver, looking at a run report as a person does. The tests
 * that use it fail (they do not skip) when the browser is missing: {@code scripts/services} installs it, and CI runs
 * it. Every page it looks at is kept as a screenshot under {@code target/screenshots/}.
 */
final class ReportBrowser implements AutoCloseable {
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("LOTABOTS_CHROMIUM",
            "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("LOTABOTS_CHROMEDRIVER",
            "/usr/bin/chromedriver"));

    private final ChromeDriver driver;

    private ReportBrowser(final ChromeDriver driver) {
        this.driver = driver;
    }

    /**
     * Starts the browser, with a window as wide as a laptop's.
     *
     * @return the browser
     */
    static ReportBrowser open() {
        assertThat(CHROMIUM).as("Debian's chromium, installed by scripts/services (apt-get install chromium"
                + " chromium-driver)").isExecutable();
        assertThat(CHROMEDRIVER).as("Debian's chromium-driver, installed by scripts/services").isExecutable();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ReportBrowser(new ChromeDriver(service, options));
    }

    /**
     * Opens a report file and waits until it is rendered.
     *
     * @param report the HTML file
     */
    void show(final Path report) {
        driver.get(report.toUri().toString());
        assertThat(((JavascriptExecutor) driver).executeScript("return document.readyState")).isEqualTo("complete");
    }

    /**
     * Returns the visible elements a selector finds.
     *
     * @param css the selector
     * @return the elements a person sees (displayed, with a size; a flat line in a chart has no height)
     */
    List<WebElement> visible(final String css) {
        return driver.findElements(By.cssSelector(css)).stream()
                .filter(element -> element.isDisplayed() && (element.getSize().getWidth() > 0
                        || element.getSize().getHeight() > 0)).toList();
    }

    /**
     * Returns every element a selector finds, seen or not (the parts of a drawing).
     *
     * @param css the selector
     * @return the elements
     */
    List<WebElement> all(final String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /**
     * Returns a computed style of the first element a selector finds.
     *
     * @param css the selector
     * @param property the CSS property, for example {@code border-top-color}
     * @return the value as the browser computes it
     */
    String style(final String css, final String property) {
        return driver.findElement(By.cssSelector(css)).getCssValue(property);
    }

    /**
     * Keeps a screenshot of the whole page.
     *
     * @param name the file name without extension
     * @return the screenshot
     * @throws IOException if it cannot be written
     */
    Path screenshot(final String name) throws IOException {
        Object height = ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280,
                Math.min(8000, ((Number) height).intValue() + 40)));
        Path folder = Files.createDirectories(Path.of("target", "screenshots"));
        Path file = folder.resolve(name + ".png");
        Files.move(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
