package imageserver.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcceptEncodingTest {
    @ParameterizedTest(name = "[{0}] allows gzip: {1}")
    @CsvSource(delimiter = '|', value = {
            "gzip, deflate, br, zstd | true",
            "GZIP | true",
            "x-gzip | true",
            "br;q=1.0, gzip;q=0.8, *;q=0.1 | true",
            "* | true",
            "gzip ; q=0.5 | true",
            "identity;q=1, *;q=0 | false",
            "identity | false",
            "br | false",
            "gzip;q=0, * | false",
            "gzip;q=0.000 | false",
            "*;q=0 | false",
            "gzip;q=abc | false",
            "gzip;q=2 | false",
            "gzipped | false",
            "'' | false",
    })
    void gzipIsAllowedOnlyWhenNamedOrMatchedWithAPositiveQuality(String header, boolean allowed) {
        assertEquals(allowed, AcceptEncoding.allowsGzip(Optional.of(header)));
    }

    @Test
    void noHeaderMeansTheBytesAsTheyAre() {
        assertFalse(AcceptEncoding.allowsGzip(Optional.empty()));
    }
}
