package imageserver.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's chromium, headless, driven through its chromedriver: the browser the viewer tests use. */
public final class HeadlessChromium {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    /** Starts one with its profile in {@code profile}; skips the test when none is installed, except on CI. */
    public static WebDriver start(Path profile) throws IOException {
        return start(profile, PageLoadStrategy.NORMAL);
    }

    /** As above; with {@link PageLoadStrategy#EAGER}, commands wait for a page's DOM, not for its images. */
    public static WebDriver start(Path profile, PageLoadStrategy pageLoad) throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(installed, "needs Debian's chromium and chromium-driver (.ci/run installs them)");
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setPageLoadStrategy(pageLoad);
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--window-size=1280,800",
                // As a desktop browser treats a page the user has not clicked: no sound by itself.
                "--autoplay-policy=user-gesture-required",
                "--user-data-dir=" + Files.createDirectories(profile));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        return new ChromeDriver(service, options);
    }
}
