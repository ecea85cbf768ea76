package imageserver.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@code -Dimageserver.mapped-mb}: how much of the files served may be mapped into memory. */
class MappedMemorySettingTest {
    private static final long MB = 1 << 20;

    @Test
    void withoutTheSettingUpTo32MegabytesAreMapped() {
        assertEquals(32 * MB, MappingBudget.bytes(null));
    }

    @Test
    void zeroTurnsMappingOffAndOtherValuesAreMegabytes() {
        assertEquals(0, MappingBudget.bytes("0"));
        assertEquals(16 * MB, MappingBudget.bytes(" 16 "));
    }

    @Test
    void aValueThatIsNoCountOfMegabytesIsIgnoredForTheDefault() {
        assertEquals(32 * MB, MappingBudget.bytes("lots"));
        assertEquals(32 * MB, MappingBudget.bytes("-1"));
        assertEquals(32 * MB, MappingBudget.bytes("12MB"));
        assertEquals(32 * MB, MappingBudget.bytes(Long.toString(Long.MAX_VALUE)));
    }
}
