package imageserver.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void closingTheIndexLetsGoOfItsFileEvenWithAReaderLeftOpen() throws Exception {
        Path lockFile = dir.resolve("db/index.lock.db");
        IndexDatabase db = IndexDatabase.open(dir.resolve("db/index"));
        IndexReader reader = new IndexReader(db);
        assertEquals(0, reader.total());
        assertTrue(Files.exists(lockFile), "H2 holds the file while it is open");

        db.close();

        assertFalse(Files.exists(lockFile), "the database closed with its last session");
        IndexException afterClose = assertThrows(IndexException.class, reader::total);
        assertTrue(afterClose.getMessage().endsWith("is closed"), afterClose.getMessage());
        try (IndexDatabase again = IndexDatabase.open(dir.resolve("db/index"))) {
            assertEquals(0, new IndexReader(again).total());
        }
    }
}
