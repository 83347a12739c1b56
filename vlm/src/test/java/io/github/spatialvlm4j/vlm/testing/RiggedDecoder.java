package io.github.spatialvlm4j.vlm.testing;

/**
 * A tiny decoder graph in the merged-decoder layout whose next token is a fixed function of
 * the last input token ({@code next[token]}), and which checks its own bookkeeping: when the
 * position ids, the attention mask length or {@code use_cache_branch} disagree with the cache
 * length it received, the logit of {@link #WRONG} gets a large bonus, so a loop that mishandles
 * the cache produces {@link #WRONG} instead of the rigged sequence.
 */
public final class RiggedDecoder {
    /** Vocabulary size of {@link #build(int[], boolean, boolean)}'s usual 10-entry tables. */
    public static final int VOCAB = 10;
    /** Token emitted when the loop's bookkeeping is wrong: the last token of the vocabulary. */
    public static final int WRONG = 9;
    /** Cache layers. */
    public static final int LAYERS = 2;

    private RiggedDecoder() {
    }

    /**
     * @param next         next[token] is the token that follows {@code token}
     * @param embeds       take {@code inputs_embeds [B, S, VOCAB]} (one-hot rows) instead of {@code input_ids}
     * @param mrope        position_ids shaped [3, B, S] (Qwen2-VL) instead of [B, S]
     */
    public static OnnxGraph build(int[] next, boolean embeds, boolean mrope) {
        return build(next, embeds, mrope, new int[0]);
    }

    /**
     * As {@link #build(int[], boolean, boolean)} with image votes: embeddings have
     * {@code next.length + voteTokens.length} columns; the first {@code next.length} are the
     * one-hot token, column {@code next.length + j} a vote for token {@code voteTokens[j]}. At
     * the first step (no cache), the votes summed over the prompt add 10 per vote to the logits
     * of their tokens, so spliced image features decide the first answer token.
     */
    public static OnnxGraph build(int[] next, boolean embeds, boolean mrope, int[] voteTokens) {
        return build(next, embeds, mrope, voteTokens, false);
    }

