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
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + args[0], "", "")) {
            System.out.println("holding " + args[0]);
            System.out.flush();
            System.in.read();
        }
    }
}
