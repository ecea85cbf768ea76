package imageserver.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which serve processes have the index open: each records its process id and start time in
 * the settings when it starts. A record is never removed on exit (H2 closes the file in its own
 * exit hook, at the same time); one whose process is gone, or is another process with the same
 * id, is ignored, and the next serve clears it. Processes share a host with the file (H2's
 * auto-server is bound to loopback), so their ids can be checked.
 */
public final class ServingProcesses {
    private static final String PREFIX = "serving ";

    private ServingProcesses() {
    }

    /** Records this process as serving the index, and forgets those that ended. */
    public static void register(IndexDatabase db) throws IndexException {
        ProcessHandle self = ProcessHandle.current();
        try (Connection c = db.connection()) {
            for (Long ended : recorded(c).stream().filter(p -> !isRunning(p)).map(Recorded::pid).toList()) {
                Settings.remove(c, PREFIX + ended);
            }
            Settings.put(c, PREFIX + self.pid(), startOf(self).map(Instant::toString).orElse(""));
        } catch (SQLException e) {
            throw new IndexException("cannot write the index " + db.name() + ": " + IndexDatabase.rootMessage(e), e);
        }
    }

    /** The ids of the other processes serving the index now. */
    public static List<Long> others(IndexDatabase db) throws IndexException {
        long self = ProcessHandle.current().pid();
        try (Connection c = db.connection()) {
            return recorded(c).stream().filter(ServingProcesses::isRunning).map(Recorded::pid)
                    .filter(pid -> pid != self).toList();
        } catch (SQLException e) {
            throw new IndexException("cannot read the index " + db.name() + ": " + IndexDatabase.rootMessage(e), e);
        }
    }

    private record Recorded(long pid, String started) {
    }

    private static List<Recorded> recorded(Connection c) throws SQLException {
        List<Recorded> recorded = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name, val FROM settings WHERE name LIKE ?")) {
            ps.setString(1, PREFIX + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    try {
                        recorded.add(new Recorded(Long.parseLong(rs.getString(1).substring(PREFIX.length())),
                                rs.getString(2)));
                    } catch (NumberFormatException e) {
                        // not one of ours: ignored
                    }
                }
            }
        }
        return recorded;
    }

    /** Whether the recorded process still runs: the same id, started at the same time. */
    private static boolean isRunning(Recorded recorded) {
        return ProcessHandle.of(recorded.pid())
                .filter(ProcessHandle::isAlive)
                .filter(p -> startOf(p).map(Instant::toString).orElse("").equals(recorded.started()))
                .isPresent();
    }

    private static Optional<Instant> startOf(ProcessHandle process) {
        return process.info().startInstant();
    }
}
