package imageserver.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import imageserver.index.EntryHasher;
import imageserver.index.NaturalOrder;

/** The per-entry CPU work of indexing: the salted hash and the natural-order comparison. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class HashingBenchmark {
    private final EntryHasher hasher = new EntryHasher("0123456789abcdef0123456789abcdef");
    private final String source = "/data/library/archives/archive-042.zip";
    private final String entry = "chapter-3/page-03042.jpg";

    @Benchmark
    public String hashHex() {
        return hasher.hashHex(source, entry);
    }

    @Benchmark
    public long hashKey() {
        return hasher.key(source, entry);
    }

    @Benchmark
    public int naturalOrderDigits() {
        return NaturalOrder.INSTANCE.compare("chapter-3/page-10.jpg", "chapter-3/page-9.jpg");
    }

    @Benchmark
    public int naturalOrderCommonPrefix() {
        return NaturalOrder.INSTANCE.compare("2019/Holiday in Ürümqi/IMG_20190704_101530.jpg",
                "2019/Holiday in Ürümqi/IMG_20190704_101531.jpg");
    }
}
