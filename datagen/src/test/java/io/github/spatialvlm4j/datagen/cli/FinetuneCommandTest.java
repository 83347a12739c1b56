package io.github.spatialvlm4j.datagen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.finetune.EngineOutputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.github.spatialvlm4j.datagen.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FinetuneCommandTest {

    @TempDir
    Path tmp;



    @Test
    void printsTheTrainerCommandWhenNoTrainerIsInstalled() throws IOException {
        Path engine = EngineOutputs.synthetic(tmp.resolve("engine"), 3, 6);
        Path empty = Files.createDirectories(tmp.resolve("no-trainers"));
        Path ft = tmp.resolve("ft");
        CliRun r = CliRun.of("finetune", "--engine-out", engine.toString(), "--out", ft.toString(), "--launch",
                "--trainer-path", empty.toString(), "--val", "0.2", "--test", "0.2");
        assertEquals(0, r.code(), r.err());
        Path yaml = ft.toAbsolutePath().normalize().resolve("recipes/llamafactory_qwen2vl_lora_sft.yaml");
        assertTrue(r.out().contains("llamafactory is not installed here"), r.out());
        assertTrue(r.out().contains("  llamafactory-cli train " + yaml + "\n"), r.out());
        assertTrue(Files.isRegularFile(yaml));
        assertTrue(Files.isRegularFile(ft.resolve("parquet/train.parquet")));

        CliRun trl = CliRun.of("finetune", "--engine-out", engine.toString(), "--out", ft.toString(), "--trainer", "trl",
                "--trainer-path", empty.toString());
        assertEquals(0, trl.code(), trl.err());
        assertTrue(trl.out().contains("to train, run:\n  python " + ft.toAbsolutePath().normalize()
                .resolve("recipes/trl_sft_lora.py") + " --model HuggingFaceTB/SmolVLM-256M-Instruct"), trl.out());
    }

    @Test
    void badArgumentsAreUsageErrors() {
        CliRun r = CliRun.of("finetune", "--engine-out", tmp.toString(), "--out", tmp.resolve("o").toString(), "--trainer", "axolotl");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Unknown --trainer: 'axolotl'"), r.err());
        CliRun share = CliRun.of("finetune", "--engine-out", tmp.toString(), "--out", tmp.resolve("o").toString(),
                "--qualitative-share", "1.5");
        assertEquals(2, share.code());
        assertTrue(share.err().contains("Invalid qualitative share: 1.5"), share.err());
    }
}
