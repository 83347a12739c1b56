package io.github.spatialvlm4j.datagen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedsTest {
    @Test
    void frameSeedsDependOnRunSeedAndIdOnly() {
        assertEquals(Seeds.frameSeed(7, "synthetic-000001"), Seeds.frameSeed(7, "synthetic-000001"));
        assertNotEquals(Seeds.frameSeed(7, "synthetic-000001"), Seeds.frameSeed(8, "synthetic-000001"));
        assertNotEquals(Seeds.frameSeed(7, "synthetic-000001"), Seeds.frameSeed(7, "synthetic-000002"));
    }

    @Test
    void seedsDoNotCollideOnNearbyInputs() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(Seeds.frameSeed(1, "f" + i));
            seen.add(Seeds.indexSeed(1, i));
        }
        assertEquals(20_000, seen.size());
    }

    @Test
    void substreamsHaveTheirDocumentedDerivations() {
        long seed = 0x1234_5678_9ABC_DEF0L;
        assertEquals(Seeds.mix(seed ^ 0x75705F666974L), Seeds.substream(seed, Seeds.Substream.UP_FIT));
        assertEquals(seed + 1, Seeds.substream(seed, Seeds.Substream.FLOOR_FIT));
        assertEquals(seed, Seeds.substream(seed, Seeds.Substream.QUESTIONS));
        assertEquals(seed ^ 0x706F696E7473L, Seeds.substream(seed, Seeds.Substream.POINTS));
        assertEquals(Seeds.mix(seed ^ 0x6E6F697365L), Seeds.substream(seed, Seeds.Substream.SCENE_NOISE));
    }

    @Test
    void everySubstreamOfAFrameHasItsOwnSeed() {
        Set<Long> seen = new HashSet<>();
        for (Seeds.Substream s : Seeds.Substream.values()) {
            seen.add(Seeds.substream(42, s));
        }
        assertEquals(Seeds.Substream.values().length, seen.size(), "RANSAC and the questions draw apart");
    }
}
