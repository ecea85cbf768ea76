package imageserver.index;

/**
 * A run of a source's entries in natural order, numbered on its own (see {@link PartPlan}).
 *
 * @param id         the high 32 bits of its entries' positions
 * @param ord        its rank within the source, 0-based
 * @param entryCount how many entries it holds
 */
record Part(int id, int ord, int entryCount) {
}
