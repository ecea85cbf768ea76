package imageserver.cli;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Optional;

/** Where serve listens, as its first line tells a user: the URL to open here, and the one others would use. */
record ListenAddress(String host, int port, boolean https) {
    boolean isWildcard() {
        return "0.0.0.0".equals(host) || "::".equals(host) || "[::]".equals(host);
    }

    boolean isLoopback() {
        try {
            return !isWildcard() && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** {@code http://localhost:8000/ (on the network: http://192.168.1.20:8000/)}. */
    String describe() {
        if (!isWildcard()) {
            return url(host);
        }
        return url("localhost") + lanAddress().map(lan -> " (on the network: " + url(lan) + ")").orElse("");
    }

    /** How the warning for an open server names it: the network URL where there is one. */
    String reachableAs() {
        return isWildcard() ? lanAddress().map(this::url).orElse("port " + port + " of this machine") : url(host);
    }

    private String url(String name) {
        String shown = name.contains(":") && !name.startsWith("[") ? "[" + name + "]" : name;
        return (https ? "https" : "http") + "://" + shown + ":" + port + "/";
    }

    /** This machine's first IPv4 address on a network that is up (a LAN's, not a loopback or link-local one). */
    static Optional<String> lanAddress() {
        try {
            return NetworkInterface.networkInterfaces()
                    .filter(ListenAddress::isUp)
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> a instanceof java.net.Inet4Address)
                    .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress() && !a.isAnyLocalAddress())
                    .map(InetAddress::getHostAddress)
                    .findFirst();
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    private static boolean isUp(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }
}
