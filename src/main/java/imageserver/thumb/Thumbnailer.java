package imageserver.thumb;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Makes a small JPEG of an image: decoded through ImageIO (with TwelveMonkeys' readers for WebP
 * and damaged or CMYK JPEGs) at a fraction of its pixels (source subsampling keeps memory to the
 * thumbnail's scale, not the photo's), scaled to {@link #LONGEST_SIDE} and turned upright.
 */
public final class Thumbnailer {
    /** The longest side of a thumbnail, in pixels: a grid cell on a high-density screen. */
    public static final int LONGEST_SIDE = 320;
    /** Images of more pixels are not decoded (a placeholder stands for them): memory is serve's to keep. */
    static final long MAX_PIXELS = 100_000_000L;
    private static final float QUALITY = 0.82f;

    private Thumbnailer() {
    }

    /** Why an image gets no thumbnail: not an image ImageIO reads, damaged, or too large. */
    public static final class Undecodable extends Exception {
        Undecodable(String message) {
            super(message, null, false, false);
        }
    }

    /** The thumbnail of the image in {@code in}, which EXIF {@code orientation} (1-8) turns upright. */
    public static byte[] make(ImageInputStream in, int orientation) throws IOException, Undecodable {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new Undecodable("no image reader knows this format");
        }
        ImageReader reader = readers.next();
        BufferedImage decoded;
        try {
            reader.setInput(in, true, true);
            long width = reader.getWidth(0);
            long height = reader.getHeight(0);
            if (width * height > MAX_PIXELS) {
                throw new Undecodable(width + "x" + height + " pixels: too large to decode here");
            }
            ImageReadParam param = reader.getDefaultReadParam();
            // Decode at twice the thumbnail's size at least, then scale down smoothly.
            int step = (int) Math.max(1, Math.max(width, height) / (2L * LONGEST_SIDE));
            param.setSourceSubsampling(step, step, 0, 0);
            decoded = reader.read(0, param);
        } catch (IOException | RuntimeException e) {
            throw new Undecodable("cannot decode: " + e.getMessage());
        } finally {
            reader.dispose();
        }
        return encode(upright(scaled(decoded), orientation));
    }

    /** Fits the image in a square of {@link #LONGEST_SIDE}, on black where it had transparency. */
    private static BufferedImage scaled(BufferedImage image) {
        double scale = Math.min(1.0, (double) LONGEST_SIDE / Math.max(image.getWidth(), image.getHeight()));
        int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, width, height, java.awt.Color.BLACK, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Applies EXIF orientation: 2-8 are mirrorings and quarter turns of the stored pixels. */
    static BufferedImage upright(BufferedImage image, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swaps = orientation >= 5;
        // Where stored pixel (x, y) goes: X = m00 x + m01 y + m02, Y = m10 x + m11 y + m12.
        AffineTransform t = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);   // mirrored
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);  // upside down
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);   // mirrored upside down
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);    // transposed
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);   // a quarter turn clockwise
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);  // transversed
            default -> new AffineTransform(0, -1, 1, 0, 0, w);  // 8: a quarter turn anticlockwise
        };
        BufferedImage out = new BufferedImage(swaps ? h : w, swaps ? w : h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(image, t, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static byte[] encode(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
