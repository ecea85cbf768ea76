package imageserver.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import imageserver.thumb.Thumbs;

/**
 * Thumbnails per second made by image-server's thumbnailer ({@link Thumbs}, no cache) from the
 * JPEGs of DIR, with WORKERS workers kept busy, ROUNDS times (the first round warms up the JIT).
 * Usage: java -cp target/image-server.jar:target/test-classes imageserver.bench.ThumbnailBenchmark DIR WORKERS [ROUNDS]
 */
public final class ThumbnailBenchmark {
    private ThumbnailBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int workers = Integer.parseInt(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<Path> photos;
        try (Stream<Path> files = Files.list(dir)) {
            photos = files.filter(f -> f.toString().endsWith(".jpg")).sorted().toList();
        }
        try (Thumbs thumbs = new Thumbs(Optional.empty(), workers, () -> false);
             ExecutorService askers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int round = 0; round <= rounds; round++) {
                long start = System.nanoTime();
                int r = round;
                List<Future<Thumbs.Picture>> asked = photos.stream().map(p -> askers.submit(() ->
                        thumbs.picture(p + "#" + r, "image/jpeg", Files.size(p), () -> Files.newInputStream(p)))).toList();
                for (Future<Thumbs.Picture> f : asked) {
                    if (!(f.get() instanceof Thumbs.Picture.Jpeg)) {
                        throw new IllegalStateException("no thumbnail: " + f.get());
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("%s %d files in %.2f s: %.1f files/s%n", round == 0 ? "warm-up" : "round " + round,
                        photos.size(), seconds, photos.size() / seconds);
            }
        }
    }
}
