package org.elbo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of elbo4j-core depend on each other without cycles (STYLE.md's layout: tensor ← autodiff ←
 * {distributions, transform} ← infer ← {vae, cavi}; diag is used by infer and never uses it). The dependencies are
 * read from the compiled classes' constant pools — every class, method and field type a class names — so a
 * reference through a fully qualified name or a lambda counts as much as an import.
 */
class PackageCycleTest {
    private static final Pattern TYPE = Pattern.compile("org/elbo4j/([a-z0-9_/]+)/[A-Z$][A-Za-z0-9_$]*");

    @Test
    void diagNeverUsesInfer() throws IOException {
        Map<String, Set<String>> g = graph(Path.of("target/classes"));
        assertTrue(g.containsKey("diag") && g.containsKey("infer"), "packages found: " + g.keySet());
        assertTrue(g.get("infer").contains("diag"), "infer uses diag (Psis, Summary)");
        assertFalse(g.get("diag").contains("infer"), "diag must not use infer: " + g.get("diag"));
    }

    @Test
    void noPackageCycles() throws IOException {
        Map<String, Set<String>> g = graph(Path.of("target/classes"));
        assertTrue(g.size() >= 10, "packages found: " + g.keySet());
        List<List<String>> cycles = new ArrayList<>();
        for (String p : g.keySet()) {
            for (String q : g.get(p)) {
                if (p.compareTo(q) < 0 && reaches(g, q, p)) cycles.add(List.of(p, q));
            }
        }
        assertEquals(List.of(), cycles, "package pairs that depend on each other (directly or through others)");
    }

    private static boolean reaches(Map<String, Set<String>> g, String from, String to) {
        Set<String> seen = new TreeSet<>();
        List<String> todo = new ArrayList<>(List.of(from));
        while (!todo.isEmpty()) {
            String p = todo.remove(todo.size() - 1);
            if (p.equals(to)) return true;
            if (seen.add(p)) todo.addAll(g.getOrDefault(p, Set.of()));
        }
        return false;
    }

    /** Package (relative to org.elbo4j, '/'-separated) → the other elbo4j packages its classes name. */
    static Map<String, Set<String>> graph(Path classes) throws IOException {
        Map<String, Set<String>> g = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(classes.resolve("org/elbo4j"))) {
            files = s.filter(f -> f.toString().endsWith(".class")).toList();
        }
        for (Path f : files) {
            String pkg = classes.resolve("org/elbo4j")
                    .relativize(f.getParent())
                    .toString()
                    .replace('\\', '/');
            if (pkg.isEmpty()) continue;
            Set<String> deps = g.computeIfAbsent(pkg, k -> new TreeSet<>());
            try (InputStream in = Files.newInputStream(f)) {
                for (String u : utf8Constants(new DataInputStream(in))) {
                    Matcher m = TYPE.matcher(u);
                    while (m.find()) if (!m.group(1).equals(pkg)) deps.add(m.group(1));
                }
            }
        }
        return g;
    }

    /** The UTF-8 entries of a class file's constant pool (class names, descriptors, signatures). */
    static List<String> utf8Constants(DataInputStream in) throws IOException {
        if (in.readInt() != 0xCAFEBABE) throw new IOException("not a class file");
        in.readUnsignedShort();
        in.readUnsignedShort();
        int n = in.readUnsignedShort();
        List<String> out = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> out.add(in.readUTF());
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // takes two slots
                }
                case 7, 8, 16, 19, 20 -> in.readUnsignedShort();
                case 9, 10, 11, 12, 17, 18 -> in.readInt();
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("constant pool tag " + tag);
            }
        }
        return out;
    }
}
