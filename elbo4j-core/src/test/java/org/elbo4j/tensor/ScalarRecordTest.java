package org.elbo4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.elbo4j.autodiff.Autodiff;
import org.elbo4j.autodiff.GradCheck;
import org.elbo4j.autodiff.ValueAndGrad;
import org.junit.jupiter.api.Test;

/**
 * Scalar records ({@link Tensor#precomputed}): a scalar with partials computed at forward time, stored in the tape's
 * primitive arrays. Checked against the same functions written with ordinary tensor ops (equal to rounding) and
 * against central finite differences, with records and tensor ops feeding each other in both directions.
 */
class ScalarRecordTest {

    // ---------------------------------------------------------------- scalar ops written as records

    static Tensor elem(Tensor x, int i) {
        return i % 2 == 0
                ? Tensor.precomputed(x.at(i), new Tensor[] {x}, new int[] {i}, new double[] {1}, 1)
                : Tensor.precomputed("index", x.at(i), x, i, 1.0); // the one-operand form
    }

    static Tensor mul(Tensor a, Tensor b) {
        double x = a.item(), y = b.item();
        return Tensor.precomputed(x * y, new Tensor[] {a, b}, new int[] {0, 0}, new double[] {y, x}, 2);
    }

    static Tensor add(Tensor a, Tensor b) {
        return Tensor.precomputed(a.item() + b.item(), new Tensor[] {a, b}, new int[] {0, 0}, new double[] {1, 1}, 2);
    }

    static Tensor exp(Tensor a) {
        double e = Math.exp(a.item());
        return Tensor.precomputed(e, new Tensor[] {a}, new int[] {0}, new double[] {e}, 1);
    }

    static Tensor log(Tensor a) {
        double x = a.item();
        return Tensor.precomputed(Math.log(x), new Tensor[] {a}, new int[] {0}, new double[] {1 / x}, 1);
    }

    /**
     * f(x) for x of shape [4], with records on the tape (records = true) or tensor ops only. Records read elements of
     * a leaf, repeat an operand, feed a tensor op (stack, exp, sum), and read elements of that tensor op's output.
     */
    static Tensor f(Tensor x, boolean records) {
        if (!records) {
            Tensor x0 = x.index(0), x1 = x.index(1), x2 = x.index(2), x3 = x.index(3);
            Tensor r1 = x0.mul(x1);
            Tensor r3 = r1.exp().add(x2.mul(x2));
            Tensor v = Tensor.stack(r3, r1, x3.mul(0.5));
            Tensor u = v.mul(0.3).exp();
            Tensor w = v.mul(v).sum();
            Tensor r4 = u.index(0).mul(u.index(2)).add(u.index(1));
            return r4.add(w).add(1.0).log().mul(r1);
        }
        // x[0] * x[1] as one record reading two elements of the leaf
        Tensor r1 = Tensor.precomputed(
                x.at(0) * x.at(1), new Tensor[] {x, x}, new int[] {0, 1}, new double[] {x.at(1), x.at(0)}, 2);
        // exp(r1) + x[2] * x[2]: the element x[2] appears twice, its partials sum
        double e = Math.exp(r1.item()), x2 = x.at(2);
        Tensor r3 = Tensor.precomputed(
                e + x2 * x2, new Tensor[] {r1, x, x}, new int[] {0, 2, 2}, new double[] {e, x2, x2}, 3);
        Tensor v = Tensor.stack(r3, r1, elem(x, 3).mul(0.5)); // records into tensor ops
        Tensor u = v.mul(0.3).exp();
        Tensor w = v.mul(v).sum();
        // tensor ops into a record: elements 0, 2 and 1 of u
        double u0 = u.at(0), u1 = u.at(1), u2 = u.at(2);
        Tensor r4 = Tensor.precomputed(
                u0 * u2 + u1, new Tensor[] {u, u, u}, new int[] {0, 2, 1}, new double[] {u2, u0, 1}, 3);
        Tensor one = Tensor.scalar(1.0); // a constant operand: skipped
        return mul(log(add(add(r4, w), one)), r1);
    }

    static final double[] X = {0.3, -0.7, 1.1, 0.4};

    @Test
    void recordsEqualTheSameFunctionWithTensorOps() {
        for (int s = 0; s < 4; s++) {
            double[] x = X.clone();
            x[s] *= -1.5;
            ValueAndGrad a = Autodiff.valueAndGrad(Tensor.of(x), t -> f(t, true));
            ValueAndGrad b = Autodiff.valueAndGrad(Tensor.of(x), t -> f(t, false));
            assertEquals(
                    b.value().item(),
                    a.value().item(),
                    1e-15 * Math.abs(b.value().item()));
            double[] ga = a.gradient(0).toArray(), gb = b.gradient(0).toArray();
            // the same partials, multiplied and summed in another order: equal to a few ulps
            for (int k = 0; k < ga.length; k++) assertEquals(gb[k], ga[k], 4e-15 * Math.max(1, Math.abs(gb[k])));
        }
    }

