/**
 * Library peers measured beside the kernels: {@link SmilePeers} wraps Smile's DBSCAN and KD-tree
 * (k-nearest and nearest-point queries) over the same flat {@code xyz} inputs (metres), copied into
 * the {@code double[][]} rows Smile works on outside the timed region.
 *
 * <p>Depends on Smile (smile-core).
 */
package io.github.spatialvlm4j.benchmarks.peers;
