package io.github.spatialvlm4j.datagen.sink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;

class HadoopFreeCodecFactoryTest {

    @Test
    void snappyZstdAndUncompressedRoundTrip() throws IOException {
        Random rnd = new Random(21);
        for (CompressionCodecName codec : new CompressionCodecName[] {CompressionCodecName.SNAPPY,
                CompressionCodecName.ZSTD, CompressionCodecName.UNCOMPRESSED}) {
            for (int size : new int[] {0, 1, 1000, 70_000}) {
                byte[] data = new byte[size];
                for (int i = 0; i < size; i++) {
                    data[i] = (byte) (rnd.nextInt(8) == 0 ? rnd.nextInt() : 'a' + i % 3); // compressible
                }
                CompressionCodecFactory.BytesInputCompressor c = HadoopFreeCodecFactory.INSTANCE.getCompressor(codec);
                assertEquals(codec, c.getCodecName());
                byte[] packed = c.compress(BytesInput.from(data)).toByteArray();
                if (codec != CompressionCodecName.UNCOMPRESSED && size >= 1000) {
                    assertTrue(packed.length < size, codec + " must compress repetitive data");
                }
                // The pages are the libraries' own bytes (compressed into a bound-sized buffer, not copied).
                if (codec == CompressionCodecName.SNAPPY) {
                    assertArrayEquals(org.xerial.snappy.Snappy.compress(data), packed);
                } else if (codec == CompressionCodecName.ZSTD) {
                    assertArrayEquals(com.github.luben.zstd.Zstd.compress(data, 3), packed);
                }
                CompressionCodecFactory.BytesInputDecompressor d =
                        HadoopFreeCodecFactory.INSTANCE.getDecompressor(codec);
                assertArrayEquals(data, d.decompress(BytesInput.from(packed), size).toByteArray());
                ByteBuffer out = ByteBuffer.allocate(size);
                d.decompress(ByteBuffer.wrap(packed), packed.length, out, size);
                assertArrayEquals(data, out.array());
            }
        }
    }

    @Test
    void otherCodecsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HadoopFreeCodecFactory.INSTANCE.getCompressor(CompressionCodecName.GZIP));
        assertTrue(e.getMessage().contains("GZIP") && e.getMessage().contains("UNCOMPRESSED, SNAPPY, ZSTD"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> HadoopFreeCodecFactory.INSTANCE.getDecompressor(CompressionCodecName.GZIP));
    }

    @Test
    void wrongDecompressedSizeIsAnError() throws IOException {
        for (CompressionCodecName codec : new CompressionCodecName[] {CompressionCodecName.SNAPPY,
                CompressionCodecName.ZSTD}) {
            byte[] packed = HadoopFreeCodecFactory.INSTANCE.getCompressor(codec)
                    .compress(BytesInput.from(new byte[100])).toByteArray();
            assertThrows(IOException.class, () -> HadoopFreeCodecFactory.INSTANCE
                    .getDecompressor(codec).decompress(BytesInput.from(packed), 200), codec.name());
            assertThrows(IOException.class, () -> HadoopFreeCodecFactory.INSTANCE
                    .getDecompressor(codec).decompress(BytesInput.from(packed), 50), codec.name());
        }
    }
}
