package imageserver.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import imageserver.index.IndexDatabase;
import imageserver.index.IndexListener;
import imageserver.index.IndexReader;
import imageserver.index.IndexedEntry;
import imageserver.index.Indexer;
import imageserver.index.SaltSetting;
import imageserver.testing.TestFiles;

/**
 * The reads serving does, each on a real H2 index: lookup by hash, by position, next,
 * previous, random. SampleTime mode reports percentiles (p99 is the target). Run on the 1.1M
 * or 10M index with {@code -p db=PATH}; without it, a 100,000-entry index is built first.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class IndexLookupBenchmark {
    /** More hashes than the reader keeps recent (4,096), so byHash measures H2, not the cache. */
    private static final int SAMPLE = 50_000;
    /** Files viewed again and again, as in the serve benchmark. */
    private static final int RECENT = 200;

    @Param("")
    public String db;

    private Path scratch;
    private IndexDatabase index;
    private IndexReader reader;
    private String[] hashes;
    private IndexedEntry[] entries;
    private long total;
    private final SplittableRandom random = new SplittableRandom(7);

    @Setup(Level.Trial)
    public void open() throws Exception {
        Path location;
        if (db.isEmpty()) {
            scratch = Files.createTempDirectory("lookup-bench");
            location = scratch.resolve("db/index");
            buildIndex(scratch, location);
        } else {
            location = Path.of(db);
        }
        index = IndexDatabase.open(location);
        reader = new IndexReader(index);
        total = reader.total();
        hashes = new String[SAMPLE];
        entries = new IndexedEntry[SAMPLE];
        for (int i = 0; i < SAMPLE; i++) {
            entries[i] = reader.atPosition(1 + random.nextLong(total)).orElseThrow();
            hashes[i] = entries[i].hash();
        }
    }

    private static void buildIndex(Path dir, Path location) throws Exception {
        List<Path> archives = new ArrayList<>();
        for (int a = 0; a < 10; a++) {
            TestFiles.Zip zip = TestFiles.zip();
            for (int e = 0; e < 10_000; e++) {
                zip.stored("chapter-" + e / 1000 + "/page-" + e + ".jpg", new byte[] {(byte) e});
            }
            archives.add(zip.writeTo(dir.resolve("archive-" + a + ".zip")));
        }
        try (IndexDatabase db = IndexDatabase.open(location)) {
            String salt = SaltSetting.establish(db, null).salt();
            new Indexer(db, salt, IndexListener.NONE).index(archives);
        }
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        reader.close();
        index.close();
        if (scratch != null) {
            try (var files = Files.walk(scratch)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Benchmark
    public IndexedEntry byHash() throws Exception {
        return reader.byHash(hashes[random.nextInt(SAMPLE)]).orElseThrow();
    }

    /**
     * The data route's usual case: one of a few hundred files viewed again (found among the
     * reader's recent entries), its hash a new string, as a request's path parameter is.
     */
    @Benchmark
    public IndexedEntry byHashRecentlyLookedUp() throws Exception {
        return reader.byHash(new String(hashes[random.nextInt(RECENT)])).orElseThrow();
    }

    @Benchmark
    public IndexedEntry atPosition() throws Exception {
        return reader.atPosition(1 + random.nextLong(total)).orElseThrow();
    }

    @Benchmark
    public IndexedEntry next() throws Exception {
        return reader.next(entries[random.nextInt(SAMPLE)]).orElseThrow();
    }

    @Benchmark
    public IndexedEntry previous() throws Exception {
        return reader.previous(entries[random.nextInt(SAMPLE)]).orElseThrow();
    }

    @Benchmark
    public IndexedEntry randomPick() throws Exception {
        return reader.random().orElseThrow();
    }
}
