package org.elbo4j.stan.check;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The library's function signatures, read once from the classpath resource
 * {@code org/elbo4j/stan/functions/signatures.txt} (the function library's list).
 */
public final class Signatures {
    /** The library's resource. */
    public static final String RESOURCE = "org/elbo4j/stan/functions/signatures.txt";

    private static volatile Signatures shared;

    private final Map<String, List<Signature>> byName = new HashMap<>();
    private final String origin;

    private Signatures(String origin) {
        this.origin = origin;
    }

    /** The signatures on the classpath (read once). */
    public static Signatures standard() {
        Signatures s = shared;
        if (s == null) {
            synchronized (Signatures.class) {
                if (shared == null) shared = load();
                s = shared;
            }
        }
        return s;
    }

    private static Signatures load() {
        ClassLoader cl = Signatures.class.getClassLoader();
        try (InputStream in = cl.getResourceAsStream(RESOURCE)) {
            if (in == null) return new Signatures("(no " + RESOURCE + " on the classpath)");
            return parse(in, RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
    }

    /** Parses a signatures file; malformed lines are an error naming the line. */
    public static Signatures parse(InputStream in, String origin) throws IOException {
        Signatures s = new Signatures(origin);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int no = 0;
        while ((line = r.readLine()) != null) {
            no++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) continue;
            Signature sig = parseLine(t);
            if (sig == null) throw new IllegalArgumentException(origin + ":" + no + ": malformed signature: " + t);
            s.byName.computeIfAbsent(sig.name(), k -> new ArrayList<>()).add(sig);
        }
        return s;
    }

    static Signature parseLine(String t) {
        int open = t.indexOf('('), close = t.lastIndexOf(')'), eq = t.indexOf('=', close);
        if (open < 0 || close < open || eq < 0) return null;
        String head = t.substring(0, open).trim();
        int sp = head.lastIndexOf(' ');
        if (sp < 0) return null;
        var ret = ArgType.parseType(head.substring(0, sp));
        String name = head.substring(sp + 1).trim();
        List<ArgType> args = new ArrayList<>();
        String inner = t.substring(open + 1, close).trim();
        if (!inner.isEmpty()) {
            // split on commas outside brackets (array[,] real)
            int depth = 0, st = 0;
            for (int i = 0; i <= inner.length(); i++) {
                char c = i < inner.length() ? inner.charAt(i) : ',';
                if (c == '[') depth++;
                if (c == ']') depth--;
                if (c == ',' && depth == 0) {
                    ArgType a = ArgType.parse(inner.substring(st, i));
                    if (a == null) return null;
                    args.add(a);
                    st = i + 1;
                }
            }
        }
        String impl = t.substring(eq + 1).trim();
        int dot = impl.lastIndexOf('.');
        if (ret == null || dot < 0) return null;
        return new Signature(ret, name, List.copyOf(args), impl.substring(0, dot), impl.substring(dot + 1));
    }

    /** The overloads of {@code name}, empty when unknown. */
    public List<Signature> overloads(String name) {
        return byName.getOrDefault(name, Collections.emptyList());
    }

    /** True when the library has a function of this name. */
    public boolean has(String name) {
        return byName.containsKey(name);
    }

    /** Which resource the signatures came from. */
    public String origin() {
        return origin;
    }

    /** Number of overloads. */
    public int size() {
        return byName.values().stream().mapToInt(List::size).sum();
    }
}
