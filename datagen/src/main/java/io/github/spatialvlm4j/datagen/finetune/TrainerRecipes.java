package io.github.spatialvlm4j.datagen.finetune;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Trainer configurations for a fine-tuning dataset, with its absolute paths filled in, written under
 * {@code recipes/} of the dataset directory: LoRA fine-tuning of Qwen2-VL with LLaMA-Factory (its
 * {@code examples/train_lora} YAML layout, template {@code qwen2_vl}) and of SmolVLM and Qwen2-VL
 * with TRL (a Python script reading the Parquet splits). LLaMA-Factory has no SmolVLM (Idefics3)
 * template, so SmolVLM is offered through TRL only.
 *
 * <p>The files are text; nothing here runs a trainer ({@link TrainerLauncher} does).
 */
public final class TrainerRecipes {

    /** The recipes folder inside the dataset directory. */
    public static final String DIR = "recipes";
    /** Hugging Face id of the default Qwen2-VL model. */
    public static final String QWEN2_VL = "Qwen/Qwen2-VL-2B-Instruct";
    /** Hugging Face id of the default SmolVLM model. */
    public static final String SMOLVLM = "HuggingFaceTB/SmolVLM-256M-Instruct";

    /** The external trainers recipes are written for. */
    public enum Trainer {
        /** LLaMA-Factory ({@code llamafactory-cli train recipe.yaml}). */
        LLAMAFACTORY,
        /** Hugging Face TRL ({@code python recipe.py}). */
        TRL;

        /** The lower-case name used on the command line. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One written recipe.
     *
     * @param trainer the trainer that reads it
     * @param model the Hugging Face model id it fine-tunes
     * @param file the recipe file (absolute)
     * @param command the command that runs it, as program arguments
     */
    public record Recipe(Trainer trainer, String model, Path file, List<String> command) {
        public Recipe {
            Objects.requireNonNull(file, "file");
            command = List.copyOf(command);
        }

        /** The command as one shell line, arguments with blanks or quotes single-quoted. */
        public String commandLine() {
            List<String> parts = new ArrayList<>();
            for (String a : command) {
                parts.add(a.matches("[A-Za-z0-9_./:=@+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
            }
            return String.join(" ", parts);
        }
    }

    private TrainerRecipes() {
    }

    /**
     * Writes every recipe for {@code datasetDir} (a {@link FinetuneDatasetBuilder} output) into its
     * {@code recipes/} folder, replacing earlier ones.
     *
     * @return the recipes, LLaMA-Factory first
     */
    public static List<Recipe> write(Path datasetDir) throws IOException {
        Path data = datasetDir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(data.resolve(FinetuneDatasetBuilder.MANIFEST))) {
            throw new IllegalArgumentException("Not a fine-tuning dataset: " + data + " has no "
                    + FinetuneDatasetBuilder.MANIFEST);
        }
        Path dir = Files.createDirectories(data.resolve(DIR));
        List<Recipe> recipes = new ArrayList<>();
        Path lf = dir.resolve("llamafactory_qwen2vl_lora_sft.yaml");
        Files.writeString(lf, llamaFactoryYaml(data, QWEN2_VL, "qwen2_vl", data.resolve("saves/qwen2vl-lora")));
        recipes.add(new Recipe(Trainer.LLAMAFACTORY, QWEN2_VL, lf, List.of("llamafactory-cli", "train", lf.toString())));
        Path script = dir.resolve("trl_sft_lora.py");
        Files.writeString(script, trlScript(data));
        for (String model : List.of(SMOLVLM, QWEN2_VL)) {
            String out = data.resolve("saves/" + (model.equals(SMOLVLM) ? "smolvlm" : "qwen2vl") + "-trl-lora").toString();
            recipes.add(new Recipe(Trainer.TRL, model, script,
                    List.of("python", script.toString(), "--model", model, "--output-dir", out)));
        }
        return recipes;
    }

    /** The LLaMA-Factory LoRA SFT YAML (layout of its {@code examples/train_lora/qwen2vl_lora_sft.yaml}). */
    static String llamaFactoryYaml(Path data, String model, String template, Path outputDir) {
        return String.join("\n",
                "# LoRA SFT of " + model + " on a spatialvlm4j dataset. Run: llamafactory-cli train <this file>",
                "### model",
                "model_name_or_path: " + model,
                "image_max_pixels: 262144",
                "trust_remote_code: true",
                "",
                "### method",
                "stage: sft",
                "do_train: true",
                "finetuning_type: lora",
                "lora_rank: 8",
                "lora_target: all",
                "",
                "### dataset",
                "dataset_dir: " + yamlString(data.toString()),
                "media_dir: " + yamlString(data.toString()),
                "dataset: " + FinetuneDatasetBuilder.DATASET_PREFIX + Split.TRAIN.id(),
                "eval_dataset: " + FinetuneDatasetBuilder.DATASET_PREFIX + Split.VAL.id(),
                "template: " + template,
                "cutoff_len: 2048",
                "overwrite_cache: true",
                "preprocessing_num_workers: 4",
                "dataloader_num_workers: 2",
                "",
                "### output",
                "output_dir: " + yamlString(outputDir.toString()),
                "logging_steps: 10",
                "save_steps: 500",
                "plot_loss: true",
                "overwrite_output_dir: true",
                "report_to: none",
                "",
                "### train",
                "per_device_train_batch_size: 1",
                "gradient_accumulation_steps: 8",
                "learning_rate: 1.0e-4",
                "num_train_epochs: 3.0",
                "lr_scheduler_type: cosine",
                "warmup_ratio: 0.1",
                "bf16: true",
                "",
                "### eval",
                "per_device_eval_batch_size: 1",
                "eval_strategy: steps",
                "eval_steps: 500",
                "");
    }

