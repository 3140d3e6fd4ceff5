package io.lotabots.acceptance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The pages a person looks at, in headless Chromium against the running Jenkins: the global configuration (renders
 * whole, saves, reloads with every field), a freestyle job's configuration with a recorder, the Snippet Generator of
 * every step, the build page's bot cards, the Bot Messages page, the job's trend chart and the stage view. After each
 * test, Jenkins' log has no Jelly error and the browser no JavaScript error. Screenshots are kept in
 * {@code target/screenshots/}.
 */
@RequiresJenkins
class JenkinsPagesATest {
    private static final String CONFIGURATION_FILE = "io.jenkins.plugins.lotabots.LotaBotsConfiguration.xml";
    private static final String CLUSTER_CREDENTIAL = "lotabots-at-kube-token";
    private static final List<String> STEPS = List.of("buildBot", "testBot", "securityBot", "deployBot", "monitorBot",
            "notificationBot", "botMessage", "botMessages");

    @RegisterExtension
    static final JenkinsJobs JENKINS = new JenkinsJobs();

    private static Browser browser;
    private static String savedConfiguration;
    private long testStart;

    @BeforeAll
    static void openTheBrowser() throws Exception {
        assumeTrue(Browser.unavailable().isEmpty(), Browser.unavailable().orElse(""));
        savedConfiguration = JENKINS.client().runScript("""
                def f = new File(jenkins.model.Jenkins.get().rootDir, '%s')
                print(f.exists() ? f.getText('UTF-8').bytes.encodeBase64().toString() : '')
                """.formatted(CONFIGURATION_FILE)).strip();
        JENKINS.client().runScript("""
                import com.cloudbees.plugins.credentials.*
                import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl
                def store = SystemCredentialsProvider.getInstance()
                store.getCredentials().removeIf { it.id == '%1$s' }
                store.getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL, '%1$s', 'LotaBots page check',
                        hudson.util.Secret.fromString('not-a-real-token')))
                store.save()
                """.formatted(CLUSTER_CREDENTIAL));
        browser = Browser.open(JENKINS.client().base());
    }

