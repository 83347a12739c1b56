package io.github.spatialvlm4j.datagen.sink;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Parquet page compression without Hadoop on the class path: {@code UNCOMPRESSED}, {@code SNAPPY}
 * (through {@code org.xerial.snappy}) and {@code ZSTD} (through {@code com.github.luben:zstd-jni}, level
 * 3 when compressing), both of which parquet-hadoop already depends on. parquet-java's
 * own factory goes through Hadoop's codec classes, so a writer built without this factory fails at
 * run time when Hadoop is absent. Stateless and thread-safe.
 */
public final class HadoopFreeCodecFactory implements CompressionCodecFactory {

    /** The shared instance. */
    public static final HadoopFreeCodecFactory INSTANCE = new HadoopFreeCodecFactory();

    private HadoopFreeCodecFactory() {
    }

    /**
     * @throws IllegalArgumentException for a codec other than UNCOMPRESSED, SNAPPY and ZSTD
     */
    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return new Codec(check(codec));
    }

    /**
     * @throws IllegalArgumentException for a codec other than UNCOMPRESSED, SNAPPY and ZSTD
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
        if (codec != CompressionCodecName.UNCOMPRESSED && codec != CompressionCodecName.SNAPPY
                && codec != CompressionCodecName.ZSTD) {
            throw new IllegalArgumentException("Unsupported Parquet codec: " + codec
                    + " (supported without Hadoop: UNCOMPRESSED, SNAPPY, ZSTD)");
        }
        return codec;
    }

    /** zstd's default level: parquet-java's default for ZSTD too. */
    private static final int ZSTD_LEVEL = 3;

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
            // Compressed into a buffer of the codec's bound and handed on as its first n bytes: the libraries'
            // byte[] methods copy the result once more, and an image column's page is hundreds of MB.
            byte[] in = bytes.toByteArray();
            if (codec == CompressionCodecName.ZSTD) {
                byte[] out = new byte[Math.toIntExact(Zstd.compressBound(in.length))];
                long n = Zstd.compressByteArray(out, 0, out.length, in, 0, in.length, ZSTD_LEVEL);
                if (Zstd.isError(n)) {
                    throw new IOException("Cannot compress a " + in.length + "-byte page with ZSTD: "
                            + Zstd.getErrorName(n));
                }
                return BytesInput.from(out, 0, (int) n);
            }
            byte[] out = new byte[Snappy.maxCompressedLength(in.length)];
            int n = Snappy.compress(in, 0, in.length, out, 0);
            return BytesInput.from(out, 0, n);
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
            long n;
            if (codec == CompressionCodecName.ZSTD) {
                try {
                    n = Zstd.decompressByteArray(out, 0, out.length, in, 0, in.length);
                } catch (ZstdException e) {
                    throw new IOException("Cannot decompress a ZSTD page to " + decompressedSize + " bytes: "
                            + e.getMessage(), e);
                }
            } else {
                n = Snappy.uncompress(in, 0, in.length, out, 0);
            }
            if (n != decompressedSize) {
                throw new IOException(codec + " page decompressed to " + n + " bytes, expected " + decompressedSize);
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
