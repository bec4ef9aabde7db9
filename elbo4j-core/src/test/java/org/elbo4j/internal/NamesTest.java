package org.elbo4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Names}, the insertion-ordered map of traces and bound parameters: order, putIfAbsent and put semantics,
 * lookups by equal (not identical) strings, the switch to a hash index past 16 entries, and the values view.
 */
class NamesTest {

    /** Keys, values and the values view in order, and every key found at its position. */
    private static void assertContents(Names<Integer> m, List<String> keys, List<Integer> values) {
        assertEquals(keys.size(), m.size());
        assertEquals(values, new ArrayList<>(m.values()));
        for (int i = 0; i < keys.size(); i++) {
            assertEquals(keys.get(i), m.key(i), "key " + i);
            assertEquals(values.get(i), m.value(i), "value " + i);
            assertEquals(values.get(i), m.get(new String(keys.get(i))), "get(" + keys.get(i) + ")");
            assertTrue(m.containsKey(new String(keys.get(i))));
        }
    }

    @Test
    void insertionOrderIsKept() {
        Names<Integer> m = new Names<>();
        assertEquals(0, m.size());
        assertTrue(m.values().isEmpty());
        m.put("z", 1);
        m.put("a", 2);
        m.put("m", 3);
        assertNull(m.putIfAbsent("b", 4));
        assertContents(m, List.of("z", "a", "m", "b"), List.of(1, 2, 3, 4));
    }

    @Test
    void putIfAbsentKeepsTheExistingValue() {
        Names<Integer> m = new Names<>();
        Integer first = 1000; // boxed outside the small-integer cache: identity tells the two apart
        Integer second = 2000;
        assertNull(m.putIfAbsent("a", first));
        assertSame(first, m.putIfAbsent("a", second));
        assertSame(first, m.putIfAbsent(new String("a"), second), "an equal key is the same key");
        assertSame(first, m.get("a"));
        assertEquals(1, m.size());
    }

    @Test
    void putReplacesInPlace() {
        Names<Integer> m = new Names<>();
        m.put("a", 1);
        m.put("b", 2);
        m.put("c", 3);
        m.put("b", 20);
        m.put(new String("a"), 10);
        assertContents(m, List.of("a", "b", "c"), List.of(10, 20, 3));
    }

    /** Lookups use equals, not identity; absent keys, including ones that share a hash with a present key, are null. */
    @Test
    void lookupsCompareByValue() {
        Names<Integer> m = new Names<>();
        String key = new String("alpha");
        m.put(key, 7);
        String other = new String("alpha");
        assertNotSame(key, other);
        assertEquals(7, m.get(other));
        assertNull(m.get("alph"));
        assertNull(m.get(""));
        // "Aa" and "BB" have the same String hash code
        assertEquals("Aa".hashCode(), "BB".hashCode());
        m.put("Aa", 1);
        assertNull(m.get("BB"));
        assertFalse(m.containsKey("BB"));
        m.put("BB", 2);
        assertEquals(1, m.get("Aa"));
        assertEquals(2, m.get("BB"));
    }

    /**
     * Past 16 entries a hash index takes over: 1000 keys (each looked up by a fresh equal string) keep their order
     * and values, replacements and putIfAbsent still work, and absent keys are null. The contents are checked at
     * every size around the switch (15, 16, 17, 18) and at the end.
     */
    @Test
    void manyEntriesSwitchToTheHashIndex() {
        Names<Integer> m = new Names<>();
        List<String> keys = new ArrayList<>();
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String k = "site_" + (i * 7919 % 1000); // not in sorted order
            keys.add(k);
            values.add(i);
            if (i % 2 == 0) m.put(k, i);
            else assertNull(m.putIfAbsent(k, i));
            if (i >= 14 && i <= 17) assertContents(m, keys, values);
        }
        assertContents(m, keys, values);
        assertNull(m.get("site_1000"));
        assertNull(m.get("site_-1"));
        assertFalse(m.containsKey("nope"));
        // replacement and putIfAbsent with the index in place
        m.put(new String(keys.get(500)), -500);
        values.set(500, -500);
        assertEquals(-500, m.putIfAbsent(keys.get(500), 12345));
        assertEquals(0, m.putIfAbsent(new String(keys.get(0)), 12345));
        m.put("extra", 1000);
        keys.add("extra");
        values.add(1000);
        assertContents(m, keys, values);
    }

    @Test
    void valuesViewIsReadOnlyAndLive() {
        Names<Integer> m = new Names<>();
        m.put("a", 1);
        List<Integer> view = m.values();
        assertThrows(UnsupportedOperationException.class, () -> view.add(2));
        assertThrows(UnsupportedOperationException.class, () -> view.set(0, 2));
        assertThrows(UnsupportedOperationException.class, () -> view.remove(0));
        assertThrows(UnsupportedOperationException.class, view::clear);
        assertThrows(IndexOutOfBoundsException.class, () -> view.get(1));
        assertThrows(IndexOutOfBoundsException.class, () -> view.get(-1));
        m.put("b", 2);
        assertEquals(List.of(1, 2), view, "later additions show in the view");
        m.put("a", 10);
        assertEquals(List.of(10, 2), view, "replacements too");
        for (int i = 0; i < 30; i++) m.put("k" + i, 100 + i);
        assertEquals(32, view.size());
        assertEquals(129, view.get(31));
        assertEquals(m.size(), view.size());
    }

    /** The lookup hint is only a guess: lookups in any order, repeated, after clear and after setValue stay right. */
    @Test
    void lookupsInAnyOrderIndexOfSetValueAndClear() {
        Names<Integer> m = new Names<>();
        String[] ks = {"a", "b", "c", "d", "e"};
        for (int i = 0; i < ks.length; i++) m.put(ks[i], i);
        int[] order = {4, 0, 0, 3, 1, 2, 2, 4, 1, 0};
        for (int j : order) {
            assertEquals(j, m.indexOf(ks[j]), "indexOf " + ks[j]);
            assertEquals(j, m.get(new String(ks[j])), "get " + ks[j]);
        }
        assertEquals(-1, m.indexOf("z"));
        m.setValue(2, 42);
        assertEquals(42, m.get("c"));
        assertThrows(IndexOutOfBoundsException.class, () -> m.setValue(5, 1));
        assertEquals(List.of("a", "b", "c", "d", "e"), m.keys());
        m.clear();
        assertEquals(0, m.size());
        assertNull(m.get("a"));
        assertEquals(List.of(), m.keys());
        m.put("e", 7);
        assertEquals(7, m.get("e"));
        assertEquals(0, m.indexOf("e"));
    }
}
