package org.elbo4j.stan.compile;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import org.elbo4j.random.RandomStream;
import org.elbo4j.stan.StanException;
import org.elbo4j.stan.check.Signature;
import org.elbo4j.stan.parse.UnsizedType;
import org.elbo4j.tensor.Tensor;

/**
 * A library call bound once at compile time: the Java static method named by the signature, chosen among
 * same-named overloads by the static types of the actual arguments, as a spread {@link MethodHandle}; plus the
 * per-argument conversion (int to Tensor, int to int[], nested int arrays flattened) chosen at compile time.
 */
final class LibraryCall {
    /** The package of simple class names in signatures.txt. */
    static final String PACKAGE = "org.elbo4j.stan.functions.";

    final Signature sig;
    final MethodHandle mh;
    final int[] conv; // per Stan argument: 0 as is, 1 to Tensor, 2 int to int[], 3 flatten nested ints, 4 Integer
    final boolean rng;

    private LibraryCall(Signature sig, MethodHandle mh, int[] conv, boolean rng) {
        this.sig = sig;
        this.mh = mh;
        this.conv = conv;
        this.rng = rng;
    }

    /**
     * Binds {@code sig} for arguments of the given static types.
     *
     * @throws StanException when the class or a fitting method is missing
     */
    static LibraryCall bind(Signature sig, List<UnsizedType> argTypes) {
        String cn = sig.className().contains(".") ? sig.className() : PACKAGE + sig.className();
        Class<?> cls;
        try {
            cls = Class.forName(cn, true, LibraryCall.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new StanException("function library: class " + cn + " (for " + sig + ") is not on the classpath");
        }
        Method best = null;
        int[] bestConv = null;
        boolean rng = false;
        for (Method m : cls.getMethods()) {
            if (!m.getName().equals(sig.method()) || !Modifier.isStatic(m.getModifiers())) continue;
            Class<?>[] ps = m.getParameterTypes();
            int off = ps.length > 0 && ps[0] == RandomStream.class ? 1 : 0;
            if (ps.length - off != argTypes.size()) continue;
            int[] conv = new int[argTypes.size()];
            boolean ok = true;
            for (int k = 0; k < conv.length && ok; k++) {
                Class<?> p = ps[k + off];
                UnsizedType t = argTypes.get(k);
                if (p == Tensor.class) {
                    conv[k] = t.isIntBased() ? 1 : 0;
                } else if (p == int.class) {
                    ok = t.isInt();
                    conv[k] = 4;
                } else if (p == int[].class) {
                    ok = t.isIntBased();
                    conv[k] = t.isInt() ? 2 : t.arrayDims() >= 2 ? 3 : 0;
                } else {
                    ok = false;
                }
            }
            if (ok && (best == null || score(conv) < score(bestConv))) {
                best = m;
                bestConv = conv;
                rng = off == 1;
            }
        }
        if (best == null) {
            throw new StanException("function library: no method " + cn + "." + sig.method() + " fits " + sig
                    + " called with " + argTypes);
        }
        try {
            MethodHandle h = MethodHandles.publicLookup().unreflect(best);
            int n = best.getParameterCount();
            h = h.asSpreader(Object[].class, n).asType(MethodType.methodType(Object.class, Object[].class));
            return new LibraryCall(sig, h, bestConv, rng);
        } catch (IllegalAccessException e) {
            throw new StanException("function library: cannot access " + best, e);
        }
    }

    private static int score(int[] conv) {
        int s = 0;
        for (int c : conv) s += c == 1 || c == 2 || c == 3 ? 1 : 0;
        return s;
    }

    /** Calls the method; {@code args} are the evaluated Stan arguments. */
    Object invoke(Object[] args, RandomStream stream) {
        int off = rng ? 1 : 0;
        Object[] a = new Object[args.length + off];
        if (rng) a[0] = stream;
        for (int k = 0; k < args.length; k++) {
            Object v = args[k];
            switch (conv[k]) {
                case 1 -> v = Values.toTensor(v);
                case 2 -> v = new int[] {(Integer) v};
                case 3 -> v = Values.flatten(v);
                default -> {}
            }
            a[k + off] = v;
        }
        try {
            return (Object) mh.invokeExact(a);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