    @AfterAll
    static void closeTheBrowserAndRemoveTheCredential() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (savedConfiguration != null) {
            JENKINS.client().runScript("""
                    def store = com.cloudbees.plugins.credentials.SystemCredentialsProvider.getInstance()
                    store.getCredentials().removeIf { it.id == '%s' }
                    store.save()
                    """.formatted(CLUSTER_CREDENTIAL));
        }
    }

    /** Puts the global configuration back as it was before this class, so that no test sees another's settings. */
    @AfterEach
    void restoreTheConfiguration() throws Exception {
        JENKINS.client().runScript("""
                def f = new File(jenkins.model.Jenkins.get().rootDir, '%s')
                def saved = '%s'
                def c = io.jenkins.plugins.lotabots.LotaBotsConfiguration.get()
                // loading a file leaves the fields it does not name as they are: start from the defaults
                ['slackWebhookCredentialsId', 'slackBotTokenCredentialsId', 'slackChannel', 'pagerDutyCredentialsId',
                 'smtpHost', 'smtpFrom', 'smtpCredentialsId', 'prometheusUrl', 'prometheusCredentialsId', 'failOn',
                 'minCoverage', 'maxFailures'].each { c."$it" = null }
                c.smtpPort = 587
                c.smtpStartTls = true
                c.clusters = []
                c.artifactStores = []
                if (saved.isEmpty()) { f.delete() } else { f.setText(new String(saved.decodeBase64(), 'UTF-8'), 'UTF-8'); c.load() }
                """.formatted(CONFIGURATION_FILE, savedConfiguration));
    }

    @BeforeEach
    void rememberTheServerTime() throws Exception {
        testStart = Long.parseLong(JENKINS.client().runScript("print(System.currentTimeMillis())").strip());
        browser.collectErrors();
    }

    @AfterEach
    void noJellyErrorsAndNoJavaScriptErrors(final TestInfo test) throws Exception {
        browser.screenshot(test.getTestMethod().orElseThrow().getName() + "-last");
        String warnings = JENKINS.client().runScript("""
                jenkins.model.Jenkins.logRecords.findAll { it.millis >= %dL && it.level.intValue() >= 900 }
                    .each { println(it.loggerName + ': ' + it.message + (it.thrown ? ' ' + it.thrown : '')) }
                """.formatted(testStart));
        assertThat(warnings.lines().filter(line -> line.toLowerCase(java.util.Locale.ROOT).contains("jelly")
                || line.contains("lotabots"))).as("Jenkins log warnings during the test:%n%s", warnings).isEmpty();
        assertThat(browser.collectErrors()).as("JavaScript errors in the browser").isEmpty();
    }

    @Test
    void shouldRenderTheWholeSystemPageAndKeepEveryLotaBotsFieldThroughSave() throws Exception {
        browser.open("manage/configure");
        browser.waitFor(By.xpath("//button[@name='Submit']"));
        assertThat(browser.text()).contains("LotaBots").contains("Slack").contains("Kubernetes")
                .contains("Default gates");
        assertThat(sectionsAfterLotaBots()).as("sections rendered after the LotaBots section").isPositive();

        Map<String, String> values = new LinkedHashMap<>();
        values.put("slackChannel", "#deploys-at");
        values.put("smtpHost", "smtp.example.com");
        values.put("smtpFrom", "lotabots@example.com");
        values.put("prometheusUrl", "http://127.0.0.1:19090");
        values.put("minCoverage", "75");
        values.put("maxFailures", "2");
        values.forEach(this::type);
        addCluster("prod-eu", "https://k8s.example.com:6443", "shop");
        browser.screenshot("system-configuration-filled");
        browser.click(browser.waitFor(By.xpath("//button[@name='Submit']")));
        browser.waitForPresence(By.id("main-panel"));

        browser.open("manage/configure");
        browser.waitFor(By.xpath("//button[@name='Submit']"));
        browser.screenshot("system-configuration-reloaded");
        values.forEach((field, value) -> assertThat(field(field).getDomProperty("value")).as(field).isEqualTo(value));
        List<WebElement> clusters = browser.all(By.xpath("//div[contains(@class,'repeated-chunk')]"
                + "[.//input[@name='_.serverUrl']]"));
        assertThat(clusters).as("configured clusters").hasSize(1);
        assertThat(clusters.get(0).findElement(By.name("_.name")).getDomProperty("value")).isEqualTo("prod-eu");
        assertThat(clusters.get(0).findElement(By.name("_.serverUrl")).getDomProperty("value"))
                .isEqualTo("https://k8s.example.com:6443");
        assertThat(clusters.get(0).findElement(By.name("_.namespace")).getDomProperty("value")).isEqualTo("shop");
    }

    @Test
    void shouldShowTheRecorderInAFreestyleJobsConfiguration() throws Exception {
        String job = JENKINS.job("pages-recorder", JobXml.freestyle("LotaBots page check", "echo hi",
                Map.of("io.jenkins.plugins.lotabots.test.TestBotRecorder", Map.of("minCoverage", "55.0"))));

        browser.open("job/" + job + "/configure");
        browser.waitFor(By.xpath("//button[@name='Submit']"));
        browser.screenshot("freestyle-recorder");

        assertThat(browser.text()).contains("TestBot");
        assertThat(browser.all(By.xpath("//input[@name='_.minCoverage']")))
                .anySatisfy(input -> assertThat(input.getDomProperty("value")).isEqualTo("55.0"));
    }

    @Test
    void shouldGenerateASnippetForEveryStep() throws Exception {
        String job = JENKINS.pipelineScript("pages-snippets", "echo 'snippets'");
        browser.open("job/" + job + "/pipeline-syntax/");
        WebElement selector = browser.waitFor(By.xpath("//select[contains(@class,'dropdownList')]"));

        for (String step : STEPS) {
            Select steps = new Select(selector);
            WebElement option = steps.getOptions().stream()
                    .filter(candidate -> candidate.getText().startsWith(step + ":")).findFirst()
                    .orElseThrow(() -> new AssertionError("no Snippet Generator entry for " + step));
            steps.selectByVisibleText(option.getText());
            // The step's form loads after the choice; generate until the snippet is the chosen step's.
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(30))
                    .until(page -> {
                        browser.click(browser.waitFor(By.id("generatePipelineScript")));
                        String value = browser.waitFor(By.id("prototypeText")).getDomProperty("value");
                        return value != null && value.startsWith(step);
                    });
            String snippet = browser.waitFor(By.id("prototypeText")).getDomProperty("value");
            assertThat(snippet).as("snippet of %s", step).startsWith(step).doesNotContain("Exception")
                    .as("a checkbox left at the bot's default is not written into the snippet")
                    .doesNotContain("newOnly: false").doesNotContain("resolveMaven: true")
                    .doesNotContain("approve: false").doesNotContain("failOnError: false");
            browser.screenshot("snippet-" + step);
        }
    }

    @Test
    void shouldShowBotCardsTimelineTrendAndStageLabels() throws Exception {
        String job = JENKINS.pipelineScript("pages-build", """
                node {
                  stage('Test') {
                    writeFile file: 'target/surefire-reports/TEST-demo.xml', text: '<testsuite name="demo" tests="2" failures="0"><testcase classname="demo" name="a"/><testcase classname="demo" name="b"/></testsuite>'
                    testBot junit: ['target/surefire-reports/TEST-*.xml']
                  }
                  stage('Announce') {
                    botMessage type: 'custom.release_ready', payload: [version: '1.2.0']
                  }
                }
                """);
        JENKINS.run(job, Map.of());
        BuildRun second = JENKINS.run(job, Map.of());
        assertThat(second.result()).as("%s", second).isEqualTo("SUCCESS");
        String build = "job/" + job + "/" + second.number() + "/";

        browser.open(build);
        WebElement cards = browser.waitFor(By.id("lotabots-cards"));
        browser.screenshot("build-page-cards");
        assertThat(cards.findElement(By.id("lotabots-card-test")).getText()).contains("TestBot").contains("2 tests")
                .contains("2 passed");

        browser.open(build + "lotabots/");
        browser.waitFor(By.id("lotabots-timeline"));
        browser.screenshot("bot-messages-page");
        List<WebElement> rows = browser.all(By.cssSelector("#lotabots-timeline tr.lotabots-message"));
        assertThat(rows).hasSizeGreaterThanOrEqualTo(2);
        assertThat(rows.get(0).getText()).containsPattern("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC")
                .doesNotContainPattern("\\d\\d:\\d\\d:\\d\\d\\.\\d");
        new Select(browser.waitFor(By.id("lotabots-type"))).selectByValue("custom.release_ready");
        browser.click(browser.waitFor(By.xpath("//form[@id='lotabots-filters']//button")));
        browser.waitFor(By.id("lotabots-timeline"));
        assertThat(browser.all(By.cssSelector("#lotabots-timeline tr.lotabots-message")))
                .allSatisfy(row -> assertThat(row.getAttribute("data-type")).isEqualTo("custom.release_ready"));

        browser.open("job/" + job + "/");
        WebElement canvas = browser.waitForPresence(By.cssSelector("#lotabots-trend-chart canvas"));
        browser.screenshot("job-trend-chart");
        Object greenPixels = browser.script("""
                const canvas = arguments[0];
                const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                let count = 0;
                for (let i = 0; i < data.length; i += 4) {
                  if (data[i + 3] > 0 && data[i + 1] > data[i] + 40 && data[i + 1] > data[i + 2] + 40) { count++; }
                }
                return count;
                """, canvas);
        assertThat(((Number) greenPixels).longValue()).as("pixels of the 'tests passed' series drawn").isGreaterThan(100);

        if (JENKINS.client().hasActivePlugin("pipeline-graph-view")) {
            browser.open(build + "pipeline-overview/");
            WebElement stage = browser.waitForPresence(By.xpath("//a[contains(@href,'selected-node')]"
                    + "[.//*[normalize-space(text())='Test']]"));
            browser.open(stage.getAttribute("href").replaceFirst("^https?://[^/]+/", ""));
            browser.waitForText("TestBot: ");
            browser.screenshot("pipeline-graph-view");
            assertThat(browser.text()).contains("TestBot: 2 tests");
        }
    }

    private long sectionsAfterLotaBots() {
        Object count = browser.script("""
                const sections = Array.from(document.querySelectorAll('.jenkins-section__title, .section-header'));
                const index = sections.findIndex(s => s.textContent.trim() === 'LotaBots');
                return index < 0 ? -1 : sections.length - index - 1;
                """);
        return ((Number) count).longValue();
    }

    private WebElement field(final String name) {
        return browser.waitForPresence(By.name("_." + name));
    }

    private void type(final String name, final String value) {
        WebElement input = field(name);
        browser.script("arguments[0].scrollIntoView({block: 'center'});", input);
        input.clear();
        input.sendKeys(value);
    }

    private void addCluster(final String name, final String server, final String namespace) {
        WebElement add = browser.waitForPresence(By.xpath("//button[contains(@class,'repeatable-add')]"
                + "[normalize-space(.)='Add cluster']"));
        browser.click(add);
        List<WebElement> chunks = browser.all(By.xpath("//div[contains(@class,'repeated-chunk')]"
                + "[.//input[@name='_.serverUrl']]"));
        WebElement chunk = chunks.get(chunks.size() - 1);
        chunk.findElement(By.name("_.name")).sendKeys(name);
        chunk.findElement(By.name("_.serverUrl")).sendKeys(server);
        chunk.findElement(By.name("_.namespace")).sendKeys(namespace);
        WebElement credentials = chunk.findElement(By.name("_.credentialsId"));
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(30)).until(
                page -> new Select(credentials).getOptions().stream()
                        .anyMatch(option -> CLUSTER_CREDENTIAL.equals(option.getDomProperty("value"))));
        new Select(credentials).selectByValue(CLUSTER_CREDENTIAL);
    }
}
