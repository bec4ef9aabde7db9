package org.elbo4j.infer;

import java.util.Map;
import java.util.function.Predicate;
import org.elbo4j.random.RandomStream;
import org.elbo4j.tensor.Tensor;

/** The handlers {@link Handlers} makes. */
final class StandardHandlers {
    private StandardHandlers() {}

    /** A built-in handler that says which message types it acts on (see {@link HandlerStack}). */
    interface Typed extends Handler {
        /** {@code HandlerStack.roles(processTypes, postprocessTypes)}. */
        int types();
    }

    static final int SAMPLE = HandlerStack.bit(Message.Type.SAMPLE),
            OBSERVE = HandlerStack.bit(Message.Type.OBSERVE),
            PARAM = HandlerStack.bit(Message.Type.PARAM),
            PLATE = HandlerStack.bit(Message.Type.PLATE),
            FACTOR = HandlerStack.bit(Message.Type.FACTOR),
            DETERMINISTIC = HandlerStack.bit(Message.Type.DETERMINISTIC),
            WEIGHTED = SAMPLE | OBSERVE | FACTOR;

    static final Handler PATHWISE = new Typed() {
        @Override
        public int types() {
            return HandlerStack.roles(SAMPLE, 0);
        }

        @Override
        public void process(Message m) {
            if (m.type() == Message.Type.SAMPLE) m.setPathwise(true);
        }

        @Override
        public String toString() {
            return "pathwise";
        }
    };

    /** True for the messages that carry a log density. */
    static boolean weighted(Message m) {
        Message.Type t = m.type();
        return t == Message.Type.SAMPLE || t == Message.Type.OBSERVE || t == Message.Type.FACTOR;
    }

    static final class Replay implements Typed {
        private final Trace trace;
        private final boolean strict;

        Replay(Trace trace, boolean strict) {
            this.trace = trace;
            this.strict = strict;
        }

        @Override
        public int types() {
            return HandlerStack.roles(SAMPLE | PLATE, 0);
        }

        @Override
        public void process(Message m) {
            if (m.type() == Message.Type.SAMPLE && !m.observed() && m.value() == null) {
                Site g = trace.get(m.name());
                if (g == null) {
                    if (!strict) return;
                    throw new IllegalArgumentException(
                            "model site '" + m.name() + "' has no guide site: the guide must sample '" + m.name()
                                    + "' (or observe it in the model if it is data)");
                }
                if (!g.isLatent()) {
                    if (!strict) return;
                    throw new IllegalArgumentException(
                            "model site '" + m.name() + "' is a " + g.kind() + " site in the guide, not a sample site");
                }
                m.setValue(g.value());
                m.setReparameterized(g.reparameterized());
            } else if (m.type() == Message.Type.PLATE && m.subsample() < m.size() && trace.hasPlate(m.name())) {
                int[] idx = trace.plateIndices(m.name());
                if (idx.length != m.subsample()) {
                    throw new IllegalArgumentException("plate '" + m.name() + "': the guide used " + idx.length
                            + " indices, the model asks for " + m.subsample());
                }
                m.setIndices(idx);
            }
        }
    }

    static final class Condition implements Typed {
        private final Map<String, Tensor> data;

        Condition(Map<String, Tensor> data) {
            this.data = data;
        }

        @Override
        public int types() {
            return HandlerStack.roles(SAMPLE, 0);
        }

        @Override
        public void process(Message m) {
            if (m.type() != Message.Type.SAMPLE) return;
            Tensor v = data.get(m.name());
            if (v != null) {
                m.setValue(v);
                m.setObserved(true);
                m.setReparameterized(false);
            }
        }
    }

    static final class Substitute implements Typed {
        private final Map<String, Tensor> values;

        Substitute(Map<String, Tensor> values) {
            this.values = values;
        }

        @Override
        public int types() {
            return HandlerStack.roles(SAMPLE | PARAM, 0);
        }

        @Override
        public void process(Message m) {
            boolean latent = m.type() == Message.Type.SAMPLE && !m.observed();
            if (!latent && m.type() != Message.Type.PARAM) return;
            Tensor v = values.get(m.name());
            if (v != null) {
                m.setValue(v);
                m.setReparameterized(false);
            }
        }
    }

    static final class Block implements Handler {
        private final Predicate<Message> hide;

        Block(Predicate<Message> hide) {
            this.hide = hide;
        }

        @Override
        public void process(Message m) {
            if (hide.test(m)) m.setStop(true);
        }
    }

    static final class Scale implements Typed {
        private final double factor;

        Scale(double factor) {
            this.factor = factor;
        }

        @Override
        public int types() {
            return HandlerStack.roles(WEIGHTED, 0);
        }

        @Override
        public void process(Message m) {
            if (weighted(m)) m.setScale(m.scale() * factor);
        }
    }

    static final class Mask implements Typed {
        private final Tensor mask; // null: keep everything

        Mask(Tensor mask) {
            this.mask = mask;
        }

        @Override
        public int types() {
            return mask == null ? 0 : HandlerStack.roles(WEIGHTED, 0);
        }

        @Override
        public void process(Message m) {
            if (mask == null || !weighted(m)) return;
            m.setMask(m.mask() == null ? mask : m.mask().mul(mask));
        }
    }

    static final class Seed implements Typed {
        private final long seed;
        private RandomStream rng;

        Seed(long seed) {
            this.seed = seed;
        }

        @Override
        public int types() {
            return HandlerStack.roles(SAMPLE | PLATE, 0);
        }

        @Override
        public void enter() {
            rng = RandomStream.of(seed);
        }

        @Override
        public void process(Message m) {
            if (m.type() == Message.Type.SAMPLE || m.type() == Message.Type.PLATE) {
                if (rng == null) rng = RandomStream.of(seed);
                m.setRng(rng);
            }
        }
    }

    /** Observed sites draw a fresh value from their distribution, in the data's shape, and become latent. */
    static final class Uncondition implements Typed {
        @Override
        public int types() {
            return HandlerStack.roles(SAMPLE | OBSERVE, 0);
        }

        @Override
        public void process(Message m) {
            if (!m.observed()) return;
            Tensor data = m.value();
            org.elbo4j.distributions.Distribution d = m.dist();
            org.elbo4j.tensor.Shape own = d.batchShape().append(d.eventShape());
            Tensor v;
            if (data == null || data.shape().equals(own)) {
                v = d.sample(m.rng());
            } else {
                // the data has leading dimensions the distribution broadcasts over: draw that many
                int extra = data.rank() - own.rank();
                int[] dims = data.shape().dims();
                if (extra <= 0
                        || !java.util.Arrays.equals(
                                java.util.Arrays.copyOfRange(dims, extra, dims.length), own.dims())) {
                    throw new IllegalArgumentException("uncondition: site '" + m.name() + "' observes data of shape "
                            + data.shape() + ", which its distribution's shape " + own + " does not broadcast to");
                }
                v = d.sample(m.rng(), org.elbo4j.tensor.Shape.of(java.util.Arrays.copyOf(dims, extra)));
            }
            m.setValue(v);
            m.setObserved(false);
            m.setReparameterized(false);
            m.setDrawn(true);
        }
    }
}
