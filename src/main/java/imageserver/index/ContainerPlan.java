package imageserver.index;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import imageserver.source.ScannedFile;
import imageserver.source.SourceKind;

/**
 * The folders and archives of one source, computed from its files fed in natural order: a pure
 * computation, written by {@link ContainerTable}. Natural order compares paths folder by folder
 * with '/' first, so the files under a folder or archive are one run; a stack of the open ones
 * (the source, its folders down to the current file's) is all it holds besides what it closed.
 * An archive is flat: its entries' inner folders are not containers.
 */
final class ContainerPlan {
    private final String sourcePath;
    private final SourceKind kind;
    private final EntryHasher hasher;
    private final Deque<Open> open = new ArrayDeque<>();
    private final List<Container> closed = new ArrayList<>();
    private int rank;

    /** A container whose run has not ended yet. */
    private static final class Open {
        final String path;
        final String parent;
        final Container.Kind kind;
        final int firstRank;
        final int filesBefore;
        int files;

        Open(String path, String parent, Container.Kind kind, int firstRank, int filesBefore) {
            this.path = path;
            this.parent = parent;
            this.kind = kind;
            this.firstRank = firstRank;
            this.filesBefore = filesBefore;
        }
    }

    ContainerPlan(String sourcePath, SourceKind kind, EntryHasher hasher) {
        this.sourcePath = sourcePath;
        this.kind = kind;
        this.hasher = hasher;
    }

    /** Every container of these files, which are all of a source's, in natural order. */
    static List<Container> of(String sourcePath, SourceKind kind, EntryHasher hasher, List<ScannedFile> files) {
        ContainerPlan plan = new ContainerPlan(sourcePath, kind, hasher);
        files.forEach(plan::add);
        plan.finish();
        return plan.drainClosed();
    }

    /** The next file in natural order. */
    void add(ScannedFile file) {
        add(file.path(), file.archive());
    }

    /** @param archive the path of the archive inside the folder source that holds it, or null */
    void add(String path, String archive) {
        String home = kind == SourceKind.ZIP ? "" : archive != null ? archive : parentOf(path);
        while (!open.isEmpty() && !contains(open.peek().path, home)) {
            close();
        }
        if (open.isEmpty()) {
            open.push(new Open("", null, kind == SourceKind.ZIP ? Container.Kind.ARCHIVE : Container.Kind.FOLDER, rank, 0));
        }
        // Open the folders between the innermost open one and the file's own, then its archive.
        while (!open.peek().path.equals(home)) {
            Open outer = open.peek();
            int next = home.indexOf('/', outer.path.isEmpty() ? 0 : outer.path.length() + 1);
            String inner = next < 0 ? home : home.substring(0, next);
            Container.Kind k = next < 0 && archive != null ? Container.Kind.ARCHIVE : Container.Kind.FOLDER;
            open.push(new Open(inner, outer.path, k, rank, outer.files));
        }
        open.peek().files++;
        rank++;
    }

    /** At the end of the source's files: closes what is still open. */
    void finish() {
        while (!open.isEmpty()) {
            close();
        }
    }

    /** The containers whose files all came, closed since the last call. */
    List<Container> drainClosed() {
        List<Container> out = new ArrayList<>(closed);
        closed.clear();
        return out;
    }

    /** The containers still open, as they stand after the files fed so far (the source first). */
    List<Container> openSoFar() {
        List<Container> out = new ArrayList<>(open.size());
        open.descendingIterator().forEachRemaining(o -> out.add(container(o)));
        return out;
    }

    private void close() {
        closed.add(container(open.pop()));
    }

    private Container container(Open o) {
        return new Container(o.path, o.parent, o.kind, hasher.containerKey(sourcePath, o.path), o.firstRank,
                rank - o.firstRank, o.files, o.filesBefore);
    }

    /** Whether the container at {@code outer} holds the one at {@code inner} (or is it). */
    private static boolean contains(String outer, String inner) {
        return outer.isEmpty() || inner.equals(outer) || inner.startsWith(outer) && inner.charAt(outer.length()) == '/';
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
