package imageserver.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /static/{name}}: the pages' scripts, style and icon, loaded once from the jar, with an ETag. */
final class StaticService implements HttpService {
    private record Asset(byte[] bytes, String type, String etag) {
    }

    private final Map<String, Asset> assets = Map.of(
            "viewer.js", load("viewer.js", "text/javascript; charset=utf-8"),
            "browse.js", load("browse.js", "text/javascript; charset=utf-8"),
            "viewer.css", load("viewer.css", "text/css; charset=utf-8"),
            "favicon.svg", load("favicon.svg", "image/svg+xml"));

    @Override
    public void routing(HttpRules rules) {
        rules.get("/static/{name}", this::answer).head("/static/{name}", this::answer);
    }

    private void answer(ServerRequest req, ServerResponse res) {
        Asset asset = assets.get(req.path().pathParameters().get("name"));
        if (asset == null) {
            throw new NotFound("no such asset");
        }
        res.header(HeaderNames.ETAG, asset.etag());
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        res.header(HeaderNames.CONTENT_TYPE, asset.type());
        if (Conditional.noneMatch(req.headers().first(HeaderNames.IF_NONE_MATCH), asset.etag())) {
            res.status(Status.NOT_MODIFIED_304).send();
            return;
        }
        res.send(asset.bytes());
    }

    private static Asset load(String name, String type) {
        try (InputStream in = StaticService.class.getResourceAsStream("/static/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing from the jar: /static/" + name);
            }
            byte[] bytes = in.readAllBytes();
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8);
            return new Asset(bytes, type, "\"" + digest + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
