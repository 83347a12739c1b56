package io.github.spatialvlm4j.datagen.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.qa.Category;
import io.github.spatialvlm4j.datagen.qa.ExactAnswer;
import io.github.spatialvlm4j.datagen.qa.QaPair;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FrameRecordTest {

    @Test
    void imagePathForEscapesUnsafeCharactersReversibly() {
        assertEquals("images/synthetic-000001.png", FrameRecord.imagePathFor("synthetic-000001"));
        assertEquals("images/scan%2F0001%20frame.12.png", FrameRecord.imagePathFor("scan/0001 frame.12"));
        assertEquals("images/%2Ehidden.png", FrameRecord.imagePathFor(".hidden"));
        assertEquals("images/%2E.%2F..%2Fx.png", FrameRecord.imagePathFor("../../x"));
        assertEquals("images/caf%C3%A9_%E6%97%A5%E6%9C%AC.png", FrameRecord.imagePathFor("café_日本"));
        assertEquals("images/a%2Emarks.png", FrameRecord.imagePathFor("a.marks"), "never a marked copy's name");
        assertThrows(IllegalArgumentException.class, () -> FrameRecord.imagePathFor(""));
        // Ids the old scheme squashed to one name ("__", "a_b") all differ now, and read back.
        List<String> ids = List.of("日本", "中国", "a/b", "a_b", "a b", "a%2Fb", "a.b", "😀", "Ünïcödé", "a.marks",
                "a.marks.png", ".a", "%", "~x");
        Set<String> paths = new HashSet<>();
        for (String id : ids) {
            String path = FrameRecord.imagePathFor(id);
            assertTrue(paths.add(path), "two ids share " + path);
            assertEquals(Optional.of(id), FrameRecord.frameIdOf(path), path);
            assertTrue(!paths.contains(FrameRecord.markedPathFor(id)), FrameRecord.markedPathFor(id));
        }
    }

    @Test
    void overlongIdsAreCutAndHashed() {
        String a = "日本".repeat(40) + "a";
        String b = "日本".repeat(40) + "b";
        String pa = FrameRecord.imagePathFor(a);
        String pb = FrameRecord.imagePathFor(b);
        assertTrue(!pa.equals(pb), pa);
        String name = pa.substring("images/".length(), pa.length() - ".png".length());
        assertTrue(name.length() <= FrameRecord.MAX_NAME && name.matches(".*~[0-9a-f]{16}"), name);
        assertEquals(Optional.empty(), FrameRecord.frameIdOf(pa));
        FrameRecord r = RecordJsonTest.knownRecord();
        new FrameRecord(r.frameId(), pa, r.pngBytes(), r.facts(), r.qa());
    }

    @Test
    void imagePathForAlwaysGivesAValidPath() {
        FrameRecord r = RecordJsonTest.knownRecord();
        for (String id : List.of("a", "../../etc/passwd", "..", "ü", " ", "a b\\c")) {
            // Must not throw: the constructor accepts what imagePathFor produces.
            String path = FrameRecord.imagePathFor(id);
            assertTrue(path.startsWith("images/") && !path.contains("/.") && path.indexOf('/', 7) < 0, path);
            new FrameRecord(r.frameId(), path, r.pngBytes(), r.facts(), r.qa());
        }
    }

    @Test
    void constructorRejectsBadValues() {
        FrameRecord r = RecordJsonTest.knownRecord();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FrameRecord("other", r.imagePath(), r.pngBytes(), r.facts(), r.qa()));
        assertTrue(e.getMessage().contains("'other'"), e.getMessage());
        for (String path : List.of("/abs/x.png", "images/../x.png", "images/.x.png", "img/x.png", "images/x.jpg",
                "images/a/b.png", "images\\x.png")) {
            e = assertThrows(IllegalArgumentException.class,
                    () -> new FrameRecord(r.frameId(), path, r.pngBytes(), r.facts(), r.qa()), path);
            assertTrue(e.getMessage().contains(path), e.getMessage());
        }
        e = assertThrows(IllegalArgumentException.class,
                () -> new FrameRecord(r.frameId(), r.imagePath(), new byte[] {1, 2, 3}, r.facts(), r.qa()));
        assertTrue(e.getMessage().contains("PNG signature"), e.getMessage());
        List<QaPair> unknownObject = List.of(new QaPair(Category.WIDTH, List.of(7), "How wide?", "1 m.",
                new ExactAnswer.Metric(1)));
        e = assertThrows(IllegalArgumentException.class,
                () -> new FrameRecord(r.frameId(), r.imagePath(), r.pngBytes(), r.facts(), unknownObject));
        assertTrue(e.getMessage().contains("object 7"), e.getMessage());
    }
}
