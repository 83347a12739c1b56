package io.github.spatialvlm4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.spatialvlm4j.datagen.source.images.WebDatasetSource;
import io.github.spatialvlm4j.geometry.RgbImage;
import io.github.spatialvlm4j.geometry.io.ColorImages;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WebDataset shards written by an independent tar writer (Apache Commons Compress, on this module's test
 * class path through Spark): GNU long names, PAX path headers, directory members and sizes that are not
 * multiples of 512 are read as the samples they hold.
 */
class WebDatasetTarsTest {

    @TempDir
    Path dir;

    private static byte[] png(int w, int rgb) {
        int[] px = new int[w * 2];
        Arrays.fill(px, rgb);
        return ColorImages.encodePng(new RgbImage(w, 2, px));
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(bytes.length);
        tar.putArchiveEntry(e);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    private Path write(String file, int longFileMode, String longKey) throws IOException {
        Path path = dir.resolve(file);
        try (OutputStream out = Files.newOutputStream(path);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(longFileMode);
            TarArchiveEntry folder = new TarArchiveEntry("samples/");
            tar.putArchiveEntry(folder);
            tar.closeArchiveEntry();
            add(tar, "samples/a.png", png(3, 0x102030));
            add(tar, "samples/a.json", "{\"caption\": \"x\"}".getBytes(StandardCharsets.UTF_8));
            add(tar, longKey + ".png", png(5, 0x405060));
            add(tar, longKey + ".txt", "long".getBytes(StandardCharsets.UTF_8));
        }
        return path;
    }

    @Test
    void gnuLongNamesAndPaxPathsAreRead() throws IOException {
        String longKey = "deep/" + "k".repeat(150);
        for (int mode : new int[] {TarArchiveOutputStream.LONGFILE_GNU, TarArchiveOutputStream.LONGFILE_POSIX}) {
            Path tar = write("shard-" + mode + ".tar", mode, longKey);
            WebDatasetSource source = new WebDatasetSource(WebDatasetSource.scan(tar), ColorImages.UNLIMITED);

            assertEquals(2, source.size(), "mode " + mode);
            assertEquals(Optional.of("samples_a"), source.idOf(0));
            assertEquals(Optional.of(longKey.replace('/', '_')), source.idOf(1));
            assertEquals(5, source.load(1).image().width());
            assertArrayEquals(png(3, 0x102030), source.load(0).imagePng().orElseThrow());
            assertEquals(List.of(), source.warnings());
        }
    }
}
