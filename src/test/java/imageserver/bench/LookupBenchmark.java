package imageserver.bench;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

import imageserver.index.IndexDatabase;
import imageserver.index.IndexLocation;
import imageserver.index.IndexReader;
import imageserver.index.IndexedEntry;

/**
 * Latency of the reads that serving does, on an existing index (not part of the test run).
 * Usage: java -cp target/image-server.jar:target/test-classes imageserver.bench.LookupBenchmark DB [N]  (DB: an H2 file or a jdbc:postgresql URL)
 */
public final class LookupBenchmark {
    private LookupBenchmark() {
    }

    private interface Op {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        try (IndexDatabase db = IndexDatabase.open(IndexLocation.parse(args[0]))) {
            IndexReader reader = new IndexReader(db);
            long total = reader.total();
            String[] hashes = new String[n];
            for (int i = 0; i < n; i++) {
                hashes[i] = reader.random().orElseThrow().hash();
            }
            System.out.printf("index: %d entries, %d lookups per operation%n", total, n);
            int[] i = {0};
            measure("byHash", n, () -> reader.byHash(hashes[i[0]++ % n]).orElseThrow());
            measure("atPosition", n, () -> reader.atPosition(1 + ThreadLocalRandom.current().nextLong(total)).orElseThrow());
            IndexedEntry some = reader.atPosition(total / 2).orElseThrow();
            measure("next", n, () -> reader.next(some).orElseThrow());
            measure("previous", n, () -> reader.previous(some).orElseThrow());
            measure("random", n, () -> reader.random().orElseThrow());
        }
    }

    private static void measure(String name, int n, Op op) throws Exception {
        for (int i = 0; i < n; i++) {
            op.run();  // warm-up
        }
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            op.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("%-11s p50 %6.1f us   p99 %6.1f us   max %7.1f us%n", name,
                nanos[n / 2] / 1e3, nanos[(int) (n * 0.99)] / 1e3, nanos[n - 1] / 1e3);
    }
}
