package dev.tailor.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A frozen index finds what the growing one held, under the same dense ids, with colliding hashes too. */
class IdIndexTest {
    /** "Aa" and "BB" have the same hash code, so do any two strings built of them at equal positions. */
    private static String colliding(int bits) {
        StringBuilder id = new StringBuilder();
        for (int b = 0; b < 12; b++) {
            id.append((bits >> b & 1) == 0 ? "Aa" : "BB");
        }
        return id.toString();
    }

    @Test
    void aFrozenIndexFindsEveryIdAndNoOther() throws IOException {
        IdIndex growing = new IdIndex();
        for (int i = 0; i < 3000; i++) {
            growing.idOf(colliding(i));
            growing.idOf("item-" + i);
        }
        IdIndex frozen = growing.frozenCopy();
        assertTrue(frozen.isFrozen());
        assertFalse(growing.isFrozen());
        assertSame(frozen, frozen.frozenCopy());
        assertEquals(6000, frozen.size());
        for (int dense = 0; dense < growing.size(); dense++) {
            String id = growing.externalId(dense);
            assertEquals(dense, frozen.find(id));
            assertEquals(dense, frozen.idOf(id));
            assertEquals(id, frozen.externalId(dense));
        }
        assertEquals(-1, frozen.find(colliding(3000)));
        assertEquals(-1, frozen.find("item-3000"));
        assertEquals(-1, frozen.find(null));
        assertThrows(UnsupportedOperationException.class, () -> frozen.idOf("item-3000"));
        assertThrows(IndexOutOfBoundsException.class, () -> frozen.externalId(6000));
        assertThrows(IndexOutOfBoundsException.class, () -> frozen.externalId(-1));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        frozen.writeTo(new DataOutputStream(bytes));
        IdIndex read = IdIndex.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertTrue(read.isFrozen());
        for (int dense = 0; dense < frozen.size(); dense++) {
            assertEquals(frozen.externalId(dense), read.externalId(dense));
            assertEquals(dense, read.find(frozen.externalId(dense)));
        }
    }

    @Test
    void readingRefusesADuplicateOrInvalidId() throws IOException {
        for (String[] ids : new String[][] {{"a", colliding(1), "b", colliding(1)}, {"a", "b\u0007"}}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(ids.length);
            for (String id : ids) {
                out.writeUTF(id);
            }
            IOException e = assertThrows(IOException.class,
                    () -> IdIndex.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
            assertTrue(e.getMessage().contains(ids.length == 4 ? "duplicate id" : "position 1"), e.getMessage());
        }
    }

    @Test
    void emptyAndTinyFrozenIndexes() {
        assertEquals(0, IdIndex.empty().size());
        assertEquals(-1, IdIndex.empty().find("a"));
        IdIndex one = IdIndex.of("a").frozenCopy();
        assertEquals(0, one.find("a"));
        assertEquals(-1, one.find("b"));
        IdIndex sorted = IdIndex.sorted(java.util.List.of("c", "a", "b", "a"));
        assertEquals(3, sorted.size());
        assertEquals("a", sorted.externalId(0));
        assertEquals(2, sorted.find("c"));
    }
}
