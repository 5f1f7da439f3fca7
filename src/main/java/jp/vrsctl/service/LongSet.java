package jp.vrsctl.service;

import java.util.Arrays;

/**
 * An open-addressing set of longs: remembers the blind indexes already seen in one import without the
 * ~100 bytes per entry a HashSet&lt;String&gt; costs (1,000,000 rows must fit in a 256 MB heap). Hand-written
 * because no primitive-collections library is on the class path and this is forty lines.
 */
final class LongSet {
    private static final long EMPTY = 0L;
    private long[] table = new long[1 << 12];
    private int size;
    private boolean hasZero;

    /** Adds {@code v}; returns false if it was already present. */
    boolean add(long v) {
        if (v == EMPTY) {
            boolean added = !hasZero;
            hasZero = true;
            return added;
        }
        if ((size + 1) * 2 > table.length) {
            grow();
        }
        int mask = table.length - 1;
        int i = (int) (mix(v) & mask);
        while (table[i] != EMPTY) {
            if (table[i] == v) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = v;
        size++;
        return true;
    }

    boolean contains(long v) {
        if (v == EMPTY) {
            return hasZero;
        }
        int mask = table.length - 1;
        int i = (int) (mix(v) & mask);
        while (table[i] != EMPTY) {
            if (table[i] == v) {
                return true;
            }
            i = (i + 1) & mask;
        }
        return false;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        size = 0;
        for (long v : old) {
            if (v != EMPTY) {
                add(v);
            }
        }
    }

    private static long mix(long v) {
        v ^= v >>> 33;
        v *= 0xff51afd7ed558ccdL;
        v ^= v >>> 33;
        return v;
    }

    int size() {
        return size + (hasZero ? 1 : 0);
    }

    void clear() {
        Arrays.fill(table, EMPTY);
        size = 0;
        hasZero = false;
    }
}