    @Test
    void recordsMatchFiniteDifferences() {
        GradCheck.Result r = GradCheck.compare(List.of(Tensor.of(X)), p -> f(p.get(0), true), 1e-6);
        assertTrue(r.error() < 1e-6, r.toString()); // GradCheck's tolerance for smooth functions (its javadoc)
    }

    @Test
    void aLongChainOfRecordsMatchesFiniteDifferences() {
        Function<List<Tensor>, Tensor> chain = p -> {
            Tensor x = p.get(0);
            Tensor acc = elem(x, 0);
            for (int k = 0; k < 200; k++) acc = add(mul(acc, Tensor.scalar(0.9)), mul(elem(x, k % 3), elem(x, 1)));
            return exp(mul(acc, Tensor.scalar(0.01)));
        };
        Tensor x = Tensor.of(0.2, -0.5, 0.8);
        GradCheck.Result r = GradCheck.compare(List.of(x), chain, 1e-6);
        assertTrue(r.error() < 1e-6, r.toString());
        // and against the tensor-op version of the same chain
        Function<Tensor, Tensor> plain = t -> {
            Tensor acc = t.index(0);
            for (int k = 0; k < 200; k++) acc = acc.mul(0.9).add(t.index(k % 3).mul(t.index(1)));
            return acc.mul(0.01).exp();
        };
        ValueAndGrad a = Autodiff.valueAndGrad(x, t -> chain.apply(List.of(t))), b = Autodiff.valueAndGrad(x, plain);
        assertEquals(
                b.value().item(), a.value().item(), 1e-15 * Math.abs(b.value().item()));
        assertArrayEquals(b.gradient(0).toArray(), a.gradient(0).toArray(), 1e-13);
    }

    @Test
    void aRecordOfAScalarLeafAndARecordAsTheRoot() {
        Tape tape = new Tape();
        Tensor a = tape.leaf(Tensor.scalar(2.0));
        Tensor y = exp(mul(a, a)); // e^(a²): a repeated scalar operand
        Adjoints adj = tape.backward(y, new double[] {2.0});
        assertEquals(2.0 * Math.exp(4.0) * 4.0, adj.of(a)[0], 1e-12);
        assertEquals(2.0, adj.of(y)[0], 0.0); // the root's adjoint is the seed
    }

    @Test
    void constantsAreSkippedAndAllConstantOperandsGiveAConstant() {
        Tensor c = Tensor.of(1.0, 2.0);
        Tensor k = Tensor.precomputed(5.0, new Tensor[] {c, c}, new int[] {0, 1}, new double[] {1, 1}, 2);
        assertFalse(k.requiresGrad());
        assertEquals(5.0, k.item(), 0.0);
        Tensor none = Tensor.precomputed(7.0, new Tensor[0], new int[0], new double[0], 0);
        assertFalse(none.requiresGrad());

        Tape tape = new Tape();
        Tensor x = tape.leaf(Tensor.scalar(3.0));
        Tensor y = Tensor.precomputed(9.0, new Tensor[] {c, x, c}, new int[] {1, 0, 0}, new double[] {100, 6, 100}, 3);
        assertTrue(y.requiresGrad());
        assertEquals(6.0, tape.backward(y, new double[] {1.0}).of(x)[0], 0.0);
    }

    @Test
    void aRecordWithZeroPartialsOrUnusedStillWorks() {
        Tape tape = new Tape();
        Tensor x = tape.leaf(Tensor.of(1.0, 2.0));
        Tensor zero = Tensor.precomputed(0.0, new Tensor[] {x}, new int[] {1}, new double[] {0}, 1);
        Tensor unused = elem(x, 0); // on the tape, never reached from the root
        assertTrue(unused.requiresGrad());
        Tensor y = add(zero, elem(x, 0));
        Adjoints adj = tape.backward(y, new double[] {1.0});
        assertArrayEquals(new double[] {1.0, 0.0}, adj.of(x), 0.0);
        assertEquals(0.0, adj.of(unused)[0], 0.0);
    }

