package org.elbo4j.infer;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.elbo4j.distributions.Distribution;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;
import org.elbo4j.transform.Constraint;

/**
 * The {@link Sites} a model sees during one run: every primitive becomes a {@link Message} that passes through the
 * handlers (see {@link Handler}), and the stack computes what no handler supplied — a draw, a bound parameter, a
 * plate's indices. It also keeps the open plates and their N/B scale. One stack per run, passed to the model: no
 * static or thread-local state.
 */
final class HandlerStack implements Sites {
    private final ParamBinder params;
    private final RandomStream rng;
    private Handler[] handlers; // outermost first
    private int[] roles; // per handler: which message types it processes (bits 0-5) and postprocesses (bits 8-13)
    private int any; // the union of roles: a message type no handler looks at skips the stack
    private int depth;
    private Deque<Plate> plates; // allocated on the first plate
    private List<Plate> plateList = List.of(); // outermost first
    private double scale = 1.0;
    private final Message msg = new Message(); // reused by every call: messages never nest

    /** @param handlers owned by the stack from now on (copied before it grows) */
    private HandlerStack(ParamBinder params, RandomStream rng, Handler[] handlers) {
        this.params = params;
        this.rng = rng;
        this.handlers = handlers;
        this.depth = handlers.length;
        this.roles = new int[handlers.length];
        for (int i = 0; i < handlers.length; i++) any |= roles[i] = roles(handlers[i]);
    }

    private static final int ALL_TYPES = (1 << Message.Type.values().length) - 1;
    private static final int POST = 8; // shift of the postprocess bits
    private static final int PARAM = 1 << Message.Type.PARAM.ordinal();
    /** The trace records every type but params, in postprocess. */
    private static final int TRACE = (ALL_TYPES & ~PARAM) << POST;

    /**
     * The message types a handler acts on: declared by the built-in handlers ({@link StandardHandlers.Typed}), and for
     * a user's handler every type of each method it overrides (found once per class). The stack calls a handler only
     * for those, so that each call site sees few handler classes (the JIT then inlines them) and a param call under
     * handlers that ignore params costs no message at all.
     */
    private static int roles(Handler h) {
        if (h instanceof StandardHandlers.Typed t) return t.types();
        if (h instanceof TraceHandler) return TRACE;
        return ROLES.get(h.getClass());
    }

    /** {@code types} for process and for postprocess, as {@link #roles} holds them. */
    static int roles(int processTypes, int postprocessTypes) {
        return processTypes | postprocessTypes << POST;
    }

    static int bit(Message.Type t) {
        return 1 << t.ordinal();
    }

