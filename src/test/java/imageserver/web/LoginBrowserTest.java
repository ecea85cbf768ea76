package imageserver.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.helidon.webserver.WebServer;

import imageserver.access.AccessControl;
import imageserver.index.IndexDatabase;
import imageserver.index.IndexListener;
import imageserver.index.IndexReader;
import imageserver.index.IndexedEntry;
import imageserver.index.Indexer;
import imageserver.index.SaltSetting;
import imageserver.testing.HeadlessChromium;
import imageserver.testing.TestFiles;

/** The login as a person meets it, in a real headless Chromium: a shared link, the form, the viewer, logout. */
class LoginBrowserTest {
    private static final String PASSWORD = "swordfish and chips";

    @TempDir
    static Path dir;

    private static IndexDatabase db;
    private static IndexReader reader;
    private static WebServer server;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        browser = HeadlessChromium.start(dir.resolve("chromium-profile"));
        TestFiles.write(dir.resolve("photos/a.txt"), "a");
        TestFiles.write(dir.resolve("photos/b.txt"), "b");
        db = IndexDatabase.open(dir.resolve("db/index"));
        new Indexer(db, SaltSetting.establish(db, "login-test").salt(), IndexListener.NONE)
                .index(List.of(dir.resolve("photos")), imageserver.source.FileSelection.ALL_FILES);
        reader = new IndexReader(db);
        AccessControl access = AccessControl.open(db, PASSWORD, Duration.ofDays(30), InstantSource.system());
        server = ImageServer.start(reader, "127.0.0.1", 0, new Protection(Optional.of(access), Optional.empty()));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.stop();
            reader.close();
            db.close();
        }
    }

    @Test
    void aSharedLinkAsksForThePasswordThenShowsThatFileUntilLogout() throws Exception {
        IndexedEntry first = reader.atPosition(1).orElseThrow();
        IndexedEntry second = reader.atPosition(2).orElseThrow();
        String link = "http://127.0.0.1:" + server.port() + "/" + second.hash() + "?order=next&delay=0";
        browser.get(link);
        assertTrue(browser.getCurrentUrl().contains("/login?next="), browser.getCurrentUrl());

        browser.findElement(By.id("password")).sendKeys("not it");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        // The answer comes after a slow hash of the password: wait for the page it brings.
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(b -> b.findElements(By.cssSelector(".message")).stream().anyMatch(m -> m.getText().contains("Wrong password")));

        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> b.getCurrentUrl().equals(link));
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(b -> b.findElement(By.id("name")).getText().equals(second.path()));

        browser.findElement(By.id("next")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(b -> b.findElement(By.id("name")).getText().equals(first.path()));

        browser.findElement(By.id("logout")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> b.getCurrentUrl().endsWith("/login"));
        browser.get(link);
        assertTrue(browser.getCurrentUrl().contains("/login?next="), "logged out: " + browser.getCurrentUrl());
    }
}
