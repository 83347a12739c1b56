/**
 * What a frame's geometry says, as the question synthesis and the audit read it: {@link
 * io.github.spatialvlm4j.datagen.facts.SceneFacts} (the objects, their pairwise gaps, the floor state)
 * and {@link io.github.spatialvlm4j.datagen.facts.ObjectFacts} (one object's gravity-aligned box,
 * floor contact, occlusion).
 *
 * <p>The same definitions serve measured facts (from the cleaned point clouds, the facts stage of
 * docs/ARCHITECTURE.md, "Stages") and exact facts (from ground truth: {@link
 * io.github.spatialvlm4j.datagen.facts.GroundTruth}), so that the audit compares like with like.
 * {@link io.github.spatialvlm4j.datagen.facts.FloorState} says whether a frame has a floor, only an up
 * direction, or neither, and so which questions may be asked.
 *
 * <p><b>Frames and units.</b> Metres. Centres are given in the camera frame (x right, y down, z forward)
 * and in the up frame (z up: the floor frame when there is a floor); widths, depths and heights are
 * extents in the up frame; {@link io.github.spatialvlm4j.datagen.facts.PixelBox} and the occlusion
 * shares are in image pixels. See docs/ARCHITECTURE.md, "Frames and units".
 */
package io.github.spatialvlm4j.datagen.facts;
