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
}