    /**
     * With {@code ropeContinues} (needs {@code mrope}), the position check follows Qwen2-VL: the
     * prompt's positions are free (image tokens get 2-D positions), the value cache stores the
     * row and column positions it saw (time never exceeds row), and every generated token must sit at the largest stored
     * position + 1 on all three axes.
     */
    public static OnnxGraph build(int[] next, boolean embeds, boolean mrope, int[] voteTokens, boolean ropeContinues) {
        final int VOCAB = next.length;
        final int WRONG = VOCAB - 1;
        OnnxGraph g = new OnnxGraph("rigged_decoder");
        float[] table = new float[VOCAB * VOCAB];
        for (int a = 0; a < VOCAB; a++) {
            table[a * VOCAB + next[a]] = 10f;
        }
        float[] wrong = new float[VOCAB];
        wrong[WRONG] = 100f;
        g.floats("transition", table, VOCAB, VOCAB)
                .floats("wrong", wrong, VOCAB)
                .longs("axes13", new long[] {1, 3}, 2)
                .longs("axes1", new long[] {1}, 1)
                .longs("i2", new long[] {2})
                .longs("i1", new long[] {1})
                .longs("iLast", new long[] {-1})
                .longs("one", new long[] {1})
                .longs("zero", new long[] {0})
                .longs("vocab", new long[] {VOCAB}, 1);
        if (embeds) {
            g.input("inputs_embeds", OnnxGraph.FLOAT, "batch_size", "sequence_length", VOCAB + voteTokens.length);
        } else {
            g.input("input_ids", OnnxGraph.INT64, "batch_size", "sequence_length");
        }
        g.input("attention_mask", OnnxGraph.INT64, "batch_size", "total_sequence_length");
        if (mrope) {
            g.input("position_ids", OnnxGraph.INT64, 3, "batch_size", "sequence_length");
        } else {
            g.input("position_ids", OnnxGraph.INT64, "batch_size", "sequence_length");
        }
        for (int l = 0; l < LAYERS; l++) {
            g.input("past_key_values." + l + ".key", OnnxGraph.FLOAT, "batch_size", 1, "past_sequence_length", 2);
            g.input("past_key_values." + l + ".value", OnnxGraph.FLOAT, "batch_size", 1, "past_sequence_length", 2);
        }
        g.input("use_cache_branch", OnnxGraph.BOOL, 1);
        g.output("logits", OnnxGraph.FLOAT, "batch_size", "sequence_length", VOCAB);
        for (int l = 0; l < LAYERS; l++) {
            g.output("present." + l + ".key", OnnxGraph.FLOAT, "batch_size", 1, "total_sequence_length", 2);
            g.output("present." + l + ".value", OnnxGraph.FLOAT, "batch_size", 1, "total_sequence_length", 2);
        }
        String ids = "input_ids";
        if (embeds) {
            ids = g.tmp();
            String text = "inputs_embeds";
            if (voteTokens.length > 0) {
                text = g.tmp();
                g.longs("sliceAxis", new long[] {2}, 1).longs("s0", new long[] {0}, 1).longs("sV", new long[] {VOCAB}, 1)
                        .longs("sEnd", new long[] {VOCAB + voteTokens.length}, 1);
                g.node("Slice", new String[] {"inputs_embeds", "s0", "sV", "sliceAxis"}, new String[] {text});
            }
            g.node("ArgMax", text, ids, OnnxGraph.attrInt("axis", 2), OnnxGraph.attrInt("keepdims", 0));
        }
        // New cache entries hold the token ids: [B, 1, S, 2].
        String tokF = g.tmp();
        String tok4 = g.tmp();
        String kv = g.tmp();
        g.node("Cast", ids, tokF, OnnxGraph.attrInt("to", OnnxGraph.FLOAT));
        g.node("Unsqueeze", new String[] {tokF, "axes13"}, new String[] {tok4});
        g.node("Concat", new String[] {tok4, tok4}, new String[] {kv}, OnnxGraph.attrInt("axis", 3));
        for (int l = 0; l < LAYERS; l++) {
            g.node("Concat", new String[] {"past_key_values." + l + ".key", kv}, new String[] {"present." + l + ".key"},
                    OnnxGraph.attrInt("axis", 2));
            String valueNew = kv;
            if (ropeContinues) {
                String rows = g.tmp();
                String rowsF = g.tmp();
                String perm = g.tmp();
                valueNew = g.tmp();
                g.longs("r0_" + l, new long[] {1}, 1).longs("r2_" + l, new long[] {3}, 1).longs("ax0_" + l, new long[] {0}, 1);
                g.node("Slice", new String[] {"position_ids", "r0_" + l, "r2_" + l, "ax0_" + l}, new String[] {rows});
                g.node("Cast", rows, rowsF, OnnxGraph.attrInt("to", OnnxGraph.FLOAT));
                g.node("Transpose", rowsF, perm, OnnxGraph.attrInts("perm", 1, 2, 0));
                g.node("Unsqueeze", new String[] {perm, "axes1"}, new String[] {valueNew});
            }
            g.node("Concat", new String[] {"past_key_values." + l + ".value", valueNew}, new String[] {"present." + l + ".value"},
                    OnnxGraph.attrInt("axis", 2));
        }
        // total = cache length after this step; start = past length.
        String shapeK = g.tmp();
        String total = g.tmp();
        String shapeIds = g.tmp();
        String s = g.tmp();
        String start = g.tmp();
        String range = g.tmp();
        g.node("Shape", "present.0.key", shapeK);
        g.node("Gather", new String[] {shapeK, "i2"}, new String[] {total}, OnnxGraph.attrInt("axis", 0));
        g.node("Shape", ids, shapeIds);
        g.node("Gather", new String[] {shapeIds, "i1"}, new String[] {s}, OnnxGraph.attrInt("axis", 0));
        g.node("Sub", new String[] {total, s}, new String[] {start});
        g.node("Range", new String[] {start, total, "one"}, new String[] {range});
        String errPos = g.tmp();
        if (ropeContinues) {
            // Generated tokens: every axis at (largest cached position) + 1; the prompt step is free.
            g.longs("flatAll", new long[] {-1}, 1).floats("minusOne", new float[] {-1f}, 1).floats("oneFl", new float[] {1f});
            String flat = g.tmp();
            String withFloor = g.tmp();
            String pastMax = g.tmp();
            String expected = g.tmp();
            String diffSum = g.tmp();
            String useF = g.tmp();
            g.node("Reshape", new String[] {"past_key_values.0.value", "flatAll"}, new String[] {flat});
            g.node("Concat", new String[] {flat, "minusOne"}, new String[] {withFloor}, OnnxGraph.attrInt("axis", 0));
            g.node("ReduceMax", withFloor, pastMax, OnnxGraph.attrInt("keepdims", 0));
            g.node("Add", new String[] {pastMax, "oneFl"}, new String[] {expected});
            g.node("ReduceSum", new String[] {g.absDiff("position_ids", expected)}, new String[] {diffSum},
                    OnnxGraph.attrInt("keepdims", 0));
            g.node("Cast", "use_cache_branch", useF, OnnxGraph.attrInt("to", OnnxGraph.FLOAT));
            g.node("Mul", new String[] {diffSum, useF}, new String[] {errPos});
        } else {
            // Position error: sum |position_ids - [start, total)|.
            g.node("ReduceSum", new String[] {g.absDiff("position_ids", range)}, new String[] {errPos},
                    OnnxGraph.attrInt("keepdims", 0));
        }
        // Mask error: |sum(attention_mask) - total|.
        String maskSum = g.tmp();
        g.node("ReduceSum", new String[] {"attention_mask"}, new String[] {maskSum}, OnnxGraph.attrInt("keepdims", 0));
        String errMask = g.absDiff(maskSum, total);
        // Branch error: use_cache_branch must be (past > 0).
        String hasPast = g.tmp();
        g.node("Greater", new String[] {start, "zero"}, new String[] {hasPast});
        String errBranch = g.absDiff("use_cache_branch", hasPast);
        String err1 = g.tmp();
        String err = g.tmp();
        String penalty = g.tmp();
        g.node("Add", new String[] {errPos, errMask}, new String[] {err1});
        g.node("Add", new String[] {err1, errBranch}, new String[] {err});
        g.node("Mul", new String[] {err, "wrong"}, new String[] {penalty});
        // Logits: transition row of the last token, plus the penalty, expanded to [B, S, V].
        String last = g.tmp();
        String row = g.tmp();
        String row3 = g.tmp();
        String rowP = g.tmp();
        String outShape = g.tmp();
        g.node("Gather", new String[] {ids, "iLast"}, new String[] {last}, OnnxGraph.attrInt("axis", 1));
        g.node("Gather", new String[] {"transition", last}, new String[] {row}, OnnxGraph.attrInt("axis", 0));
        g.node("Unsqueeze", new String[] {row, "axes1"}, new String[] {row3});
        if (embeds && voteTokens.length > 0) {
            float[] w = new float[voteTokens.length * VOCAB];
            for (int j = 0; j < voteTokens.length; j++) {
                w[j * VOCAB + voteTokens[j]] = 10f;
            }
            g.floats("voteW", w, voteTokens.length, VOCAB).floats("oneF", new float[] {1f}, 1);
            String votes = g.tmp();
            String voteSum = g.tmp();
            String voteLogits = g.tmp();
            String useF = g.tmp();
            String notUse = g.tmp();
            String bias = g.tmp();
            String bias3 = g.tmp();
            String withVotes = g.tmp();
            g.node("Slice", new String[] {"inputs_embeds", "sV", "sEnd", "sliceAxis"}, new String[] {votes});
            g.node("ReduceSum", new String[] {votes, "axes1"}, new String[] {voteSum}, OnnxGraph.attrInt("keepdims", 0));
            g.node("MatMul", new String[] {voteSum, "voteW"}, new String[] {voteLogits});
            g.node("Cast", "use_cache_branch", useF, OnnxGraph.attrInt("to", OnnxGraph.FLOAT));
            g.node("Sub", new String[] {"oneF", useF}, new String[] {notUse});
            g.node("Mul", new String[] {voteLogits, notUse}, new String[] {bias});
            g.node("Unsqueeze", new String[] {bias, "axes1"}, new String[] {bias3});
            g.node("Add", new String[] {row3, bias3}, new String[] {withVotes});
            row3 = withVotes;
        }
        g.node("Add", new String[] {row3, penalty}, new String[] {rowP});
        g.node("Concat", new String[] {shapeIds, "vocab"}, new String[] {outShape}, OnnxGraph.attrInt("axis", 0));
        g.node("Expand", new String[] {rowP, outShape}, new String[] {"logits"});
        return g;
    }

    /** {@code embed_tokens}: input_ids [B, S] -> inputs_embeds [B, S, VOCAB], one-hot rows. */
    public static OnnxGraph embedTokens() {
        return embedTokens(VOCAB, 0);
    }

    /** {@code embed_tokens} over {@code vocab} tokens with {@code extra} zero columns (image votes). */
    public static OnnxGraph embedTokens(int vocab, int extra) {
        int hidden = vocab + extra;
        float[] eye = new float[vocab * hidden];
        for (int i = 0; i < vocab; i++) {
            eye[i * hidden + i] = 1f;
        }
        OnnxGraph g = new OnnxGraph("embed_tokens")
                .input("input_ids", OnnxGraph.INT64, "batch_size", "sequence_length")
                .output("inputs_embeds", OnnxGraph.FLOAT, "batch_size", "sequence_length", hidden)
                .floats("eye", eye, vocab, hidden);
        g.node("Gather", new String[] {"eye", "input_ids"}, new String[] {"inputs_embeds"}, OnnxGraph.attrInt("axis", 0));
        return g;
    }
}
