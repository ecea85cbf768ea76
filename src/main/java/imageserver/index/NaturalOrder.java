package imageserver.index;

import java.util.Comparator;

/**
 * The one natural sort of image-server: {@code img2} before {@code img10}. Paths are compared
 * folder by folder; within a name, runs of digits compare as numbers and the rest compares
 * case-insensitively, with the exact text as the final tie-break so the order is total.
 */
public final class NaturalOrder implements Comparator<String> {
    public static final NaturalOrder INSTANCE = new NaturalOrder();

    private NaturalOrder() {
    }

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        int n = a.length();
        int m = b.length();
        while (i < n && j < m) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (isDigit(ca) && isDigit(cb)) {
                int endA = digitRunEnd(a, i);
                int endB = digitRunEnd(b, j);
                int cmp = compareNumbers(a, i, endA, b, j, endB);
                if (cmp != 0) {
                    return cmp;
                }
                i = endA;
                j = endB;
                continue;
            }
            if (ca != cb) {
                int cmp = Integer.compare(rank(ca), rank(cb));
                if (cmp != 0) {
                    return cmp;
                }
            }
            i++;
            j++;
        }
        if (i < n || j < m) {
            return i < n ? 1 : -1;
        }
        return a.compareTo(b);
    }

    /** '/' sorts before every other character, so a folder's files stay together. */
    private static int rank(char c) {
        if (c == '/') {
            return -1;
        }
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int digitRunEnd(String s, int start) {
        int end = start;
        while (end < s.length() && isDigit(s.charAt(end))) {
            end++;
        }
        return end;
    }

    /** Compares two digit runs by value without parsing, so any length works. */
    private static int compareNumbers(String a, int i, int endA, String b, int j, int endB) {
        while (i < endA - 1 && a.charAt(i) == '0') {
            i++;
        }
        while (j < endB - 1 && b.charAt(j) == '0') {
            j++;
        }
        int lengthCmp = Integer.compare(endA - i, endB - j);
        if (lengthCmp != 0) {
            return lengthCmp;
        }
        for (; i < endA; i++, j++) {
            int cmp = Character.compare(a.charAt(i), b.charAt(j));
            if (cmp != 0) {
                return cmp;
            }
        }
        return 0;
    }
}
