package imageserver.testing;

import java.sql.Connection;
import java.sql.DriverManager;

/**
 * Another program holding an index open the way H2's own tools do (no AUTO_SERVER, so it
 * shares with nobody) until its standard input closes. Run as a separate process by tests.
 */
public final class HoldDatabase {
    private HoldDatabase() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0].endsWith(".mv.db") ? args[0].substring(0, args[0].length() - ".mv.db".length()) : args[0];
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + base, "", "")) {
            System.out.println("holding " + args[0]);
            System.out.flush();
            System.in.read();
        }
    }
}
