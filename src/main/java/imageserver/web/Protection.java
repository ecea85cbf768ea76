package imageserver.web;

import java.util.Optional;

import io.helidon.common.tls.Tls;

import imageserver.access.AccessControl;

/** Who may use the server ({@code access}: a password; none, anyone) and whether it speaks HTTPS ({@code tls}). */
public record Protection(Optional<AccessControl> access, Optional<Tls> tls) {
    /** Open to anyone who reaches the port, over plain HTTP: the original's behaviour, and the default. */
    public static final Protection NONE = new Protection(Optional.empty(), Optional.empty());
}
