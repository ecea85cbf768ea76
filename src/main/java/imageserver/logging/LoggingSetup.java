package imageserver.logging;

import java.io.IOException;
import java.io.InputStream;
import java.util.logging.LogManager;

/** Applies the bundled image-server-logging.properties, before any logger exists, unless the user named their own. */
public final class LoggingSetup {
    private LoggingSetup() {
    }

    public static void apply() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        try (InputStream config = LoggingSetup.class.getResourceAsStream("/image-server-logging.properties")) {
            if (config != null) {
                LogManager.getLogManager().readConfiguration(config);
            }
        } catch (IOException e) {
            System.err.println("image-server: cannot read the bundled image-server-logging.properties: " + e.getMessage());
        }
    }
}
