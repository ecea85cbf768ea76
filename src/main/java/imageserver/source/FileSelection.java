package imageserver.source;

import java.util.List;

/**
 * Which files of a source join the index: by default media files (images, video, audio, by
 * extension) that are not hidden and not junk that other systems leave behind; with
 * {@code --all-files}, every regular file.
 *
 * @param allFiles whether every regular file is taken, hidden ones and junk included
 */
public record FileSelection(boolean allFiles) {
    public static final FileSelection MEDIA = new FileSelection(false);
    public static final FileSelection ALL_FILES = new FileSelection(true);

    /** Folders whose contents are metadata of another system, not the library's. */
    private static final String MAC_RESOURCE_FORKS = "__macosx";
    /** Files Windows writes into folders (thumbnail cache, folder settings). */
    private static final List<String> JUNK_FILES = List.of("Thumbs.db", "desktop.ini");

    /** Whether a folder of this name is walked at all. */
    public boolean walks(String folderName) {
        return walks(folderName, 0, folderName.length());
    }

    /** Whether the file at {@code path} ('/'-separated, inside its source or archive) is taken. */
    public boolean takes(String path) {
        int slash = path.lastIndexOf('/');
        return (slash < 0 || walksPath(path.substring(0, slash))) && takesName(path.substring(slash + 1));
    }

    /** Whether the folder at {@code path} (inside its source) is walked: each of its names is. */
    public boolean walksPath(String path) {
        int start = 0;
        for (int end = path.indexOf('/'); ; end = path.indexOf('/', start)) {
            int nameEnd = end < 0 ? path.length() : end;
            if (!walks(path, start, nameEnd)) {
                return false;
            }
            if (end < 0) {
                return true;
            }
            start = end + 1;
        }
    }

    /** The name from {@code start} to {@code end} of {@code path}: not hidden, not resource forks. */
    private boolean walks(String path, int start, int end) {
        return allFiles || !isHidden(path, start, end)
                && !(end - start == MAC_RESOURCE_FORKS.length()
                && path.regionMatches(true, start, MAC_RESOURCE_FORKS, 0, end - start));
    }

    /** Whether a file of this name in a walked folder is an archive whose entries are taken (hidden ones are not). */
    public boolean opensArchive(String name) {
        return SourceKind.isArchiveName(name) && (allFiles || !isHidden(name));
    }

    /** Whether a file of this name is taken, in a folder that is walked (called for every file: no copies). */
    public boolean takesName(String name) {
        return allFiles || !isHidden(name) && !isJunk(name) && MimeTypes.isMedia(name);
    }

    private static boolean isJunk(String name) {
        for (String junk : JUNK_FILES) {
            if (name.length() == junk.length() && name.equalsIgnoreCase(junk)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHidden(String name) {
        return isHidden(name, 0, name.length());
    }

    /** A name that starts with a dot, but not "." or ".." (which an archive's entry names may hold). */
    private static boolean isHidden(String path, int start, int end) {
        int length = end - start;
        return length > 0 && path.charAt(start) == '.'
                && !(length == 1 || length == 2 && path.charAt(start + 1) == '.');
    }
}
