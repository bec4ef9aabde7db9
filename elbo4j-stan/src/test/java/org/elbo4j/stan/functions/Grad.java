package org.elbo4j.stan.functions;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.elbo4j.autodiff.GradCheck;
import org.elbo4j.tensor.Tensor;

/**
 * Gradient check of a library function through signatures.txt: every Tensor argument is a parameter, int
 * arguments are held fixed; a non-scalar output is reduced by a fixed random weighting (so a rule that mixed up
 * two output entries is caught).
 */
final class Grad {
    private Grad() {}

    /**
     * Central-difference step h = 1e-6·max(1, |x|): truncation ~h²|f'''| ≲ 1e-11, rounding ~ε|f|/h ≲ 1e-9 for the
     * O(1)–O(10) values used; a wrong partial is off by O(1).
     */
    static final double STEP = 1e-6;
    /** Accepted scaled error |ad − fd| / max(1, |ad|, |fd|): ≥ 500× the finite-difference noise. */
    static final double TOL = 1e-6;

    /** @return 1, so a sweep can count its cases */
    static int check(String name, Object... args) {
        return checkTol(TOL, name, args);
    }

    static int checkTol(double tol, String name, Object... args) {
        List<Tensor> params = new ArrayList<>();
        List<Integer> where = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Tensor t) {
                params.add(t);
                where.add(i);
            }
        }
        Tensor out0 = (Tensor) Signatures.call(name, args);
        Random r = new Random(name.hashCode());
        double[] w = new double[out0.size()];
        for (int i = 0; i < w.length; i++) w[i] = (r.nextBoolean() ? 1 : -1) * (0.5 + r.nextDouble());
        Tensor weights = Tensor.of(w, out0.shape());
        GradCheck.Result res = GradCheck.compare(
                params,
                p -> {
                    Object[] a = args.clone();
                    for (int k = 0; k < where.size(); k++) a[where.get(k)] = p.get(k);
                    return ((Tensor) Signatures.call(name, a)).mul(weights).sum();
                },
                STEP);
        assertTrue(res.error() < tol, name + ": " + res);
        return 1;
    }

    static Tensor v(double... x) {
        return Tensor.of(x);
    }

    static Tensor s(double x) {
        return Tensor.scalar(x);
    }

    static Tensor m(double[][] x) {
        return Tensor.of(x);
    }
}
