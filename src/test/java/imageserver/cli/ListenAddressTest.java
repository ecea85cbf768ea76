package imageserver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ListenAddressTest {
    @Test
    void loopbackAddressesAreToldFromOthers() {
        assertTrue(new ListenAddress("127.0.0.1", 8000, false).isLoopback());
        assertTrue(new ListenAddress("localhost", 8000, false).isLoopback());
        assertTrue(new ListenAddress("::1", 8000, false).isLoopback());
        assertFalse(new ListenAddress("0.0.0.0", 8000, false).isLoopback());
        assertFalse(new ListenAddress("::", 8000, false).isLoopback());
        assertFalse(new ListenAddress("no-such-host.invalid", 8000, false).isLoopback());
    }

    @Test
    void theUrlsSayTheSchemeAndBracketIpv6() {
        assertEquals("https://127.0.0.1:8443/", new ListenAddress("127.0.0.1", 8443, true).describe());
        assertEquals("http://[::1]:8000/", new ListenAddress("::1", 8000, false).describe());
        String wildcard = new ListenAddress("0.0.0.0", 8000, false).describe();
        assertTrue(wildcard.startsWith("http://localhost:8000/"), wildcard);
        ListenAddress.lanAddress().ifPresent(lan ->
                assertEquals("http://localhost:8000/ (on the network: http://" + lan + ":8000/)", wildcard));
    }
}
