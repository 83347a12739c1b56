package io.github.spatialvlm4j.datagen.source.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.Frame;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticSourceTest {
    private static final SyntheticSceneOptions SMALL = SyntheticSceneOptions.defaults().withSize(160, 120)
            .withMinVisiblePixels(40);

    @Test
    void framesAreNamedAndSeededByIndex() {
        SyntheticSource source = new SyntheticSource(SMALL, 77, 3);
        assertEquals(3, source.size());
        Frame f = source.load(2);
        assertEquals("synthetic-000002", f.id());
        assertEquals("synthetic-000002", f.groundTruth().orElseThrow().frameId());
        Frame direct = new SyntheticSceneGenerator(SMALL).generate("synthetic-000002", SyntheticSource.frameSeed(77, 2));
        assertArrayEquals(direct.depth().orElseThrow().meters(), f.depth().orElseThrow().meters());
        assertArrayEquals(direct.image().rgb(), f.image().rgb());
        assertArrayEquals(f.image().rgb(), new SyntheticSource(SMALL, 77, 3).load(2).image().rgb(), "reload");
        assertFalse(java.util.Arrays.equals(f.image().rgb(), new SyntheticSource(SMALL, 78, 3).load(2).image().rgb()),
                "another run seed gives another scene");
        assertEquals("synthetic-1234567", SyntheticSource.frameId(1_234_567));
    }

    @Test
    void frameSeedsFollowTheDocumentedMix() {
        assertEquals(io.github.spatialvlm4j.datagen.Seeds.mix(5), SyntheticSource.frameSeed(5, 0));
        assertEquals(io.github.spatialvlm4j.datagen.Seeds.mix(5 ^ 0x9E3779B97F4A7C15L * 3), SyntheticSource.frameSeed(5, 3));
        assertEquals(0, io.github.spatialvlm4j.datagen.Seeds.mix(0));
        Set<Long> seeds = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seeds.add(SyntheticSource.frameSeed(1, i));
        }
        assertEquals(10_000, seeds.size());
        // Full avalanche: one flipped input bit flips about half of the output bits.
        int flipped = Long.bitCount(io.github.spatialvlm4j.datagen.Seeds.mix(1) ^ io.github.spatialvlm4j.datagen.Seeds.mix(3));
        assertTrue(flipped > 16 && flipped < 48, "flipped bits " + flipped);
    }

    @Test
    void badIndexAndCountAreRejected() {
        SyntheticSource source = new SyntheticSource(SMALL, 1, 2);
        assertEquals("Invalid frame index: 2 (must be in [0, 2))",
                assertThrows(IndexOutOfBoundsException.class, () -> source.load(2)).getMessage());
        assertEquals("Invalid frame index: -1 (must be in [0, 2))",
                assertThrows(IndexOutOfBoundsException.class, () -> source.load(-1)).getMessage());
        assertEquals("Invalid frame count: -1 (must be >= 0)",
                assertThrows(IllegalArgumentException.class, () -> new SyntheticSource(SMALL, 1, -1)).getMessage());
        assertEquals(0, new SyntheticSource(SMALL, 1, 0).size());
    }
}
