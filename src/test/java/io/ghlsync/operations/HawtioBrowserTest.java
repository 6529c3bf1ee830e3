package io.ghlsync.operations;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hawtio in a real headless Chromium (Debian's chromium and chromedriver, which .ci/run installs): the engine runs
 * outside sandbox mode, so the browser logs in with the admin credentials, opens the Camel plugin and finds this
 * application's routes in the tree. The screenshot is written to target/hawtio-camel-routes.png.
 */
class HawtioBrowserTest extends HawtioTestSupport {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private WebDriver browser;


    @BeforeEach
    void openBrowser() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "skipped: needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver); "
                        + ".ci/run installs them with apt-get");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void logsInAndFindsThisApplicationsRoutesInTheCamelTree() throws Exception {
        String base = hawtioUrl();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.get(base);

        WebElement password = wait.until(d -> first(d, By.cssSelector("input[type=password]")));
        WebElement user = first(browser, By.cssSelector("input[type=text], input[type=email], input:not([type])"));
        assertThat(user).as("the login form has a user field").isNotNull();
        user.sendKeys(USER);
        password.sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        wait.until(d -> !d.findElements(By.cssSelector("input[type=password]")).isEmpty() ? null : Boolean.TRUE);
        browser.get(base + "camel/routes");
        String route = "cliengo-to-ghl";
        try {
            wait.until(d -> d.getPageSource().contains(route) && d.getPageSource().contains("dead-letters") ? Boolean.TRUE : null);
        } finally {
            screenshot(Path.of("target", "hawtio-camel-routes.png"));
        }
        assertThat(browser.getPageSource()).contains("ghl-sync").contains(route).contains("admin-dead-letters-list");

        // the route's diagram, drawn from the YAML route through Camel's read-only dump operations
        wait.until(d -> first(d, By.xpath("//*[normalize-space(text())='" + route + "']"))).click();
        wait.until(d -> first(d, By.xpath("//button[normalize-space(.)='Route Diagram'] | //a[normalize-space(.)='Route Diagram']"))).click();
        try {
            wait.until(d -> first(d, By.cssSelector(".react-flow__node")));
        } finally {
            screenshot(Path.of("target", "hawtio-route-diagram.png"));
        }
        assertThat(browser.findElements(By.cssSelector(".react-flow__node")).size()).as("steps drawn").isGreaterThan(2);
    }

    private void screenshot(Path to) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(to.getParent());
        Files.copy(shot.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
    }

    private static WebElement first(WebDriver driver, By by) {
        List<WebElement> found = driver.findElements(by);
        return found.isEmpty() ? null : found.get(0);
    }
}
