package imageserver.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.By;

import io.helidon.webserver.WebServer;

import imageserver.index.IndexDatabase;
import imageserver.index.IndexListener;
import imageserver.index.IndexReader;
import imageserver.index.Indexer;
import imageserver.index.SaltSetting;
import imageserver.testing.HeadlessChromium;
import imageserver.testing.ServedIndex;
import imageserver.testing.TestFiles;

/** The viewer in a real headless Chromium (Debian's chromium and chromedriver) against the real server. */
class ViewerBrowserTest {
    private static final String XSS_NAME = "<img src=x onerror=alert(1)>.png";

    @TempDir
    static Path dir;

    private static IndexDatabase db;
    private static IndexReader reader;
    private static WebServer server;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        browser = HeadlessChromium.start(dir.resolve("chromium-profile"));
        Path photos = Files.createDirectories(dir.resolve("photos"));
        Color[] colors = {Color.RED, Color.GREEN, Color.BLUE, Color.ORANGE, Color.MAGENTA};
        for (int i = 0; i < colors.length; i++) {
            png(photos.resolve("img" + (i + 1) + ".png"), colors[i]);
        }
        png(photos.resolve(XSS_NAME), Color.CYAN);
        db = IndexDatabase.open(dir.resolve("db/index"));
        String salt = SaltSetting.establish(db, "viewer-test").salt();
        new Indexer(db, salt, IndexListener.NONE).index(List.of(photos));
        reader = new IndexReader(db);
        server = ImageServer.start(reader, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.stop();
        }
        if (db != null) {
            reader.close();
            db.close();
        }
    }

    @BeforeEach
    void desktopWindow() {
        browser.manage().window().setSize(new Dimension(1280, 800));
    }

    private static void png(Path file, Color color) throws Exception {
        BufferedImage image = new BufferedImage(320, 200, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, 320, 200);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private static String hashAt(long position) throws Exception {
        return reader.atPosition(position).orElseThrow().hash();
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(10));
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static void waitForPosition(String position) {
        waiting().until(d -> position.equals(d.findElement(By.id("position")).getText()));
    }

    private static void waitForUrl(String pathAndQuery) {
        waiting().until(d -> d.getCurrentUrl().equals(url(pathAndQuery)));
    }

    private static void press(CharSequence key) {
        new Actions(browser).sendKeys(key).perform();
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private void open(long position, String query) throws Exception {
        browser.get(url("/" + hashAt(position) + query));
        waitForPosition(position + "/6");
    }

    @Test
    void arrowsAndVimKeysNavigateAndTheAddressBarFollows() throws Exception {
        open(1, "?order=next&delay=0");

        press(org.openqa.selenium.Keys.ARROW_RIGHT);
        waitForPosition("2/6");
        waitForUrl("/" + hashAt(2) + "?order=next&delay=0");
        press("l");
        waitForPosition("3/6");
        press("h");
        waitForPosition("2/6");
        press(org.openqa.selenium.Keys.ARROW_LEFT);
        waitForPosition("1/6");
        press(org.openqa.selenium.Keys.ARROW_LEFT);
        waitForPosition("6/6");
        waitForUrl("/" + hashAt(6) + "?order=next&delay=0");
    }

    @Test
    void delayKeysPlayPauseAndOrderAreReflectedInTheUrl() throws Exception {
        open(1, "?order=next&delay=3");
        String hash = hashAt(1);
        press(" ");  // pause
        waitForUrl("/" + hash + "?order=next&delay=3");
        assertEquals("play", browser.findElement(By.id("play")).getAttribute("aria-label"));
        press("+");
        waitForUrl("/" + hash + "?order=next&delay=4");
        press("=");
        press("J");
        waitForUrl("/" + hash + "?order=next&delay=6");
        press("-");
        press("k");
        waitForUrl("/" + hash + "?order=next&delay=4");
        assertEquals("4 s", text("delay"));
        press("o");
        waitForUrl("/" + hash + "?order=random&delay=4");
        assertEquals("random", text("order"));
        press("O");
        waitForUrl("/" + hash + "?order=next&delay=4");
        press("i");
        waiting().until(d -> !d.findElement(By.id("info")).isDisplayed());
        press("I");
        waiting().until(d -> d.findElement(By.id("info")).isDisplayed());
    }

    @Test
    void autoAdvanceMovesOnAfterTheDelay() throws Exception {
        open(1, "?order=next&delay=1");
        long started = System.nanoTime();
        waitForPosition("2/6");
        waitForPosition("3/6");
        double seconds = (System.nanoTime() - started) / 1e9;
        assertTrue(seconds >= 1.5, "two steps of 1 s each took " + seconds + " s");
        press(" ");
        waiting().until(d -> "play".equals(d.findElement(By.id("play")).getAttribute("aria-label")));
    }

    @Test
    void theNextImageIsRequestedBeforeAdvancing() throws Exception {
        open(2, "?order=next&delay=0");
        String nextData = url("/api/" + hashAt(3) + "/data");
        waiting().until(d -> resourcesLoaded().contains(nextData));
        press("l");
        waitForPosition("3/6");
    }

    @Test
    void inRandomOrderTheNextRandomPickIsPreloadedAndShownWithoutAReload() throws Exception {
        open(1, "?order=random&delay=0");
        js("window.sameDocument = true");
        String current = hashAt(1);
        String preloaded = waiting().until(d -> resourcesLoaded().stream()
                .filter(r -> r.matches(".*/api/[0-9a-f]{64}/data") && !r.contains(current))
                .map(r -> r.replaceAll(".*/api/([0-9a-f]{64})/data", "$1"))
                .findFirst().orElse(null));

        press("l");

        waitForUrl("/" + preloaded + "?order=random&delay=0");
        assertEquals(Boolean.TRUE, js("return window.sameDocument === true"), "navigated without a page load");
    }

    @Test
    void swipingLeftGoesForwardAndRightGoesBack() throws Exception {
        open(2, "?order=next&delay=0");
        swipe(300, 100);
        waitForPosition("3/6");
        swipe(100, 300);
        waitForPosition("2/6");
    }

    private static void swipe(int fromX, int toX) {
        js("const stage = document.getElementById('stage');"
                + "const touch = (x) => new Touch({identifier: 1, target: stage, clientX: x, clientY: 200});"
                + "stage.dispatchEvent(new TouchEvent('touchstart', {changedTouches: [touch(" + fromX + ")], bubbles: true}));"
                + "stage.dispatchEvent(new TouchEvent('touchend', {changedTouches: [touch(" + toX + ")], bubbles: true}));");
    }

    @SuppressWarnings("unchecked")
    private static List<String> resourcesLoaded() {
        return (List<String>) js("return performance.getEntriesByType('resource').map(e => e.name)");
    }

    @Test
    void chevronsAndClicksOnTheImageHalvesNavigate() throws Exception {
        open(1, "?order=next&delay=0");
        browser.findElement(By.id("next")).click();
        waitForPosition("2/6");
        WebElement image = browser.findElement(By.id("media"));
        new Actions(browser).moveToElement(image, image.getSize().getWidth() / 4, 0).click().perform();
        waitForPosition("3/6");
        image = browser.findElement(By.id("media"));
        new Actions(browser).moveToElement(image, -image.getSize().getWidth() / 4, 0).click().perform();
        waitForPosition("2/6");
        browser.findElement(By.id("prev")).click();
        waitForPosition("1/6");
        browser.findElement(By.id("play")).click();
        assertEquals("body", js("return document.activeElement.tagName.toLowerCase()"), "focus is not kept by a button");
    }

    @Test
    void reloadAndBackResumeWhereTheUserWas() throws Exception {
        open(1, "?order=next&delay=0");
        press("l");
        waitForPosition("2/6");
        press("l");
        waitForPosition("3/6");
        press("+");
        press("+");
        waitForUrl("/" + hashAt(3) + "?order=next&delay=2");
        press(" ");  // pause so nothing moves while we reload

        browser.navigate().refresh();
        waitForPosition("3/6");
        assertEquals("2 s", text("delay"));

        browser.navigate().back();
        waitForPosition("2/6");
    }

    @Test
    void aNameThatLooksLikeHtmlIsShownAsText() throws Exception {
        long position = 0;
        for (long p = 1; p <= 6; p++) {
            if (reader.atPosition(p).orElseThrow().path().equals(XSS_NAME)) {
                position = p;
            }
        }
        open(position, "?order=next&delay=0");
        assertEquals(XSS_NAME, text("name"));
        assertEquals(0, browser.findElements(By.cssSelector("#info img")).size());
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
        assertEquals(XSS_NAME, js("return document.title"));
    }

    @Test
    void deflatedZipEntryArrivesGzippedAndIsShown() throws Exception {
        // A BMP is raw pixels, so its deflated entry is far smaller than the image it decodes to.
        BufferedImage image = new BufferedImage(320, 200, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream bmp = new ByteArrayOutputStream();
        ImageIO.write(image, "bmp", bmp);
        TestFiles.zip().deflated("plain.bmp", bmp.toByteArray()).writeTo(dir.resolve("album.zip"));
        try (ServedIndex album = ServedIndex.of(dir.resolve("album-db"), List.of(dir.resolve("album.zip")))) {
            browser.get(album.url("/" + album.at(1).hash() + "?order=next&delay=0"));
            waiting().until(d -> (Boolean) js("const m = document.getElementById('media'); return m.complete && m.naturalWidth > 0"));
            assertEquals(320L, js("return document.getElementById('media').naturalWidth"));
            String timing = "return performance.getEntriesByType('resource').find(r => r.name.endsWith('/data'))";
            long decoded = (Long) js(timing + ".decodedBodySize");
            long encoded = (Long) js(timing + ".encodedBodySize");
            assertEquals(bmp.size(), decoded);
            assertTrue(encoded < decoded / 10, "sent as gzip: " + encoded + " bytes for " + decoded);
        }
    }

    @Test
    void desktopAndPhoneLayoutsFitTheScreen() throws Exception {
        Path shots = Files.createDirectories(Path.of("target", "screenshots"));
        open(2, "?order=next&delay=0");
        waiting().until(d -> (Boolean) js("const m = document.getElementById('media'); return m.complete && m.naturalWidth > 0"));
        Files.write(shots.resolve("viewer-desktop.png"), ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        assertFitsViewport();

        browser.manage().window().setSize(new Dimension(360, 740));
        open(3, "?order=next&delay=0");
        waiting().until(d -> (Boolean) js("const m = document.getElementById('media'); return m.complete && m.naturalWidth > 0"));
        Files.write(shots.resolve("viewer-phone.png"), ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        assertFitsViewport();
        assertFalse((Boolean) js("return document.documentElement.scrollWidth > window.innerWidth"), "no sideways scroll");
    }

    private static void assertFitsViewport() {
        long width = ((Number) js("return window.innerWidth")).longValue();
        long height = ((Number) js("return window.innerHeight")).longValue();
        for (String id : List.of("media", "prev", "next", "play", "info")) {
            WebElement element = browser.findElement(By.id(id));
            var r = element.getRect();
            assertTrue(r.getX() >= 0 && r.getY() >= 0 && r.getX() + r.getWidth() <= width
                    && r.getY() + r.getHeight() <= height, id + " inside " + width + "x" + height + ": " + r);
        }
        assertNotEquals(0, browser.findElement(By.id("media")).getSize().getWidth());
    }

    static {
        // Selenium Manager would try to download a driver: there is no network for that here.
        System.setProperty("SE_MANAGER_PATH", new File("/bin/false").getPath());
    }
}
