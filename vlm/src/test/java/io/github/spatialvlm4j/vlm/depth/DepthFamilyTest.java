package io.github.spatialvlm4j.vlm.depth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.vlm.model.JsonConfig;
import io.github.spatialvlm4j.vlm.model.ModelFormatException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DepthFamilyTest {

    private static DepthFamily detect(String json) {
        return DepthFamily.detect(JsonConfig.parse(Path.of("m", "config.json"), json));
    }

    @Test
    void modelTypeNamesTheFamilyInAnyCase() {
        assertEquals(DepthFamily.DEPTH_ANYTHING_V2_METRIC, detect("{\"model_type\": \"Depth_Anything\"}"));
        assertEquals(DepthFamily.DEPTH_PRO, detect("{\"model_type\": \"depth_pro\"}"));
        assertEquals(DepthFamily.METRIC3D_V2, detect("{\"model_type\": \"metric3d_vit_small\"}"));
        assertFalse(DepthFamily.DEPTH_PRO.matches("depth_pro_v2"));
    }

    @Test
    void unknownOrMissingModelTypeNamesTheFileAndTheValidTypes() {
        ModelFormatException u = assertThrows(ModelFormatException.class, () -> detect("{\"model_type\": \"glpn\"}"));
        assertTrue(u.getMessage().contains("glpn") && u.getMessage().contains("config.json")
                && u.getMessage().contains("depth_pro, depth_anything or metric3d"), u.getMessage());
        ModelFormatException m = assertThrows(ModelFormatException.class, () -> detect("{}"));
        assertTrue(m.getMessage().contains("missing field 'model_type'"), m.getMessage());
    }

    @Test
    void preferenceIsDeclarationOrderAndOnlyDepthProEstimatesTheFocalLength() {
        assertEquals(List.of(DepthFamily.DEPTH_PRO, DepthFamily.DEPTH_ANYTHING_V2_METRIC, DepthFamily.METRIC3D_V2),
                List.of(DepthFamily.values()));
        for (DepthFamily f : DepthFamily.values()) {
            assertEquals(f == DepthFamily.DEPTH_PRO, f.estimatesFocalLength(), f.name());
        }
        assertEquals("Depth Pro, Depth Anything V2 Metric or Metric3D v2", DepthFamily.displayNames());
    }
}
