package io.github.spatialvlm4j.datagen.audit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spatialvlm4j.datagen.pipeline.StageTimes;
import io.github.spatialvlm4j.datagen.runner.RunSummary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditReportTest {

    @Test
    void aRunWithNothingToScoreSaysSoInsteadOfPrintingNaN() {
        AuditReport report = AuditReport.of("rgbd: 1 frame", new RunSummary(1, 1, 1, 0, Map.of(), 0, 1, 1),
                List.of(), new StageTimes(), 0.1);

        String summary = report.summary();

        assertFalse(summary.contains("NaN"), summary);
        assertTrue(summary.contains("qualitative: -% correct of 0 scored"), summary);
        assertTrue(summary.contains("heights -%, widths -%, depths -% within 10%"), summary);
        assertTrue(summary.contains("up direction error median - deg (p95 -, max -)"), summary);
    }
}