    private static final ClassValue<Integer> ROLES = new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> c) {
            return roles(overrides(c, "process") ? ALL_TYPES : 0, overrides(c, "postprocess") ? ALL_TYPES : 0);
        }
    };

    private static boolean overrides(Class<?> c, String method) {
        try {
            return c.getMethod(method, Message.class).getDeclaringClass() != Handler.class;
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e); // every Handler has both
        }
    }

    /** Runs {@code model} under {@code handlers} (outermost first). */
    static void run(Model model, ParamBinder params, RandomStream rng, Handler... handlers) {
        run(model, params, rng, handlers, true);
    }

    /** @param copy false when {@code handlers} is a fresh array the stack may own */
    static void run(Model model, ParamBinder params, RandomStream rng, Handler[] handlers, boolean copy) {
        HandlerStack s = new HandlerStack(params, rng, copy ? handlers.clone() : handlers);
        int entered = 0;
        try {
            for (Handler h : handlers) {
                h.enter();
                entered++;
            }
            model.run(s);
        } finally {
            for (int i = entered - 1; i >= 0; i--) handlers[i].exit();
        }
    }

    /** Runs {@code model} with {@code extra} pushed inside the current handlers (innermost last). */
    void runWith(Model model, Handler[] extra) {
        int base = depth;
        if (base + extra.length > handlers.length) {
            handlers = Arrays.copyOf(handlers, base + extra.length + 2);
            roles = Arrays.copyOf(roles, handlers.length);
        }
        int entered = 0;
        try {
            for (Handler h : extra) {
                h.enter();
                any |= roles[depth] = roles(h);
                handlers[depth++] = h;
                entered++;
            }
            model.run(this);
        } finally {
            for (int i = entered - 1; i >= 0; i--) {
                handlers[base + i].exit();
                handlers[base + i] = null;
            }
            depth = base;
            any = 0;
            for (int i = 0; i < depth; i++) any |= roles[i];
        }
    }

    /** Pyro's apply_stack: process innermost → outermost until stopped, the default, postprocess outward-in. */
    private void apply(Message m) {
        Handler[] hs = handlers;
        int[] rs = roles;
        int b = bit(m.type()), pb = b << POST;
        int i = depth - 1;
        for (; i >= 0; i--) {
            if ((rs[i] & b) != 0) {
                hs[i].process(m);
                if (m.stop()) break;
            }
        }
        int first = Math.max(i, 0);
        complete(m);
        for (int j = first; j < depth; j++) if ((rs[j] & pb) != 0) hs[j].postprocess(m);
    }

    /** What the stack does when no handler has supplied the value. */
    private void complete(Message m) {
        switch (m.type()) {
            case SAMPLE -> {
                if (m.value() == null) {
                    Distribution d = m.dist();
                    boolean reparam = m.pathwise() && d.hasRsample();
                    m.setValue(reparam ? d.rsample(m.rng()) : d.sample(m.rng()));
                    m.setReparameterized(reparam);
                    m.setDrawn(true);
                }
            }
            case PARAM -> {
                if (m.value() == null) m.setValue(params.bind(m.name(), m.init(), m.constraint()));
            }
            case PLATE -> {
                if (m.subsample() < m.size() && m.indices() == null)
                    m.setIndices(choose(m.size(), m.subsample(), m.rng()));
            }
            default -> {}
        }
    }

    @Override
    public Tensor sample(String name, Distribution d) {
        return sample(name, d, false, false);
    }

    @Override
    public Tensor sampleHidden(String name, Distribution d) {
        return sample(name, d, false, true);
    }

    /** A guide-internal site: no model counterpart is expected. */
    Tensor sampleAuxiliary(String name, Distribution d) {
        return sample(name, d, true, false);
    }

    private Tensor sample(String name, Distribution d, boolean auxiliary, boolean hidden) {
        Message m = msg.reset(Message.Type.SAMPLE, name, d, null, scale, rng, plateList, 0, 0);
        if (auxiliary) m.setAuxiliary(true);
        if (hidden) m.setHidden(true);
        apply(m);
        return m.value();
    }

    @Override
    public void observe(String name, Distribution d, Tensor value) {
        checkFinite("observed site '" + name + "'", value);
        apply(msg.reset(Message.Type.OBSERVE, name, d, value, scale, rng, plateList, 0, 0));
    }

    /** @throws IllegalArgumentException naming the first non-finite element of {@code value} */
    static void checkFinite(String what, Tensor value) {
        if (!value.allFinite()) {
            for (int i = 0; i < value.size(); i++) {
                if (!Double.isFinite(value.at(i))) {
                    throw new IllegalArgumentException(
                            what + ": data has " + value.at(i) + " at flat index " + i + " of shape " + value.shape());
                }
            }
        }
    }

    @Override
    public Tensor param(String name, Tensor init, Constraint c) {
        return param(name, () -> init, c);
    }

    /** A parameter whose initial value is made only on first use (the auto-guides' per-step calls). */
    Tensor param(String name, Supplier<Tensor> init, Constraint c) {
        if ((any & (PARAM | PARAM << POST)) == 0) return params.bind(name, init, c); // no handler looks at params
        Message m = msg.reset(Message.Type.PARAM, name, null, null, 1.0, rng, plateList, 0, 0);
        m.setParam(c, init);
        apply(m);
        return m.value();
    }

    @Override
    public Tensor deterministic(String name, Tensor value) {
        Message m = msg.reset(Message.Type.DETERMINISTIC, name, null, value, scale, rng, plateList, 0, 0);
        apply(m);
        return value;
    }

    @Override
    public void factor(String name, Tensor logWeight) {
        apply(msg.reset(Message.Type.FACTOR, name, null, logWeight, scale, rng, plateList, 0, 0));
    }

    @Override
    public Plate plate(String name, int size, int subsample) {
        if (!(size > 0) || !(subsample > 0) || subsample > size) {
            throw new IllegalArgumentException("plate '" + name + "': need 0 < subsample <= size, got subsample "
                    + subsample + " of size " + size);
        }
        Message m = msg.reset(Message.Type.PLATE, name, null, null, scale, rng, plateList, size, subsample);
        apply(m);
        int[] idx = subsample < size ? m.indices() : null;
        Plate p = new Plate(name, size, idx, () -> leavePlate(name));
        double outer = scale;
        if (plates == null) plates = new ArrayDeque<>();
        plates.push(p);
        plateList = plateList();
        scale = outer * p.scale();
        return p;
    }

    private void leavePlate(String name) {
        Plate top = plates == null ? null : plates.peek();
        if (top == null || !top.name().equals(name)) {
            throw new IllegalStateException("plate '" + name + "' closed out of order");
        }
        plates.pop();
        plateList = plateList();
        double sc = 1.0; // recomputed, not divided, so that no rounding accumulates
        for (Plate q : plates) sc *= q.scale();
        scale = sc;
    }

    private List<Plate> plateList() {
        Plate[] a = new Plate[plates.size()];
        int i = a.length;
        for (Plate p : plates) a[--i] = p; // the deque iterates innermost first
        return List.of(a);
    }

    /** {@code k} distinct indices of {@code 0..n-1}, in random order (partial Fisher–Yates). */
    private static int[] choose(int n, int k, RandomStream rng) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        for (int i = 0; i < k; i++) {
            int j = i + (int) Math.floor(rng.nextDouble() * (n - i));
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return Arrays.copyOf(perm, k);
    }
}