    @Test
    void theCallerMayReuseItsScratchArrays() {
        Tape tape = new Tape();
        Tensor x = tape.leaf(Tensor.of(1.0, 2.0, 3.0));
        Tensor[] ops = new Tensor[1];
        int[] offs = new int[1];
        double[] ps = new double[1];
        Tensor sum = null;
        for (int i = 0; i < 3; i++) {
            ops[0] = x;
            offs[0] = i;
            ps[0] = i + 1.0;
            Tensor r = Tensor.precomputed((i + 1.0) * x.at(i), ops, offs, ps, 1);
            sum = sum == null ? r : add(sum, r);
        }
        assertArrayEquals(
                new double[] {1, 2, 3}, tape.backward(sum, new double[] {1.0}).of(x), 0.0);
    }

    @Test
    void tensorOpsAddIntoARecordThroughAViewAndThroughAdd() {
        Tape tape = new Tape();
        Tensor x = tape.leaf(Tensor.of(1.5, -2.0));
        Tensor r = mul(elem(x, 0), elem(x, 1)); // -3
        // read by a tensor op (adj.of view), by a record, and by a custom op using Adjoints.add
        Tensor viaOp = r.mul(2.0);
        Tensor viaAdd = Tensor.custom(
                "twice",
                Shape.SCALAR,
                new double[] {2 * r.item()},
                (g, adj) -> {
                    adj.add(r, 0, 2 * g[0]);
                },
                r);
        Tensor y = add(add(viaOp, viaAdd), mul(r, Tensor.scalar(2.0)));
        Adjoints adj = tape.backward(y, new double[] {1.0});
        assertEquals(6.0, adj.of(r)[0], 0.0);
        assertArrayEquals(new double[] {6.0 * -2.0, 6.0 * 1.5}, adj.of(x), 0.0);
    }

    @Test
    void checkFiniteNamesTheRecord() {
        Tape tape = new Tape().checkFinite(true);
        Tensor x = tape.leaf(Tensor.of(1.0));
        NonFiniteException e = assertThrows(
                NonFiniteException.class,
                () -> Tensor.precomputed("fused", Double.NaN, new Tensor[] {x}, new int[] {0}, new double[] {1}, 1));
        assertTrue(e.getMessage().startsWith("fused produced NaN"), e.getMessage());
        // off: no check
        Tensor ok = Tensor.precomputed(
                Double.POSITIVE_INFINITY,
                new Tensor[] {new Tape().leaf(Tensor.of(1.0))},
                new int[] {0},
                new double[] {1},
                1);
        assertEquals(Double.POSITIVE_INFINITY, ok.item());
    }

    @Test
    void badArgumentsAreRefused() {
        Tape tape = new Tape();
        Tensor x = tape.leaf(Tensor.of(1.0, 2.0));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Tensor.precomputed("fused", 1.0, new Tensor[] {x}, new int[] {2}, new double[] {1}, 1));
        assertTrue(e.getMessage().contains("fused: offset 2 of operand 0 outside its 2 elements"), e.getMessage());
        Tensor other = new Tape().leaf(Tensor.scalar(1.0));
        e = assertThrows(
                IllegalArgumentException.class,
                () -> Tensor.precomputed(1.0, new Tensor[] {x, other}, new int[] {0, 0}, new double[] {1, 1}, 2));
        assertTrue(e.getMessage().contains("two different gradient evaluations"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> Tensor.precomputed(1.0, new Tensor[] {x}, new int[] {0}, new double[] {1}, 2));
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.precomputed("index", 1.0, x, -1, 1.0));
        assertTrue(e.getMessage().contains("index: offset -1 of operand 0 outside its 2 elements"), e.getMessage());
    }

    @Test
    void aFailingTensorOpAfterRecordsIsStillNamed() {
        Tape tape = new Tape();
        Tensor x = tape.leaf(Tensor.of(1.0, 2.0));
        Tensor r = elem(x, 1);
        Tensor bad = Tensor.custom(
                "broken",
                Shape.SCALAR,
                new double[] {r.item()},
                (g, adj) -> {
                    throw new ArithmeticException("no");
                },
                r);
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> tape.backward(add(bad, r), new double[] {1.0}));
        assertEquals("backward of op 'broken' failed: no", e.getMessage());
    }

    @Test
    void backwardFromARootBeforeLaterRecords() {
        Tape tape = new Tape();
        Tensor x = tape.leaf(Tensor.of(1.0, 2.0));
        Tensor a = mul(elem(x, 0), elem(x, 1));
        Tensor later = mul(a, a); // recorded after the root below
        assertTrue(later.requiresGrad());
        assertArrayEquals(
                new double[] {2.0, 1.0}, tape.backward(a, new double[] {1.0}).of(x), 0.0);
    }
}
