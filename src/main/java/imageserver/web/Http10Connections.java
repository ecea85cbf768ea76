package imageserver.web;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;

/**
 * Answers HTTP/1.0 requests, which Helidon 4.5.0 refuses (505, or a closed connection), although
 * nginx's {@code proxy_pass} speaks HTTP/1.0 to its upstreams unless told otherwise (the contract
 * asks for them to be answered). It takes every connection, as Helidon's own HTTP/1.1 selector
 * would alone: one whose first request line ends in {@code HTTP/1.0} goes to Helidon's HTTP/1.1
 * connection with that line read as {@code HTTP/1.1} and a {@code Connection: close} header
 * added, so it gets one answer and is then closed ({@link ConnectionClose}); keep-alive is not
 * offered to HTTP/1.0 clients, which RFC 9112 allows. Every other connection goes to Helidon's
 * HTTP/1.1 connection untouched (a request line too long to read gets its 414 as before). Answers
 * carry a Content-Length (no route here sends chunked bodies), which HTTP/1.0 clients read.
 * Being where every connection starts, it also guards each against header trickles ({@link HeaderTrickle}).
 */
final class Http10Connections implements ServerConnectionSelector {
    private static final byte LF = '\n';
    /** How the request line of an HTTP/1.0 request ends, before its LF. */
    private static final String HTTP_10_END = " HTTP/1.0\r";
    private static final byte[] VERSION = HTTP_10_END.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AS_1_1 = " HTTP/1.1\r\nConnection: close\r".getBytes(StandardCharsets.US_ASCII);

    /** Helidon's HTTP/1.1 connections, for HTTP/1.0 requests without the check that a Host header is present. */
    private final ServerConnectionSelector http10;
    private final ServerConnectionSelector http11;
    private final HeaderTrickle trickle = new HeaderTrickle();

    // The Host switch is deprecated for removal: look at this on a Helidon upgrade.
    @SuppressWarnings("removal")
    Http10Connections() {
        http10 = Http1ConnectionSelector.builder()
                .config(Http1Config.builder().validateRequestHostHeader(false).addReceiveListener(trickle).build())
                .build();
        http11 = Http1ConnectionSelector.builder()
                .config(Http1Config.builder().addReceiveListener(trickle).build())
                .build();
    }

    @Override
    public int bytesToIdentifyConnection() {
        return 0;
    }

    /** Every connection: the choice between the two kinds is made once it is handed over. */
    @Override
    public Support supports(BufferData data) {
        return Support.SUPPORTED;
    }

    /**
     * Over TLS, a connection whose client chose HTTP/1.1 by ALPN goes to the first selector that
     * names it, without the look at its bytes: this one, ahead of Helidon's own.
     */
    @Override
    public Set<String> supportedApplicationProtocols() {
        return Set.of("http/1.1");
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        DataReader original = ctx.dataReader();
        // A copy of what was read so far; the reader's position does not move.
        BufferData start = original.getBuffer(original.available());
        int lf = start.indexOf(LF);
        if (lf < 0 || !start.readString(lf).endsWith(HTTP_10_END)) {
            return trickle.guard(http11.connection(ctx), ctx);
        }
        byte[] first = asHttp11(original.readBytes(original.available()));
        boolean[] handedOver = {false};
        DataReader rewritten = DataReader.create(() -> {
            if (!handedOver[0]) {
                handedOver[0] = true;
                return first;
            }
            original.pullData();
            return original.readBytes(original.available());
        });
        Rewritten rewrittenCtx = new Rewritten(ctx, rewritten);
        return trickle.guard(http10.connection(rewrittenCtx), rewrittenCtx);
    }

    /** The bytes read so far, their request line ending in HTTP/1.1 and followed by Connection: close. */
    private static byte[] asHttp11(byte[] bytes) {
        int lf = indexOf(bytes, LF);
        int versionStart = lf - VERSION.length;
        byte[] result = new byte[bytes.length - VERSION.length + AS_1_1.length];
        System.arraycopy(bytes, 0, result, 0, versionStart);
        System.arraycopy(AS_1_1, 0, result, versionStart, AS_1_1.length);
        System.arraycopy(bytes, lf, result, versionStart + AS_1_1.length, bytes.length - lf);
        return result;
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** The connection's context with the rewritten reader. */
    private record Rewritten(ConnectionContext ctx, DataReader dataReader) implements ConnectionContext {
        @Override
        public ListenerContext listenerContext() {
            return ctx.listenerContext();
        }

        @Override
        public ExecutorService executor() {
            return ctx.executor();
        }

        @Override
        public DataWriter dataWriter() {
            return ctx.dataWriter();
        }

        @Override
        public Router router() {
            return ctx.router();
        }

        @Override
        public Optional<ProxyProtocolData> proxyProtocolData() {
            return ctx.proxyProtocolData();
        }

        @Override
        public HelidonSocket serverSocket() {
            return ctx.serverSocket();
        }

        @Override
        public PeerInfo remotePeer() {
            return ctx.remotePeer();
        }

        @Override
        public PeerInfo localPeer() {
            return ctx.localPeer();
        }

        @Override
        public boolean isSecure() {
            return ctx.isSecure();
        }

        @Override
        public String socketId() {
            return ctx.socketId();
        }

        @Override
        public String childSocketId() {
            return ctx.childSocketId();
        }
    }
}
