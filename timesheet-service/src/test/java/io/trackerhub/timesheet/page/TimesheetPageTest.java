package io.trackerhub.timesheet.page;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackerhub.timesheet.Hub;
import io.trackerhub.timesheet.Imported;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.PostgresDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web timesheet in a real headless browser: Debian's chromium driven by Selenium through chromium-driver.
 * Without them (CHROMIUM_PATH / CHROMEDRIVER_PATH, default /usr/bin/chromium and /usr/bin/chromedriver) the test
 * is skipped and says why; .ci/run installs them.
 */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
class TimesheetPageTest {

    static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getenv().getOrDefault("CHROMEDRIVER_PATH", "/usr/bin/chromedriver");

    @TestHTTPResource("/")
    URL page;

    private static void requireBrowser() {
        for (String executable : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(Path.of(executable))) {
                String reason = "browser test skipped: " + executable + " is not installed (apt-get install -y chromium chromium-driver, "
                        + "or set CHROMIUM_PATH / CHROMEDRIVER_PATH)";
                System.out.println(reason);
                Assumptions.abort(reason);
            }
        }
    }

    /** For people reviewing the page: target/timesheet-page.png. */
    private static void screenshot(WebDriver browser, String name) {
        try {
            Files.copy(((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.FILE).toPath(),
                    Path.of("target", name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException | RuntimeException e) {
            System.out.println("no screenshot: " + e.getMessage());
        }
    }

    @Test
    void aPersonLogsInFindsAStoryTracksTimeAndSeesTheEntry() {
        requireBrowser();
        String storyName = "Pay with gift cards " + Hub.id();
        Imported imported = Imported.project("Web shop " + Hub.id(), storyName, "Sign up with Google");
        Hub.Person pat = Hub.user("Pat");

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        try {
            browser.get(page.toString());
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
            browser.findElement(By.id("email")).sendKeys(pat.email());
            browser.findElement(By.id("password")).sendKeys(Hub.PASSWORD);
            browser.findElement(By.id("login-button")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
            assertThat(browser.findElement(By.id("user-name")).getText()).isEqualTo("Pat");

            // find the story by part of its name, then by its Tracker id
            browser.findElement(By.id("search")).sendKeys("gift cards " + storyName.substring(storyName.lastIndexOf(' ') + 1));
            // the list is drawn again as each key arrives: read and click through a wait that outlasts a redraw
            wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(
                    ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#results .result"), storyName));
            String result = wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> d.findElement(By.cssSelector("#results .result")).getText());
            assertThat(result).contains(storyName).contains("Web shop");
            browser.findElement(By.id("search")).clear();
            browser.findElement(By.id("search")).sendKeys("#" + imported.storyIds()[0]);
            wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
                WebElement found = d.findElement(By.cssSelector("#results .result"));
                if (!found.getText().contains(storyName)) {
                    return false;
                }
                found.click();
                return true;
            });
            assertThat(browser.findElement(By.id("selected")).getText()).contains("#" + imported.storyIds()[0] + " " + storyName).contains("Web shop");

            // start: the clock runs; stop: the entry is in today's list and this week's
            browser.findElement(By.id("note")).sendKeys("checkout flow");
            browser.findElement(By.id("start")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("stop")));
            wait.until(d -> !"0:00:00".equals(d.findElement(By.id("clock")).getText()));
            assertThat(browser.findElement(By.id("running")).getText()).contains(storyName).contains("checkout flow");
            browser.findElement(By.id("stop")).click();
            String entry = wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> d.findElement(By.cssSelector("#today tr.entry")).getText());
            assertThat(entry).contains(storyName).contains("checkout flow");
            assertThat(browser.findElements(By.cssSelector("#week tr.entry"))).hasSize(1);
            assertThat(browser.findElement(By.id("today-total")).getText()).matches("\\d+:\\d{2}:\\d{2}");
            assertThat(browser.findElement(By.id("stop")).isDisplayed()).isFalse();
            screenshot(browser, "timesheet-page.png");

            List<Map<String, Object>> stored = Hub.as(pat).get("/api/entries").then().statusCode(200).extract().jsonPath().getList("$");
            assertThat(stored).singleElement().satisfies(e -> assertThat(e).containsEntry("task_id", (int) imported.story(0))
                    .containsEntry("note", "checkout flow").containsEntry("source", "timer"));

            // edit the entry's note, then delete it
            wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
                d.findElement(By.cssSelector("#today tr.entry button.edit")).click();
                return true;
            });
            WebElement note = browser.findElement(By.id("entry-note"));
            note.clear();
            note.sendKeys("checkout flow, reviewed");
            browser.findElement(By.id("entry-save")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#today tr.entry"), "checkout flow, reviewed"));
            browser.findElement(By.cssSelector("#today tr.entry button.delete")).click();
            wait.until(ExpectedConditions.alertIsPresent()).accept();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("#today tr.entry")));
            assertThat(browser.findElement(By.id("today-empty")).isDisplayed()).isTrue();
            assertThat(Hub.as(pat).get("/api/entries").then().statusCode(200).extract().jsonPath().getList("$")).isEmpty();

            // force synchronization asks the poller for this integration
            browser.findElement(By.id("sync")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Synchronization requested"));
            assertThat(browser.findElement(By.id("message")).getText()).contains(Long.toString(imported.integration()));

            browser.findElement(By.id("logout")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
        } finally {
            browser.quit();
            service.stop();
        }
    }
}
