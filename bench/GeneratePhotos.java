import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageOutputStream;

/**
 * Camera-like JPEGs for the thumbnail benchmark: COUNT photos of WIDTHxHEIGHT (default 16 of
 * 4000x3000, 12 megapixels), gradients, shapes and sensor-like noise at quality 0.92, so that
 * each weighs what a camera's does (about 4.5 MB at 12 MP). Deterministic.
 * Usage: java bench/GeneratePhotos.java OUT [COUNT] [WIDTH] [HEIGHT]
 */
public class GeneratePhotos {
    public static void main(String[] args) throws Exception {
        File out = new File(args[0]);
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int width = args.length > 2 ? Integer.parseInt(args[2]) : 4000;
        int height = args.length > 3 ? Integer.parseInt(args[3]) : 3000;
        out.mkdirs();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.92f);
        for (int i = 0; i < count; i++) {
            Random random = new Random(i);
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setPaint(new GradientPaint(0, 0, new Color(random.nextInt(0xFFFFFF)), width, height,
                    new Color(random.nextInt(0xFFFFFF))));
            g.fillRect(0, 0, width, height);
            for (int s = 0; s < 40; s++) {
                g.setColor(new Color(random.nextInt(0xFFFFFF)));
                g.fillOval(random.nextInt(width), random.nextInt(height), 50 + random.nextInt(width / 4),
                        50 + random.nextInt(height / 4));
            }
            g.dispose();
            int[] row = new int[width];
            for (int y = 0; y < height; y++) {
                image.getRGB(0, y, width, 1, row, 0, width);
                for (int x = 0; x < width; x++) {
                    int n = random.nextInt(25) - 12;
                    int r = Math.max(0, Math.min(255, ((row[x] >> 16) & 0xFF) + n));
                    int gr = Math.max(0, Math.min(255, ((row[x] >> 8) & 0xFF) + n));
                    int b = Math.max(0, Math.min(255, (row[x] & 0xFF) + n));
                    row[x] = (r << 16) | (gr << 8) | b;
                }
                image.setRGB(0, y, width, 1, row, 0, width);
            }
            File file = new File(out, String.format("photo-%03d.jpg", i));
            try (FileImageOutputStream stream = new FileImageOutputStream(file)) {
                writer.setOutput(stream);
                writer.write(null, new IIOImage(image, null, null), param);
            }
            System.out.println(file + " " + file.length() / 1024 + " KB");
        }
        writer.dispose();
    }
}
