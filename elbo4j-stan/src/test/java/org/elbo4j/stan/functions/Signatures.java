package org.elbo4j.stan.functions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;

/** Test helper: reads signatures.txt and resolves a line to its Java method, as the compiler will. */
final class Signatures {
    private Signatures() {}

    record Line(String ret, String name, List<String> args, String cls, String method, int lineNo) {}

    private static final Pattern LINE = Pattern.compile("^(.+?) ([A-Za-z_][A-Za-z0-9_]*)\\((.*)\\) = (\\w+)\\.(\\w+)$");

    static List<Line> read() {
        List<Line> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Signatures.class.getResourceAsStream("/org/elbo4j/stan/functions/signatures.txt"),
                StandardCharsets.UTF_8))) {
            String s;
            int n = 0;
            while ((s = r.readLine()) != null) {
                n++;
                if (s.isBlank() || s.startsWith("#")) continue;
                Matcher m = LINE.matcher(s);
                if (!m.matches()) throw new IllegalStateException("signatures.txt:" + n + ": cannot parse: " + s);
                List<String> args = m.group(3).isBlank() ? List.of() : splitArgs(m.group(3));
                out.add(new Line(m.group(1), m.group(2), args, m.group(4), m.group(5), n));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static List<String> splitArgs(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0, start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[') depth++;
            else if (c == ']') depth--;
            else if (c == ',' && depth == 0) {
                out.add(s.substring(start, i).trim());
                start = i + 1;
            }
        }
        out.add(s.substring(start).trim());
        return out;
    }

    /** The Java parameter type of a concrete Stan type. */
    static Class<?> javaType(String stanType) {
        if (stanType.equals("int")) return int.class;
        if (stanType.equals("function")) return OdeRhs.class;
        if (stanType.equals("...")) return Object[].class;
        if (stanType.startsWith("array") && stanType.endsWith(" int")) return int[].class;
        return Tensor.class;
    }

    /** Every concrete Java parameter list of a line (ints expands to int and int[]). */
    static List<Class<?>[]> javaParams(Line l) {
        List<Class<?>[]> out = new ArrayList<>();
        out.add(new Class<?>[0]);
        if (l.name().endsWith("_rng")) out.set(0, new Class<?>[] {RandomStream.class});
        for (String a : l.args()) {
            List<Class<?>> options = a.equals("ints") ? List.of(int.class, int[].class) : List.of(javaType(a));
            List<Class<?>[]> next = new ArrayList<>();
            for (Class<?>[] p : out) {
                for (Class<?> o : options) {
                    Class<?>[] q = Arrays.copyOf(p, p.length + 1);
                    q[p.length] = o;
                    next.add(q);
                }
            }
            out = next;
        }
        return out;
    }

    static Method method(Line l, Class<?>[] params) throws ReflectiveOperationException {
        Class<?> c = Class.forName("org.elbo4j.stan.functions." + l.cls());
        return c.getMethod(l.method(), params);
    }

    /** Calls the Java method of the first line named {@code name} that accepts these argument classes. */
    static Object call(String name, Object... args) {
        for (Line l : read()) {
            if (!l.name().equals(name)) continue;
            for (Class<?>[] p : javaParams(l)) {
                if (p.length != args.length) continue;
                boolean ok = true;
                for (int i = 0; i < p.length; i++) {
                    Class<?> a = args[i] instanceof Integer ? int.class : args[i].getClass();
                    if (!p[i].isAssignableFrom(a) && !(p[i] == int.class && a == int.class)) ok = false;
                }
                if (!ok) continue;
                try {
                    return method(l, p).invoke(null, args);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    if (e.getCause() instanceof RuntimeException re) throw re;
                    throw new IllegalStateException(e.getCause());
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalArgumentException("no signature of " + name + " for " + Arrays.toString(args));
    }
}
