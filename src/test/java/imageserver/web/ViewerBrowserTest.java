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
        // An element the page replaces between a lookup and a read is looked up again.
        return (WebDriverWait) new WebDriverWait(browser, Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
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
        waitForUrl("/" + hash + "?order=random&delay=4&seed=" + js("return document.body.dataset.seed"));
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
        open(1, "?order=random&delay=0&seed=5eed");
        js("window.sameDocument = true");
        String current = hashAt(1);
        String preloaded = waiting().until(d -> resourcesLoaded().stream()
                .filter(r -> r.matches(".*/api/[0-9a-f]{64}/data") && !r.contains(current))
                .map(r -> r.replaceAll(".*/api/([0-9a-f]{64})/data", "$1"))
                .findFirst().orElse(null));

        press("l");

        waitForUrl("/" + preloaded + "?order=random&delay=0&seed=5eed");
        assertEquals(Boolean.TRUE, js("return window.sameDocument === true"), "navigated without a page load");
    }

    @Test
    void randomOrderShowsEveryFileOnceAndLeftReturnsToTheOneSeenBefore() throws Exception {
        open(1, "?order=random&delay=0&seed=abc");
        java.util.List<String> seen = new java.util.ArrayList<>();
        seen.add(browser.getCurrentUrl());
        for (int i = 1; i < 6; i++) {
            String before = browser.getCurrentUrl();
            press("l");
            waiting().until(d -> !d.getCurrentUrl().equals(before));
            seen.add(browser.getCurrentUrl());
        }
        assertEquals(6, new java.util.HashSet<>(seen).size(), "six steps, six files: " + seen);
        press("h");
        waiting().until(d -> d.getCurrentUrl().equals(seen.get(4)));
        press("h");
        waiting().until(d -> d.getCurrentUrl().equals(seen.get(3)));

        browser.navigate().refresh();
        press("l");
        waiting().until(d -> d.getCurrentUrl().equals(seen.get(4)));
    }

    @Test
    void questionMarkShowsEveryKeyAndAnyKeyClosesIt() throws Exception {
        open(1, "?order=next&delay=0");
        assertFalse(browser.findElement(By.id("help")).isDisplayed());
        press("?");
        waiting().until(d -> d.findElement(By.id("help")).isDisplayed());
        String help = text("help");
        for (String key : List.of("Space", "O", "F", "I", "?")) {
            assertTrue(help.contains(key), key + " in " + help);
        }
        press("x");
        waiting().until(d -> !d.findElement(By.id("help")).isDisplayed());
        assertEquals("1/6", text("position"), "the key that closed the help did nothing else");
    }

    @Test
    void aDelayChangeIsShownBrieflyEvenWithTheInfoLineHidden() throws Exception {
        open(1, "?order=next&delay=0.5");
        assertEquals("0.5 s", text("delay"));
        press(" ");
        press("i");
        waiting().until(d -> !d.findElement(By.id("info")).isDisplayed());
        press("+");
        waiting().until(d -> d.findElement(By.id("hint")).isDisplayed() && text("hint").contains("1.5 s"));
        waitForUrl("/" + hashAt(1) + "?order=next&delay=1.5");
        waiting().until(d -> !d.findElement(By.id("hint")).isDisplayed());
        press("i");
    }

    @Test
    void aFileGoneFromDiskSaysSoAndNavigationGoesOn() throws Exception {
        Path shelf = Files.createDirectories(dir.resolve("shelf"));
        png(shelf.resolve("a.png"), Color.RED);
        png(shelf.resolve("b.png"), Color.BLUE);
        try (ServedIndex served = ServedIndex.of(dir.resolve("shelf-db"), List.of(shelf))) {
            Files.delete(shelf.resolve("a.png"));
            browser.get(served.url("/" + served.at(1).hash() + "?order=next&delay=0"));
            waiting().until(d -> d.findElement(By.id("media")).getText().contains("This file is no longer on disk"));
            assertEquals(0, browser.findElements(By.cssSelector("#media a[download]")).size(), "nothing to download");
            String second = served.at(2).hash();
            press("l");
            waiting().until(d -> d.getCurrentUrl().contains(second));
            waiting().until(d -> (Boolean) js("const m = document.getElementById('media');"
                    + " return m.tagName === 'IMG' && m.complete && m.naturalWidth > 0"));
            // In the folder's grid, its tile shows a picture saying so, not a broken image.
            browser.get(served.url("/browse/" + served.containerHash("shelf", "")));
            waiting().until(d -> (Boolean) js("return Array.from(document.querySelectorAll('.tile img'))"
                    + ".every(i => i.complete && i.naturalWidth > 0)"));
        }
    }

    @Test
    void aClipStartsMutedWhereTheBrowserBlocksSoundAndTheSlideshowWaitsForItsEnd() throws Exception {
        Path clips = Files.createDirectories(dir.resolve("clips"));
        Files.write(clips.resolve("a-clip.webm"), recordedClip(2.0));
        png(clips.resolve("b.png"), Color.GREEN);
        try (ServedIndex served = ServedIndex.of(dir.resolve("clips-db"), List.of(clips))) {
            long opened = System.nanoTime();
            browser.get(served.url("/" + served.at(1).hash() + "?order=next&delay=0.5"));
            waiting().until(d -> (Boolean) js("const m = document.getElementById('media');"
                    + " return m.tagName === 'VIDEO' && m.muted && !m.paused"));
            waiting().until(d -> text("hint").contains("unmute"));
            String after = served.at(2).hash();
            waiting().until(d -> d.getCurrentUrl().contains(after));
            double seconds = (System.nanoTime() - opened) / 1e9;
            assertTrue(seconds >= 1.8, "a 2 s clip with a 0.5 s delay was left after " + seconds + " s");
        }
    }

    /** A WebM clip with sound, recorded by the browser itself (MediaRecorder) from a canvas and a tone. */
    private static byte[] recordedClip(double seconds) {
        browser.get(url("/no-such-page"));
        new Actions(browser).click().perform();  // a click lets the page make sound for the recording
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        String base64 = (String) ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const canvas = document.createElement('canvas');
                canvas.width = 160;
                canvas.height = 120;
                document.body.append(canvas);
                const g = canvas.getContext('2d');
                const audio = new AudioContext();
                const tone = audio.createOscillator();
                const sound = audio.createMediaStreamDestination();
                tone.connect(sound);
                tone.start();
                const stream = canvas.captureStream(25);
                stream.addTrack(sound.stream.getAudioTracks()[0]);
                const recorder = new MediaRecorder(stream, { mimeType: 'video/webm' });
                const chunks = [];
                recorder.ondataavailable = (event) => chunks.push(event.data);
                recorder.onstop = () => {
                  const reader = new FileReader();
                  reader.onload = () => done(reader.result.split(',')[1]);
                  reader.readAsDataURL(new Blob(chunks, { type: 'video/webm' }));
                };
                let frame = 0;
                const draw = setInterval(() => {
                  g.fillStyle = frame++ % 2 ? '#f00' : '#00f';
                  g.fillRect(0, 0, 160, 120);
                }, 40);
                recorder.start();
                setTimeout(() => { clearInterval(draw); recorder.stop(); tone.stop(); }, arguments[0] * 1000);
                """, seconds);
        return java.util.Base64.getDecoder().decode(base64);
    }

    @Test
    void theLibraryPageShowsEachSourceWithItsCoverAndOpensItsGridWhoseTileOpensTheViewer() throws Exception {
        browser.get(url("/browse"));
        List<WebElement> cards = browser.findElements(By.cssSelector(".card"));
        assertEquals(1, cards.size());
        assertEquals("photos", cards.get(0).findElement(By.cssSelector(".name")).getText());
        assertEquals("6 files", cards.get(0).findElement(By.cssSelector(".files")).getText());
        waiting().until(d -> (Boolean) js("const i = document.querySelector('.card img'); return i.complete && i.naturalWidth > 0"));
        cards.get(0).click();
        waiting().until(d -> d.findElements(By.cssSelector(".tile")).size() == 6);
        assertEquals("photos", browser.findElement(By.tagName("h1")).getText());
        waiting().until(d -> (Boolean) js("return Array.from(document.querySelectorAll('.tile img'))"
                + ".every(i => i.complete && i.naturalWidth > 0)"));
        browser.findElements(By.cssSelector(".tile")).get(1).click();
        waitForPosition("2/6");
        assertEquals(url("/" + hashAt(2)), browser.getCurrentUrl().replaceAll("\\?.*", ""));
    }

    @Test
    void aFolderPageFitsAPhoneScreenWithAtLeastTwoColumnsAndEscapeGoesUp() throws Exception {
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(url("/browse/" + reader.place(reader.atPosition(1).orElseThrow()).containerHash()));
        waiting().until(d -> d.findElements(By.cssSelector(".tile")).size() == 6);
        long columns = columns(".tile");
        assertTrue(columns >= 2, columns + " columns");
        assertEquals(Boolean.TRUE, js("return document.documentElement.scrollWidth <= window.innerWidth"));
        // Escape goes up: from a source's page, to the library.
        press(org.openqa.selenium.Keys.ESCAPE);
        waitForUrl("/browse");
    }

    @Test
    void gOpensTheGridOfTheFilesFolderAtThatFileAndEscapeComesBackInTheSameOrderAndDelay() throws Exception {
        open(3, "?order=next&delay=0.5");
        press(" ");  // pause, so that the slideshow does not move on meanwhile
        waiting().until(d -> "play".equals(d.findElement(By.id("play")).getAttribute("aria-label")));
        assertEquals("3/6", text("place"));
        String third = hashAt(3);
        press("g");
        waiting().until(d -> d.getCurrentUrl().contains("/browse/"));
        waiting().until(d -> third.equals(js("return document.activeElement.getAttribute('href').slice(1, 65)")));
        assertEquals(Boolean.TRUE, js("return document.activeElement.classList.contains('at')"));
        press(org.openqa.selenium.Keys.ARROW_RIGHT);
        assertEquals(hashAt(4), js("return document.activeElement.getAttribute('href').slice(1, 65)"));
        press(org.openqa.selenium.Keys.ESCAPE);
        waitForUrl("/" + third + "?order=next&delay=0.5");
        waitForPosition("3/6");
        // The grid button does what G does.
        browser.findElement(By.id("grid")).click();
        waiting().until(d -> d.getCurrentUrl().contains("/browse/"));
        press(org.openqa.selenium.Keys.ARROW_LEFT);
        press(org.openqa.selenium.Keys.ENTER);
        waitForUrl("/" + hashAt(2) + "?order=next&delay=0.5");
        waitForPosition("2/6");
    }

    /** A folder source of {@code count} small files f0.txt, f1.txt, ... served alone. */
    private ServedIndex folderOfFiles(String name, int count) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(name));
        for (int i = 0; i < count; i++) {
            Files.writeString(folder.resolve("f" + i + ".txt"), "file " + i);
        }
        return ServedIndex.of(dir.resolve(name + "-db"), List.of(folder), imageserver.source.FileSelection.ALL_FILES);
    }

    /** How many of these elements the first row holds, as laid out now. */
    private static long columns(String selector) {
        return (Long) js("const t = document.querySelectorAll('" + selector + "'); let n = 0;"
                + " while (n < t.length && t[n].getBoundingClientRect().top === t[0].getBoundingClientRect().top) n++;"
                + " return n");
    }

    @Test
    void aLargeFoldersGridLoadsAsItScrollsAndHomeEndAndArrowsReachEveryFile() throws Exception {
        try (ServedIndex served = folderOfFiles("big", 400)) {
            browser.get(served.url("/browse/" + served.containerHash("big", "")));
            assertEquals(120, browser.findElements(By.cssSelector(".tile")).size(), "the first page only");
            js("window.scrollTo(0, document.body.scrollHeight)");
            waiting().until(d -> d.findElements(By.cssSelector(".tile")).size() >= 240);

            // From the last file loaded, before the page after it has come: the move waits for it.
            js("document.querySelector('.tile[data-index=\"239\"]').focus({preventScroll: true})");
            press(org.openqa.selenium.Keys.ARROW_RIGHT);
            waiting().until(d -> "f240.txt".equals(focusedName()));

            press(org.openqa.selenium.Keys.END);
            waiting().until(d -> "f399.txt".equals(focusedName()));
            assertEquals(Boolean.FALSE, js("return !!document.querySelector('.tile[data-index=\"0\"]')"),
                    "the grid jumped to the last page");
            press(org.openqa.selenium.Keys.ARROW_LEFT);
            assertEquals("f398.txt", focusedName());
            press(org.openqa.selenium.Keys.HOME);
            waiting().until(d -> "f0.txt".equals(focusedName()));
            press(org.openqa.selenium.Keys.ARROW_RIGHT);
            assertEquals("f1.txt", focusedName());
            long columns = columns(".tile");
            press(org.openqa.selenium.Keys.ARROW_DOWN);
            assertEquals("f" + (1 + columns) + ".txt", focusedName());
            press(org.openqa.selenium.Keys.PAGE_DOWN);
            int afterPage = Integer.parseInt(focusedName().replaceAll("\\D", ""));
            assertTrue(afterPage > 1 + 2 * columns && (afterPage - 1) % columns == 0, "a screenful down, same column: " + afterPage);
            // Walking down by rows loads the pages that come, until the last file.
            for (int i = 0; i < 400 / columns + 2; i++) {
                press(org.openqa.selenium.Keys.ARROW_DOWN);
            }
            waiting().until(d -> focusedName().matches("f39\\d.txt"));
            String last = served.entry("big", focusedName()).hash();
            press(org.openqa.selenium.Keys.ENTER);
            waiting().until(d -> d.getCurrentUrl().contains("/" + last));
        }
    }

    @Test
    void aGridOpenedAtAFileDeepInAFolderLoadsTheFilesBeforeItAsItScrollsUp() throws Exception {
        try (ServedIndex served = folderOfFiles("deep", 300)) {
            String f250 = served.entry("deep", "f250.txt").hash();
            browser.get(served.url("/browse/" + served.containerHash("deep", "") + "?at=" + f250));
            waiting().until(d -> "f250.txt".equals(focusedName()));
            assertEquals("240", js("return document.body.dataset.first"), "the page that holds it first");
            waiting().until(d -> {
                js("window.scrollTo(0, 0)");
                return "f0.txt".equals(js("return document.querySelector('.tile .name').textContent"));
            });
            assertEquals("f250.txt", focusedName());
        }
    }

    @Test
    void theLibraryGridIsWalkedWithArrowsHomeEndAndOpenedWithEnter() throws Exception {
        List<Path> zips = new java.util.ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            zips.add(TestFiles.zip().stored("page.jpg", "page " + i).writeTo(dir.resolve("shelf/volume-" + i + ".zip")));
        }
        try (ServedIndex served = ServedIndex.of(dir.resolve("shelf-library-db"), zips)) {
            browser.manage().window().setSize(new Dimension(520, 800));
            browser.get(served.url("/browse"));
            List<WebElement> cards = browser.findElements(By.cssSelector(".card"));
            assertEquals(7, cards.size());
            long columns = columns(".card");
            assertTrue(columns > 1 && columns < 7, columns + " columns");
            press(org.openqa.selenium.Keys.ARROW_RIGHT);
            assertEquals("volume-1.zip", focusedName());
            press(org.openqa.selenium.Keys.ARROW_RIGHT);
            assertEquals("volume-2.zip", focusedName());
            press(org.openqa.selenium.Keys.ARROW_DOWN);
            assertEquals("volume-" + (2 + columns) + ".zip", focusedName());
            press(org.openqa.selenium.Keys.END);
            assertEquals("volume-7.zip", focusedName());
            press(org.openqa.selenium.Keys.HOME);
            assertEquals("volume-1.zip", focusedName());
            String second = served.containerHash("volume-2.zip", "");
            press(org.openqa.selenium.Keys.ARROW_RIGHT);
            press(org.openqa.selenium.Keys.ENTER);
            waiting().until(d -> d.getCurrentUrl().contains(second));
            assertEquals("volume-2.zip", browser.findElement(By.tagName("h1")).getText());
        }
    }

    private static String focusedName() {
        return (String) js("const n = document.activeElement.querySelector('.name'); return n ? n.textContent : ''");
    }

    @Test
    void pagesHaveAnIcon() {
        browser.get(url("/" + "0".repeat(64)));
        String icon = (String) js("return document.querySelector('link[rel=icon]').href");
        assertEquals(url("/static/favicon.svg"), icon);
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[0]; fetch('/static/favicon.svg').then(r => done(r.ok"
                        + " && r.headers.get('content-type') === 'image/svg+xml'), () => done(false));"));
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
