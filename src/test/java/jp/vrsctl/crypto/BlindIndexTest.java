package jp.vrsctl.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class BlindIndexTest {
    private final DataKey indexKey = DataKey.generate("index", 1);
    private final BlindIndex index = BlindIndex.of(indexKey, "131016");

    @Test
    void deterministicAndSixteenBytes() {
        byte[] a = index.compute("my_number", "123456789018");
        assertEquals(16, a.length);
        assertArrayEquals(a, index.compute("my_number", "123456789018"));
        assertArrayEquals(a, BlindIndex.of(DataKey.of("index", 1, indexKey.exportBytes()), "131016")
                .compute("my_number", "123456789018"));
        assertFalse(Arrays.equals(a, index.compute("my_number", "123456789026")));
    }

    @Test
    void differsPerColumnAndMunicipalityAndKey() {
        byte[] a = index.compute("my_number", "123456789018");
        assertFalse(Arrays.equals(a, index.compute("atena", "123456789018")));
        assertFalse(Arrays.equals(a, BlindIndex.of(indexKey, "011002").compute("my_number", "123456789018")));
        assertFalse(Arrays.equals(a, BlindIndex.of(DataKey.generate("index", 1), "131016").compute("my_number", "123456789018")));
    }

    @Test
    void isHmacSha256UnderTheHkdfColumnKeyTruncatedTo128Bits() throws Exception {
        byte[] info = new Bytes.Writer().utf8("vrsctl blind index v1").utf8("131016").utf8("ticket").toByteArray();
        byte[] columnKey = Kdf.hkdfSha256(indexKey.exportBytes(), null, info, 32);
        assertArrayEquals(columnKey, index.columnKey("ticket"));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(columnKey, "HmacSHA256"));
        assertArrayEquals(Arrays.copyOf(mac.doFinal("0000012345".getBytes(java.nio.charset.StandardCharsets.UTF_8)), 16),
                index.compute("ticket", "0000012345"));
    }

    @Test
    void columnKeysOnlyRestrictsToThoseColumns() {
        BlindIndex venue = BlindIndex.ofColumnKeys("131016", Map.of("ticket", index.columnKey("ticket")));
        assertArrayEquals(index.compute("ticket", "0000012345"), venue.compute("ticket", "0000012345"));
        assertTrue(venue.canCompute("ticket"));
        assertFalse(venue.canCompute("my_number"));
        assertThrows(IllegalStateException.class, () -> venue.compute("my_number", "123456789018"));
        assertThrows(IllegalStateException.class, () -> venue.columnKey("my_number"));
        assertEquals(java.util.Set.of("ticket"), venue.restrictedTo());
        assertTrue(index.canCompute("anything"));
        assertFalse(venue.toString().contains("="));
    }
}
