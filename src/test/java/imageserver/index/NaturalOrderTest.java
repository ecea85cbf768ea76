package imageserver.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class NaturalOrderTest {
    private static List<String> sorted(String... names) {
        List<String> list = new ArrayList<>(List.of(names));
        list.sort(NaturalOrder.INSTANCE);
        return list;
    }

    @Test
    void numbersCompareByValue() {
        assertEquals(List.of("img1.jpg", "img2.jpg", "img10.jpg", "img20.jpg"),
                sorted("img10.jpg", "img2.jpg", "img20.jpg", "img1.jpg"));
    }

    @Test
    void leadingZerosAndHugeNumbersDoNotBreakTheOrder() {
        assertEquals(List.of("a1", "a002", "a10", "a99999999999999999999999"),
                sorted("a99999999999999999999999", "a10", "a002", "a1"));
    }

    @Test
    void caseIsIgnoredButTheOrderStaysTotal() {
        assertEquals(List.of("Apple", "apple", "banana", "Cherry"), sorted("Cherry", "banana", "apple", "Apple"));
        assertTrue(NaturalOrder.INSTANCE.compare("Apple", "apple") != 0);
    }

    @Test
    void aFoldersFilesStayTogetherBeforeSiblingNamesThatExtendIt() {
        assertEquals(List.of("a/2.jpg", "a/10.jpg", "a-b/1.jpg", "a.jpg"),
                sorted("a.jpg", "a-b/1.jpg", "a/10.jpg", "a/2.jpg"));
    }

    @Test
    void aPrefixComesFirst() {
        assertEquals(List.of("page", "page1", "page1b"), sorted("page1b", "page", "page1"));
    }
}
