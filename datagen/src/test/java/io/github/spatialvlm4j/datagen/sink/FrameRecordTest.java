package io.github.spatialvlm4j.datagen.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.qa.Category;
import io.github.spatialvlm4j.datagen.qa.ExactAnswer;
import io.github.spatialvlm4j.datagen.qa.QaPair;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameRecordTest {

    @Test
    void imagePathForReplacesUnsafeCharacters() {
        assertEquals("images/synthetic-000001.png", FrameRecord.imagePathFor("synthetic-000001"));
        assertEquals("images/scan_0001_frame.12.png", FrameRecord.imagePathFor("scan/0001 frame.12"));
        assertEquals("images/_hidden.png", FrameRecord.imagePathFor(".hidden"));
        assertEquals("images/_._.._x.png", FrameRecord.imagePathFor("../../x"));
        assertThrows(IllegalArgumentException.class, () -> FrameRecord.imagePathFor(""));
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