    private static String yamlString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String pyString(String s) {
        return "r\"" + s.replace("\"", "\\\"") + "\"";
    }

    /** A TRL SFT script with LoRA, reading the Parquet splits (images embedded). */
    static String trlScript(Path data) {
        return String.join("\n",
                "# LoRA SFT of a vision-language model on a spatialvlm4j dataset with Hugging Face TRL.",
                "# Run: python trl_sft_lora.py --model " + SMOLVLM + " --output-dir saves/smolvlm",
                "#  or: python trl_sft_lora.py --model " + QWEN2_VL + " --output-dir saves/qwen2vl",
                "# Needs: pip install trl peft datasets transformers pillow",
                "import argparse",
                "import io",
                "",
                "from datasets import load_dataset",
                "from peft import LoraConfig",
                "from PIL import Image",
                "from transformers import AutoModelForVision2Seq, AutoProcessor",
                "from trl import SFTConfig, SFTTrainer",
                "",
                "DATA_FILES = {",
                "    \"train\": " + pyString(data.resolve(FinetuneDatasetBuilder.parquetFile(Split.TRAIN)).toString()) + ",",
                "    \"validation\": " + pyString(data.resolve(FinetuneDatasetBuilder.parquetFile(Split.VAL)).toString()) + ",",
                "}",
                "IMAGE_TOKEN = \"<image>\"",
                "",
                "parser = argparse.ArgumentParser()",
                "parser.add_argument(\"--model\", default=\"" + SMOLVLM + "\")",
                "parser.add_argument(\"--output-dir\", default=\"saves/trl-lora\")",
                "parser.add_argument(\"--epochs\", type=float, default=3.0)",
                "args = parser.parse_args()",
                "",
                "processor = AutoProcessor.from_pretrained(args.model)",
                "model = AutoModelForVision2Seq.from_pretrained(args.model, torch_dtype=\"auto\")",
                "data = load_dataset(\"parquet\", data_files=DATA_FILES)",
                "",
                "",
                "def typed(messages):",
                "    \"\"\"Our text turns -> typed chat content, the image before the first question.\"\"\"",
                "    out = []",
                "    for i, m in enumerate(messages):",
                "        text = m[\"content\"].replace(IMAGE_TOKEN, \"\")",
                "        content = ([{\"type\": \"image\"}] if i == 0 else []) + [{\"type\": \"text\", \"text\": text}]",
                "        out.append({\"role\": m[\"role\"], \"content\": content})",
                "    return out",
                "",
                "",
                "def collate(examples):",
                "    texts = [processor.apply_chat_template(typed(e[\"messages\"]), tokenize=False) for e in examples]",
                "    images = [[Image.open(io.BytesIO(e[\"image\"][\"bytes\"])).convert(\"RGB\")] for e in examples]",
                "    batch = processor(text=texts, images=images, return_tensors=\"pt\", padding=True)",
                "    labels = batch[\"input_ids\"].clone()",
                "    labels[labels == processor.tokenizer.pad_token_id] = -100",
                "    image_token_id = processor.tokenizer.convert_tokens_to_ids(getattr(processor, \"image_token\", IMAGE_TOKEN))",
                "    labels[labels == image_token_id] = -100",
                "    batch[\"labels\"] = labels",
                "    return batch",
                "",
                "",
                "config = SFTConfig(",
                "    output_dir=args.output_dir,",
                "    num_train_epochs=args.epochs,",
                "    per_device_train_batch_size=1,",
                "    gradient_accumulation_steps=8,",
                "    learning_rate=1e-4,",
                "    lr_scheduler_type=\"cosine\",",
                "    warmup_ratio=0.1,",
                "    logging_steps=10,",
                "    save_steps=500,",
                "    bf16=True,",
                "    remove_unused_columns=False,",
                "    dataset_kwargs={\"skip_prepare_dataset\": True},",
                "    report_to=\"none\",",
                ")",
                "trainer = SFTTrainer(",
                "    model=model,",
                "    args=config,",
                "    train_dataset=data[\"train\"],",
                "    eval_dataset=data[\"validation\"] if len(data[\"validation\"]) > 0 else None,",
                "    data_collator=collate,",
                "    peft_config=LoraConfig(r=8, lora_alpha=16, lora_dropout=0.05, target_modules=\"all-linear\",",
                "                           task_type=\"CAUSAL_LM\"),",
                ")",
                "trainer.train()",
                "trainer.save_model(args.output_dir)",
                "");
    }
}
