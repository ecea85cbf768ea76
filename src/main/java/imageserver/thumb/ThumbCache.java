package imageserver.thumb;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Thumbnails kept on disk, one file each, within a size bound: the least recently used go
 * first. A file's modification time is its last use, so the order survives a restart; the
 * folder is read once, at first use, not when serve starts.
 */
public final class ThumbCache {
    private static final String SUFFIX = ".jpg";

    private final Path folder;
    private final long maxBytes;
    /** Key to size, least recently used first; null until the folder is read. */
    private LinkedHashMap<String, Long> files;
    private long total;

    public ThumbCache(Path folder, long maxBytes) {
        this.folder = folder;
        this.maxBytes = maxBytes;
    }

    public Path folder() {
        return folder;
    }

    /** The thumbnail stored under {@code key}, now the most recently used. */
    public synchronized Optional<byte[]> get(String key) throws IOException {
        Long size = known().get(key);  // access order: moves it to the end
        if (size == null) {
            return Optional.empty();
        }
        Path file = fileOf(key);
        try {
            byte[] bytes = Files.readAllBytes(file);
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
            return Optional.of(bytes);
        } catch (NoSuchFileException e) {
            forget(key);
            return Optional.empty();
        }
    }

    /** Stores a thumbnail, then removes the least recently used ones beyond the bound. */
    public synchronized void put(String key, byte[] bytes) throws IOException {
        Map<String, Long> known = known();
        Path temporary = Files.createTempFile(folder, "new-", ".part");
        try {
            Files.write(temporary, bytes);
            Files.move(temporary, fileOf(key), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        Long before = known.put(key, (long) bytes.length);
        total += bytes.length - (before == null ? 0 : before);
        Iterator<Map.Entry<String, Long>> oldest = known.entrySet().iterator();
        while (total > maxBytes && oldest.hasNext()) {
            Map.Entry<String, Long> victim = oldest.next();
            if (victim.getKey().equals(key)) {
                continue;
            }
            Files.deleteIfExists(fileOf(victim.getKey()));
            total -= victim.getValue();
            oldest.remove();
        }
    }

    /** The bytes the cache holds now. */
    public synchronized long bytes() throws IOException {
        known();
        return total;
    }

    private void forget(String key) {
        Long size = files.remove(key);
        if (size != null) {
            total -= size;
        }
    }

    private Path fileOf(String key) {
        return folder.resolve(key + SUFFIX);
    }

    /** The files, read from the folder at first use, oldest use first. */
    private LinkedHashMap<String, Long> known() throws IOException {
        if (files != null) {
            return files;
        }
        record Found(String key, long size, long used) {
        }
        List<Found> found = new ArrayList<>();
        Files.createDirectories(folder);
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(folder)) {
            for (Path file : listing) {
                String name = file.getFileName().toString();
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                if (name.endsWith(".part")) {
                    Files.deleteIfExists(file);  // left by a stop in the middle of a write
                } else if (name.endsWith(SUFFIX) && attributes.isRegularFile()) {
                    found.add(new Found(name.substring(0, name.length() - SUFFIX.length()), attributes.size(),
                            attributes.lastModifiedTime().toMillis()));
                }
            }
        }
        found.sort(Comparator.comparingLong(Found::used));
        files = new LinkedHashMap<>(Math.max(16, found.size() * 2), 0.75f, true);
        total = 0;
        for (Found f : found) {
            files.put(f.key(), f.size());
            total += f.size();
        }
        return files;
    }
}
