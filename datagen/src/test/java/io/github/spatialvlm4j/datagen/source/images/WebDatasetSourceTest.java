package io.github.spatialvlm4j.datagen.source.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.Frame;
import io.github.spatialvlm4j.datagen.source.SourceSpec;
import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.geometry.io.ColorImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WebDataset shards: grouping, order, ids, errors; {@link #tar} writes the fixtures (used by the CLI tests too). */
public class WebDatasetSourceTest {

    @TempDir
    Path dir;

    /** A solid-colour PNG, w x h. */
    public static byte[] png(int w, int h, int rgb) {
        int[] px = new int[w * h];
        Arrays.fill(px, rgb);
        return ColorImages.encodePng(new RgbImage(w, h, px));
    }

    /** A ustar archive of these members, in order (a minimal writer: names up to 100 bytes). */
    public static byte[] tar(Map<String, byte[]> members) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> m : members.entrySet()) {
            byte[] h = new byte[512];
            put(h, 0, m.getKey());
            put(h, 100, "0000644");
            put(h, 108, "0000000");
            put(h, 116, "0000000");
            put(h, 124, String.format("%011o", m.getValue().length));
            put(h, 136, "00000000000");
            h[156] = '0';
            put(h, 257, "ustar");
            h[262] = 0;
            put(h, 263, "00");
            Arrays.fill(h, 148, 156, (byte) ' ');
            long sum = 0;
            for (byte b : h) {
                sum += b & 0xff;
            }
            put(h, 148, String.format("%06o", sum));
            h[154] = 0;
            out.writeBytes(h);
            out.writeBytes(m.getValue());
            out.writeBytes(new byte[(512 - m.getValue().length % 512) % 512]);
        }
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    private static void put(byte[] h, int offset, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, offset, b.length);
    }

    private Path writeTar(String name, Map<String, byte[]> members) throws IOException {
        return Files.write(dir.resolve(name), tar(members));
    }

    @Test
    void samplesAreGroupedByKeyInShardAndMemberOrder() throws IOException {
        Map<String, byte[]> a = new LinkedHashMap<>();
        a.put("000002.jpg.json", "{}".getBytes(StandardCharsets.UTF_8)); // key 000002, extension jpg.json
        a.put("000002.png", png(4, 3, 0x112233));
        a.put("000001.png", png(5, 2, 0x445566));
        a.put("000001.json", "{\"caption\": \"a cat\"}".getBytes(StandardCharsets.UTF_8));
        a.put("000003.txt", "no image".getBytes(StandardCharsets.UTF_8));
        writeTar("shard-000.tar", a);
        Map<String, byte[]> b = new LinkedHashMap<>();
        b.put("sub/000004.PNG", png(3, 3, 0x778899));
        writeTar("shard-001.tar", b);
        Files.writeString(dir.resolve("README.txt"), "not a shard");

        assertTrue(WebDatasetSource.isWebDataset(dir));
        WebDatasetSource.Index index = WebDatasetSource.scan(dir);
        assertEquals(List.of(3L), List.of(index.frames()));
        assertEquals(2, index.shards().size());
        assertEquals(1, index.warnings().size());
        assertTrue(index.warnings().get(0).contains("shard-000.tar:000003"), index.warnings().get(0));
        WebDatasetSource source = new WebDatasetSource(index, ColorImages.UNLIMITED);

        assertEquals(3, source.size());
        assertEquals(Optional.of("000002"), source.idOf(0));
        assertEquals(Optional.of("000001"), source.idOf(1));
        assertEquals(Optional.of("sub_000004"), source.idOf(2));
        Frame f = source.load(1);
        assertEquals("000001", f.id());
        assertEquals(5, f.image().width());
        assertEquals(0x445566, f.image().rgb()[0] & 0xffffff);
        assertArrayEquals(a.get("000001.png"), f.imagePng().orElseThrow(), "an RGB PNG member is kept as it is");
        assertEquals(3, source.load(2).image().height());
        assertEquals(List.of(dir.resolve("shard-001.tar")), source.inputFiles(2));
        assertTrue(f.depth().isEmpty(), "photos carry no depth");
    }

    @Test
    void imagesFolderWithTarsBecomesAWebDatasetSpec() throws IOException {
        writeTar("a.tar", Map.of("k.png", png(2, 2, 0)));
        SourceSpec.WebDataset spec = new SourceSpec.WebDataset(WebDatasetSource.scan(dir.resolve("a.tar")), 1, true,
                1000);
        assertEquals("images", spec.kind());
        assertEquals(Map.of("source_kind", "images", "count", "1", "max_pixels", "1000"), spec.manifestOptions());
        assertEquals(1, spec.open().size());
    }

    @Test
    void badShardsAreNamed() throws IOException {
        byte[] good = tar(Map.of("k.png", png(2, 2, 0)));
        Path truncated = Files.write(dir.resolve("truncated.tar"), Arrays.copyOf(good, 700));
        IOException e = assertThrows(IOException.class, () -> WebDatasetSource.scan(truncated));
        assertTrue(e.getMessage().contains("truncated.tar is truncated"), e.getMessage());

        byte[] corrupt = good.clone();
        corrupt[10] ^= 1;
        Path bad = Files.write(dir.resolve("corrupt.tar"), corrupt);
        e = assertThrows(IOException.class, () -> WebDatasetSource.scan(bad));
        assertTrue(e.getMessage().contains("corrupt.tar is not a tar file") && e.getMessage().contains("checksum"),
                e.getMessage());

        Path twice = Files.write(dir.resolve("twice.tar"), tar(new LinkedHashMap<>(Map.of("k.png", png(2, 2, 0),
                "k.jpg", png(2, 2, 0)))));
        e = assertThrows(IOException.class, () -> WebDatasetSource.scan(twice));
        assertTrue(e.getMessage().contains("sample k has 2 images"), e.getMessage());
    }

    @Test
    void aDuplicateIdAcrossShardsOrPhotosBesideShardsAreRefused() throws IOException {
        writeTar("a.tar", Map.of("k.png", png(2, 2, 0)));
        writeTar("b.tar", Map.of("k.png", png(2, 2, 0)));
        IOException e = assertThrows(IOException.class, () -> WebDatasetSource.scan(dir));
        assertTrue(e.getMessage().contains("Frame id k appears twice"), e.getMessage());

        Path mixed = Files.createDirectories(dir.resolve("mixed"));
        Files.write(mixed.resolve("a.tar"), tar(Map.of("k.png", png(2, 2, 0))));
        Files.write(mixed.resolve("photo.png"), png(2, 2, 0));
        e = assertThrows(IOException.class, () -> WebDatasetSource.scan(mixed));
        assertTrue(e.getMessage().contains("photo.png") && e.getMessage().contains("one kind per folder"),
                e.getMessage());
    }

    @Test
    void aCorruptImageMemberIsALoadErrorNamingTheMember() throws IOException {
        Path tar = writeTar("a.tar", Map.of("broken.jpg", "not a jpeg".getBytes(StandardCharsets.UTF_8)));
        WebDatasetSource source = new WebDatasetSource(WebDatasetSource.scan(tar), ColorImages.UNLIMITED);
        IOException e = assertThrows(IOException.class, () -> source.load(0));
        assertTrue(e.getMessage().contains("a.tar:broken.jpg"), e.getMessage());
        assertFalse(WebDatasetSource.isWebDataset(dir.resolve("missing")));
    }
}
