package io.github.spatialvlm4j.vlm.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.vlm.chat.ChatFamily;
import io.github.spatialvlm4j.vlm.depth.DepthFamily;
import io.github.spatialvlm4j.vlm.model.ModelRoot;
import io.github.spatialvlm4j.vlm.testing.ModelDirs;
import io.github.spatialvlm4j.vlm.testing.RiggedDepth;
import io.github.spatialvlm4j.vlm.testing.RiggedModelsRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCatalogTest {

    @TempDir
    Path root;

    private void depth(String name, String modelType) throws IOException {
        ModelDirs.create(root, name, "model", RiggedDepth.graph("predicted_depth", 1f, 0f, false),
                "{\"model_type\": \"" + modelType + "\"}", null);
    }

    @Test
    void recognisesEveryKindAtDepthOneAndTwo() throws IOException {
        RiggedModelsRoot.all(root);
        RiggedModelsRoot.qwen(root);
        RiggedModelsRoot.smolVlm(root);
        RiggedModelsRoot.detector(root);
        depth("apple/depth-pro", "depth_pro");
        depth("m3d", "metric3d_vit_small");
        depth("owner/not-depth", "bert");
        Files.createDirectories(root.resolve("empty/onnx"));
        Files.createDirectories(root.resolve("docs/notes"));
        ModelCatalog c = ModelCatalog.scan(ModelRoot.of(root));
        assertEquals(List.of("apple/depth-pro", "depth-anything/dav2-metric", "m3d"),
                c.all(ModelCatalog.Kind.DEPTH).stream().map(ModelCatalog.Entry::name).toList());
        assertEquals(Optional.of("DEPTH_PRO"), c.first(ModelCatalog.Kind.DEPTH).orElseThrow().family());
        assertEquals(DepthFamily.DEPTH_PRO, c.first(ModelCatalog.Kind.DEPTH).orElseThrow().depthFamily());
        assertEquals(ChatFamily.QWEN2_VL, c.first(ModelCatalog.Kind.CHAT).orElseThrow().chatFamily());
        assertThrows(IllegalStateException.class, () -> c.first(ModelCatalog.Kind.MASKS).orElseThrow().chatFamily());
        assertEquals("microsoft/florence-2", c.first(ModelCatalog.Kind.REGIONS).orElseThrow().name());
        assertEquals("sam-vit", c.first(ModelCatalog.Kind.MASKS).orElseThrow().name());
        assertEquals("megvii/yolox (yolox)", c.first(ModelCatalog.Kind.DETECTOR).orElseThrow().toString());
        assertEquals("openai/clip", c.first(ModelCatalog.Kind.FILTER).orElseThrow().name());
        assertEquals(List.of("Qwen/qwen2-vl (qwen2_vl)", "smolvlm (smolvlm)"),
                c.all(ModelCatalog.Kind.CHAT).stream().map(Object::toString).toList());
        assertEquals(List.of("empty", "owner/not-depth"),
                c.unrecognised().stream().map(ModelCatalog.Unrecognised::name).toList());
        assertEquals(List.of(), c.missing(EnumSet.allOf(ModelCatalog.Kind.class)));
    }

    @Test
    void namedLooksUpByPathOrLastSegment() throws IOException {
        RiggedModelsRoot.qwen(root);
        RiggedModelsRoot.smolVlm(root);
        ModelCatalog c = ModelCatalog.scan(ModelRoot.of(root));
        assertEquals("Qwen/qwen2-vl", c.named(ModelCatalog.Kind.CHAT, "Qwen/qwen2-vl").name());
        assertEquals("Qwen/qwen2-vl", c.named(ModelCatalog.Kind.CHAT, "qwen2-vl").name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.named(ModelCatalog.Kind.CHAT, "llava"));
        assertTrue(e.getMessage().contains("smolvlm") && e.getMessage().contains("llava"), e.getMessage());
    }

    @Test
    void emptyRootMissesEverythingWithWhatEachFolderMustHold() throws IOException {
        ModelCatalog c = ModelCatalog.scan(ModelRoot.of(root));
        assertTrue(c.entries().isEmpty());
        Set<ModelCatalog.Kind> need = EnumSet.of(ModelCatalog.Kind.DEPTH, ModelCatalog.Kind.MASKS);
        assertEquals(2, c.missing(need).size());
        String msg = c.missingMessage("--source images", need);
        assertTrue(msg.contains(root.toAbsolutePath().normalize().toString()), msg);
        assertTrue(msg.contains("onnx/prompt_encoder_mask_decoder.onnx"), msg);
        assertTrue(msg.contains("depth_pro, depth_anything or metric3d"), msg);
        assertTrue(c.missing(Set.of()).isEmpty());
        String either = c.missingMessage("--source images", Set.of(),
                EnumSet.of(ModelCatalog.Kind.REGIONS, ModelCatalog.Kind.DETECTOR));
        assertTrue(either.contains("missing: a region captioner (Florence-2)") && either.contains("; or an object detector"),
                either);
    }

    @Test
    void oneOfIsSatisfiedByAnyPresentKind() throws IOException {
        RiggedModelsRoot.detector(root);
        ModelCatalog c = ModelCatalog.scan(ModelRoot.of(root));
        assertTrue(c.missingOneOf(EnumSet.of(ModelCatalog.Kind.REGIONS, ModelCatalog.Kind.DETECTOR)).isEmpty());
        assertTrue(c.missingOneOf(Set.of()).isEmpty());
        assertTrue(c.missingOneOf(EnumSet.of(ModelCatalog.Kind.REGIONS)).isPresent());
    }
}
