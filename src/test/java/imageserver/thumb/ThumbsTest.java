package imageserver.thumb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;


import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class ThumbsTest {
    private static byte[] jpeg() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(1000, 800, BufferedImage.TYPE_INT_RGB), "jpeg", out);
        return out.toByteArray();
    }

    @Test
    void whileTheFileRouteIsBusyAWorkerRestsSoThatThumbnailsTakeAFifthOfACore() throws Exception {
        byte[] photo = jpeg();
        AtomicBoolean busy = new AtomicBoolean(false);
        List<Long> rests = new CopyOnWriteArrayList<>();
        try (Thumbs thumbs = new Thumbs(Optional.empty(), 1, busy::get, rests::add)) {
            thumbs.picture("idle", "image/jpeg", photo.length, () -> new ByteArrayInputStream(photo));
            busy.set(true);
            assertInstanceOf(Thumbs.Picture.Jpeg.class,
                    thumbs.picture("busy", "image/jpeg", photo.length, () -> new ByteArrayInputStream(photo)));
            thumbs.picture("after", "image/jpeg", photo.length, () -> new ByteArrayInputStream(photo));
        }
        assertEquals(2, rests.size(), "no rest while idle, one after each thumbnail made while busy: " + rests);
        assertTrue(rests.get(0) > 0);
    }

    @Test
    void anUndecodableFileIsTriedOnceAndOtherKindsAreNeverOpened() throws Exception {
        try (Thumbs thumbs = new Thumbs(Optional.empty(), 2, () -> false, nanos -> { })) {
            AtomicInteger damagedOpens = new AtomicInteger();
            for (int i = 0; i < 3; i++) {
                Thumbs.Picture p = thumbs.picture("damaged", "image/jpeg", 10, () -> {
                    damagedOpens.incrementAndGet();
                    return new ByteArrayInputStream("not a jpeg".getBytes());
                });
                assertEquals(new Thumbs.Picture.Placeholder(Placeholders.Kind.BROKEN), p);
            }
            assertEquals(1, damagedOpens.get(), "remembered as undecodable");
            assertEquals(new Thumbs.Picture.Placeholder(Placeholders.Kind.VIDEO),
                    thumbs.picture("clip", "video/mp4", 10, () -> { throw new AssertionError("never opened"); }));
        }
    }
}
