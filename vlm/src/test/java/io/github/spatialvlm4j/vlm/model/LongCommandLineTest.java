package io.github.spatialvlm4j.vlm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import io.github.spatialvlm4j.vlm.testing.OnnxGraph;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM with a long command line (as {@code java -cp} with Spark's jars listed one by one) loads and runs a
 * model: ONNX Runtime's environment is created on a thread with a large stack ({@link OnnxModel#environment()});
 * on an ordinary thread its native recursion overflows the stack and the JVM dies with SIGSEGV.
 */
class LongCommandLineTest {

    /** Well past the ~4 KB at which ONNX Runtime 1.29's environment overflowed a 1 MB stack. */
    private static final int PADDING = 20_000;

    @TempDir
    Path tmp;

    /** The child JVM: loads the graph {@code args[0]} and runs it once; exit code 0 when that worked. */
    public static void main(String[] args) throws Exception {
        try (OnnxModel m = OnnxModel.load(Path.of(args[0]), SessionSettings.cpu(1));
             OnnxTensor x = m.floatTensor(new float[] {1, 2}, 2);
             OrtSession.Result r = m.run(Map.of("x", x))) {
            float[] y = (float[]) r.get(0).getValue();
            if (y[0] != 3f || y[1] != 5f) {
                throw new IllegalStateException("y = " + java.util.Arrays.toString(y) + ", expected [3.0, 5.0]");
            }
        }
    }

    @Test
    void aModelLoadsAndRunsInAJvmWithALongCommandLine() throws IOException, InterruptedException {
        OnnxGraph g = new OnnxGraph("affine")
                .input("x", OnnxGraph.FLOAT, "length")
                .output("y", OnnxGraph.FLOAT, "length")
                .floats("two", new float[] {2f})
                .floats("one", new float[] {1f});
        String t = g.tmp();
        g.node("Mul", new String[] {"x", "two"}, new String[] {t});
        g.node("Add", new String[] {t, "one"}, new String[] {"y"});
        Path model = g.write(tmp.resolve("onnx/model.onnx"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dspatialvlm4j.padding=" + "x".repeat(PADDING), LongCommandLineTest.class.getName(),
                model.toString())).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "exit code of the child JVM (139: SIGSEGV); its output: " + output);
    }
}
