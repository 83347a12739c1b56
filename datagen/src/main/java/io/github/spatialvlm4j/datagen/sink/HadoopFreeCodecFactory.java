package io.github.spatialvlm4j.datagen.sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Parquet page compression without Hadoop on the class path: {@code UNCOMPRESSED} and
 * {@code SNAPPY} (through {@code org.xerial.snappy}, which parquet-hadoop depends on). parquet-java's
 * own factory goes through Hadoop's codec classes, so a writer built without this factory fails at
 * run time when Hadoop is absent. Stateless and thread-safe.
 */
public final class HadoopFreeCodecFactory implements CompressionCodecFactory {

    /** The shared instance. */
    public static final HadoopFreeCodecFactory INSTANCE = new HadoopFreeCodecFactory();

    private HadoopFreeCodecFactory() {
    }

    /**
     * @throws IllegalArgumentException for a codec other than UNCOMPRESSED and SNAPPY
     */
    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return new Codec(check(codec));
    }

    /**
     * @throws IllegalArgumentException for a codec other than UNCOMPRESSED and SNAPPY
     */
    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return new Codec(check(codec));
    }

    @Override
    public void release() {
        // Nothing pooled.
    }

    private static CompressionCodecName check(CompressionCodecName codec) {
        Objects.requireNonNull(codec, "codec");
        if (codec != CompressionCodecName.UNCOMPRESSED && codec != CompressionCodecName.SNAPPY) {
            throw new IllegalArgumentException("Unsupported Parquet codec: " + codec
                    + " (supported without Hadoop: UNCOMPRESSED, SNAPPY)");
        }
        return codec;
    }

    private static final class Codec implements BytesInputCompressor, BytesInputDecompressor {
        private final CompressionCodecName codec;

        Codec(CompressionCodecName codec) {
            this.codec = codec;
        }

        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            if (codec == CompressionCodecName.UNCOMPRESSED) {
                return bytes;
            }
            return BytesInput.from(Snappy.compress(bytes.toByteArray()));
        }

        @Override
        public CompressionCodecName getCodecName() {
            return codec;
        }

        @Override
        public BytesInput decompress(BytesInput bytes, int decompressedSize) throws IOException {
            if (codec == CompressionCodecName.UNCOMPRESSED) {
                return bytes;
            }
            byte[] in = bytes.toByteArray();
            byte[] out = new byte[decompressedSize];
            int n = Snappy.uncompress(in, 0, in.length, out, 0);
            if (n != decompressedSize) {
                throw new IOException("Snappy page decompressed to " + n + " bytes, expected " + decompressedSize);
            }
            return BytesInput.from(out);
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int decompressedSize)
                throws IOException {
            byte[] in = new byte[compressedSize];
            input.get(in);
            byte[] out = decompress(BytesInput.from(in), decompressedSize).toByteArray();
            output.put(out);
        }

        @Override
        public void release() {
            // Nothing pooled.
        }
    }
}
