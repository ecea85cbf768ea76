package imageserver.index;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import imageserver.source.MimeTypes;
import imageserver.source.ScannedFile;

/**
 * Inserts entries into PostgreSQL with {@code COPY}, its fast path for many rows: one stream of
 * text lines instead of a statement per row.
 */
final class EntryCopy {
    private static final String COPY = "COPY entries (pos, hash_key, path, mime, size, mtime, method, data_offset,"
            + " compressed_size, crc, archive_id) FROM STDIN";
    /** Characters gathered before they are sent. */
    private static final int FLUSH_CHARS = 1 << 16;

    private EntryCopy() {
    }

    static void insert(Connection c, Collection<EntryRow> rows, Map<String, Integer> archives, LookupEdits lookup)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
        try {
            StringBuilder lines = new StringBuilder(FLUSH_CHARS + 8192);
            for (EntryRow row : rows) {
                ScannedFile f = row.file();
                lookup.add(row.hashKey(), row.pos());
                lines.append(row.pos()).append('\t').append(row.hashKey()).append('\t');
                escape(lines, f.path());
                lines.append('\t').append(MimeTypes.forName(f.path()))
                        .append('\t').append(f.size())
                        .append('\t').append(f.mtime())
                        .append('\t').append(f.storage().method())
                        .append('\t').append(f.storage().dataOffset())
                        .append('\t').append(f.storage().compressedSize())
                        .append('\t').append(f.storage().crc())
                        .append('\t').append(f.archive() == null ? "\\N" : archives.get(f.archive()).toString())
                        .append('\n');
                if (lines.length() >= FLUSH_CHARS) {
                    send(copy, lines);
                }
            }
            send(copy, lines);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void send(CopyIn copy, StringBuilder lines) throws SQLException {
        byte[] bytes = lines.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        lines.setLength(0);
    }

    /** COPY's text format: a backslash, tab, newline or carriage return in a value is escaped. */
    static void escape(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
    }
}
