package io.github.spatialvlm4j.datagen.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.finetune.TrainerRecipes.Recipe;
import io.github.spatialvlm4j.datagen.finetune.TrainerRecipes.Trainer;
import io.github.spatialvlm4j.datagen.qa.Category;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerRecipesTest {

    @TempDir
    Path tmp;
    Path dataset;

    @BeforeEach
    void build() throws IOException {
        Random rnd = new Random(31);
        Path engine = EngineOutputs.write(tmp.resolve("engine"), List.of(EngineOutputs.record("a", EngineOutputs.png(rnd),
                List.of(Category.WIDTH), List.of("How wide?"))));
        dataset = tmp.resolve("data set");
        new FinetuneDatasetBuilder(FinetuneOptions.defaults(1)).build(List.of(engine), dataset);
    }

    @Test
    void recipesCarryTheDatasetPaths() throws IOException {
        List<Recipe> recipes = TrainerRecipes.write(dataset);
        String abs = dataset.toAbsolutePath().normalize().toString();
        Recipe lf = recipes.get(0);
        assertEquals(Trainer.LLAMAFACTORY, lf.trainer());
        String yaml = Files.readString(lf.file());
        assertTrue(yaml.contains("dataset_dir: \"" + abs + "\""), yaml);
        assertTrue(yaml.contains("media_dir: \"" + abs + "\""), yaml);
        assertTrue(yaml.contains("dataset: spatialvlm4j_train\n"), yaml);
        assertTrue(yaml.contains("eval_dataset: spatialvlm4j_val\n"), yaml);
        assertTrue(yaml.contains("template: qwen2_vl\n"), yaml);
        assertTrue(yaml.contains("lora_target: all\n"), yaml);
        assertTrue(yaml.contains("model_name_or_path: " + TrainerRecipes.QWEN2_VL), yaml);
        assertTrue(Files.readString(dataset.resolve(FinetuneDatasetBuilder.DATASET_INFO)).contains("spatialvlm4j_train"));
        assertEquals("llamafactory-cli train '" + lf.file() + "'", lf.commandLine());

        List<Recipe> trl = recipes.stream().filter(r -> r.trainer() == Trainer.TRL).toList();
        assertEquals(List.of(TrainerRecipes.SMOLVLM, TrainerRecipes.QWEN2_VL), trl.stream().map(Recipe::model).toList());
        String py = Files.readString(trl.get(0).file());
        for (Split s : List.of(Split.TRAIN, Split.VAL)) {
            Path parquet = dataset.toAbsolutePath().normalize().resolve(FinetuneDatasetBuilder.parquetFile(s));
            assertTrue(Files.isRegularFile(parquet));
            assertTrue(py.contains("r\"" + parquet + "\""), py);
        }
        assertTrue(trl.get(0).command().containsAll(List.of("--model", TrainerRecipes.SMOLVLM)));
    }

    @Test
    void recipesNeedADataset() {
        assertThrows(IllegalArgumentException.class, () -> TrainerRecipes.write(tmp.resolve("engine")));
    }

    @Test
    void launcherFindsAndRunsAnInstalledTrainer() throws IOException, InterruptedException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path log = tmp.resolve("args.txt");
        TrainerLauncher none = new TrainerLauncher(List.of(Files.createDirectories(tmp.resolve("empty"))));
        assertFalse(none.isInstalled(Trainer.LLAMAFACTORY));
        assertFalse(none.isInstalled(Trainer.TRL));
        Path cli = bin.resolve("llamafactory-cli");
        Files.writeString(cli, "#!/bin/sh\necho \"$@\" > '" + log + "'\n");
        Files.setPosixFilePermissions(cli, PosixFilePermissions.fromString("rwxr-xr-x"));
        TrainerLauncher launcher = new TrainerLauncher(List.of(tmp.resolve("empty"), bin));
        assertTrue(launcher.isInstalled(Trainer.LLAMAFACTORY));
        Recipe lf = TrainerRecipes.write(dataset).get(0);
        assertEquals(0, launcher.launch(lf));
        assertEquals("train " + lf.file(), Files.readString(log).strip());
        assertThrows(IllegalStateException.class, () -> none.launch(lf));
    }
}
