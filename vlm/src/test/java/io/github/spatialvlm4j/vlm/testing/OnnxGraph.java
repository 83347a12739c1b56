package io.github.spatialvlm4j.vlm.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds tiny ONNX models for tests by encoding {@code ModelProto} in the protobuf wire format
 * by hand (field numbers from onnx.proto). Inputs and outputs take fixed sizes (Integer) or
 * symbolic, dynamic dimensions (String), so graphs look like production exports.
 */
public final class OnnxGraph {
    /** ONNX element types (TensorProto.DataType). */
    public static final int FLOAT = 1;
    public static final int INT32 = 6;
    public static final int INT64 = 7;
    public static final int BOOL = 9;

    private static final int OPSET = 17;
    private static final int IR_VERSION = 8;

    private final String name;
    private final List<byte[]> nodes = new ArrayList<>();
    private final List<byte[]> initializers = new ArrayList<>();
    private final List<byte[]> inputs = new ArrayList<>();
    private final List<byte[]> outputs = new ArrayList<>();
    private int counter;

    public OnnxGraph(String name) {
        this.name = name;
    }

    /** Declares a graph input; dims are Integer (fixed) or String (symbolic). */
    public OnnxGraph input(String tensor, int elemType, Object... dims) {
        inputs.add(valueInfo(tensor, elemType, dims));
        return this;
    }

    /** Declares a graph output; dims are Integer (fixed) or String (symbolic). */
    public OnnxGraph output(String tensor, int elemType, Object... dims) {
        outputs.add(valueInfo(tensor, elemType, dims));
        return this;
    }

    /** A float initializer (constant weight). */
    public OnnxGraph floats(String tensor, float[] values, long... dims) {
        initializers.add(floatTensor(tensor, values, dims));
        return this;
    }

    /** An int64 initializer. */
    public OnnxGraph longs(String tensor, long[] values, long... dims) {
        initializers.add(longTensor(tensor, values, dims));
        return this;
    }

    /** A fresh intermediate tensor name. */
    public String tmp() {
        return "t" + (counter++);
    }

    /** Adds a node; attributes come from {@link #attrInt}, {@link #attrInts}, {@link #attrFloat}. */
    public OnnxGraph node(String opType, String[] in, String[] out, byte[]... attributes) {
        Proto p = new Proto();
        for (String s : in) {
            p.string(1, s);
        }
        for (String s : out) {
            p.string(2, s);
        }
        p.string(3, opType + "_" + (counter++));
        p.string(4, opType);
        for (byte[] a : attributes) {
            p.bytes(5, a);
        }
        nodes.add(p.toBytes());
        return this;
    }

    /** Single-input, single-output node convenience. */
    public OnnxGraph node(String opType, String in, String out, byte[]... attributes) {
        return node(opType, new String[] {in}, new String[] {out}, attributes);
    }

    /** Adds {@code |float(a) - float(b)|} (both cast to float first) and returns its name. */
    public String absDiff(String a, String b) {
        String fa = tmp();
        String fb = tmp();
        String d = tmp();
        String out = tmp();
        node("Cast", a, fa, attrInt("to", FLOAT));
        node("Cast", b, fb, attrInt("to", FLOAT));
        node("Sub", new String[] {fa, fb}, new String[] {d});
        node("Abs", d, out);
        return out;
    }

    public static byte[] attrInt(String name, long v) {
        return new Proto().string(1, name).varint(3, v).varint(20, 2).toBytes();
    }

    public static byte[] attrFloat(String name, float v) {
        return new Proto().string(1, name).fixed32(2, Float.floatToIntBits(v)).varint(20, 1).toBytes();
    }

    public static byte[] attrInts(String name, long... v) {
        Proto p = new Proto().string(1, name);
        for (long x : v) {
            p.varint(8, x);
        }
        return p.varint(20, 7).toBytes();
    }

    /** A TENSOR attribute holding a float tensor (for Constant nodes). */
    public static byte[] attrFloatTensor(String name, float[] values, long... dims) {
        return new Proto().string(1, name).bytes(5, floatTensor("", values, dims)).varint(20, 4).toBytes();
    }

    /** A TENSOR attribute holding an int64 tensor (for Constant nodes). */
    public static byte[] attrLongTensor(String name, long[] values, long... dims) {
        return new Proto().string(1, name).bytes(5, longTensor("", values, dims)).varint(20, 4).toBytes();
    }

    private static byte[] floatTensor(String name, float[] values, long[] dims) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return tensor(name, FLOAT, b.array(), dims);
    }

    private static byte[] longTensor(String name, long[] values, long[] dims) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return tensor(name, INT64, b.array(), dims);
    }

    private static byte[] tensor(String name, int type, byte[] raw, long[] dims) {
        Proto p = new Proto();
        for (long d : dims) {
            p.varint(1, d);
        }
        p.varint(2, type);
        if (!name.isEmpty()) {
            p.string(8, name);
        }
        p.bytes(9, raw);
        return p.toBytes();
    }

    private static byte[] valueInfo(String tensor, int elemType, Object[] dims) {
        Proto shape = new Proto();
        for (Object d : dims) {
            Proto dim = new Proto();
            if (d instanceof Integer i) {
                dim.varint(1, i);
            } else if (d instanceof String s) {
                dim.string(2, s);
            } else {
                throw new IllegalArgumentException("Dim must be Integer or String: " + d);
            }
            shape.bytes(1, dim.toBytes());
        }
        Proto tensorType = new Proto().varint(1, elemType).bytes(2, shape.toBytes());
        Proto type = new Proto().bytes(1, tensorType.toBytes());
        return new Proto().string(1, tensor).bytes(2, type.toBytes()).toBytes();
    }

    /** The encoded ModelProto. */
    public byte[] toBytes() {
        Proto g = new Proto();
        for (byte[] n : nodes) {
            g.bytes(1, n);
        }
        g.string(2, name);
        for (byte[] t : initializers) {
            g.bytes(5, t);
        }
        for (byte[] i : inputs) {
            g.bytes(11, i);
        }
        for (byte[] o : outputs) {
            g.bytes(12, o);
        }
        Proto opset = new Proto().string(1, "").varint(2, OPSET);
        return new Proto().varint(1, IR_VERSION).string(2, "spatialvlm4j-tests").bytes(7, g.toBytes())
                .bytes(8, opset.toBytes()).toBytes();
    }

    /** Writes the model to {@code file}, creating parent folders. */
    public Path write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, toBytes());
        return file;
    }

    /** Minimal protobuf wire-format writer. */
    private static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        private void raw(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }

        Proto varint(int field, long v) {
            raw((long) field << 3);
            raw(v);
            return this;
        }

        Proto fixed32(int field, int v) {
            raw(((long) field << 3) | 5);
            for (int i = 0; i < 4; i++) {
                out.write((v >>> (8 * i)) & 0xFF);
            }
            return this;
        }

        Proto bytes(int field, byte[] b) {
            raw(((long) field << 3) | 2);
            raw(b.length);
            out.write(b, 0, b.length);
            return this;
        }

        Proto string(int field, String s) {
            return bytes(field, s.getBytes(StandardCharsets.UTF_8));
        }

        byte[] toBytes() {
            return out.toByteArray();
        }
    }
}
