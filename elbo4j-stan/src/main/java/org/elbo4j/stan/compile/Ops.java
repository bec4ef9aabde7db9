package org.elbo4j.stan.compile;

import java.util.List;
import org.elbo4j.stan.StanException;
import org.elbo4j.stan.check.Signature;
import org.elbo4j.stan.parse.Pos;
import org.elbo4j.stan.parse.UnsizedType;
import org.elbo4j.stan.parse.UnsizedType.Base;
import org.elbo4j.tensor.Tensor;

/**
 * Operators, chosen at compile time by the operands' static types: int arithmetic on Java ints, real
 * arithmetic on Tensors (broadcasting scalars), the matrix products by type ({@code row_vector * vector} is a
 * dot product, {@code vector * row_vector} an outer product, {@code matrix * vector} a GEMV). Combinations the
 * core Tensor does not provide (matrix division) go to the library functions Stan names for them
 * ({@code mdivide_left}, {@code mdivide_right}).
 */
final class Ops {
    private Ops() {}

    static Ev binary(Compiler c, String op, UnsizedType lt, Ev l, UnsizedType rt, Ev r, Pos pos) {
        boolean ints = lt.isInt() && rt.isInt();
        switch (op) {
            case "&&":
                return new Ev.I() {
                    @Override
                    int i(Frame f) {
                        return truth(l, lt, f) && truth(r, rt, f) ? 1 : 0;
                    }
                };
            case "||":
                return new Ev.I() {
                    @Override
                    int i(Frame f) {
                        return truth(l, lt, f) || truth(r, rt, f) ? 1 : 0;
                    }
                };
            case "==", "!=", "<", "<=", ">", ">=":
                if (ints) {
                    return new Ev.I() {
                        @Override
                        int i(Frame f) {
                            return cmp(op, l.i(f), r.i(f)) ? 1 : 0;
                        }
                    };
                }
                return new Ev.I() {
                    @Override
                    int i(Frame f) {
                        return cmp(op, l.t(f).item(), r.t(f).item()) ? 1 : 0;
                    }
                };
            default:
                break;
        }
        if (ints && !op.equals("^") && !op.equals(".^")) {
            return new Ev.I() {
                @Override
                int i(Frame f) {
                    int a = l.i(f), b = r.i(f);
                    switch (op) {
                        case "+":
                            return a + b;
                        case "-":
                            return a - b;
                        case "*", ".*":
                            return a * b;
                        case "/", "%/%", "./":
                            if (b == 0) throw new ArithmeticException("integer division by zero");
                            return a / b;
                        case "%":
                            if (b == 0) throw new ArithmeticException("modulus by zero");
                            return a % b;
                        default:
                            throw new IllegalStateException(op);
                    }
                }
            };
        }
        boolean ls = lt.isScalar(), rs = rt.isScalar();
        Base a = lt.base(), b = rt.base();
        switch (op) {
            case "+":
                return t2(l, r, Tensor::add);
            case "-":
                return t2(l, r, Tensor::sub);
            case ".*":
                return t2(l, r, Tensor::mul);
            case "./":
                return t2(l, r, Tensor::div);
            case "^", ".^":
                return t2(l, r, Tensor::pow);
            case "*":
                if (ls || rs) return t2(l, r, Tensor::mul);
                if (a == Base.ROW_VECTOR && b == Base.VECTOR) return t2(l, r, Tensor::dot);
                if (a == Base.VECTOR && b == Base.ROW_VECTOR) return t2(l, r, Tensor::outer);
                return t2(l, r, Tensor::matmul);
            case "/":
                if (rs) return t2(l, r, Tensor::div);
                return library(c, "mdivide_right", List.of(lt, rt), l, r, pos);
            case "\\":
                return library(c, "mdivide_left", List.of(lt, rt), l, r, pos);
            default:
                throw new StanException(
                        c.source().format(pos, "unsupported", "operator '" + op + "' for " + lt + " and " + rt));
        }
    }

    private static Ev library(Compiler c, String name, List<UnsizedType> types, Ev l, Ev r, Pos pos) {
        Signature best = null;
        for (Signature s : Compiler.lib().overloads(name)) {
            boolean ok = s.args().size() == 2;
            for (int k = 0; ok && k < 2; k++) ok = s.args().get(k).cost(types.get(k)) >= 0;
            if (ok) {
                best = s;
                break;
            }
        }
        if (best == null) {
            throw new StanException(c.source()
                    .format(
                            pos,
                            "unsupported",
                            "this operator needs the library function '" + name + "' for " + types
                                    + ", which is not available"));
        }
        LibraryCall lc = LibraryCall.bind(best, types);
        return new Ev.T() {
            @Override
            Tensor t(Frame f) {
                return (Tensor) lc.invoke(new Object[] {l.o(f), r.o(f)}, f.ctx.rng);
            }
        };
    }

    interface T2 {
        Tensor apply(Tensor a, Tensor b);
    }

    private static Ev t2(Ev l, Ev r, T2 fn) {
        return new Ev.T() {
            @Override
            Tensor t(Frame f) {
                return fn.apply(l.t(f), r.t(f));
            }
        };
    }

    private static boolean truth(Ev e, UnsizedType t, Frame f) {
        return t.isInt() ? e.i(f) != 0 : e.t(f).item() != 0;
    }

    private static boolean cmp(String op, double a, double b) {
        return switch (op) {
            case "==" -> a == b;
            case "!=" -> a != b;
            case "<" -> a < b;
            case "<=" -> a <= b;
            case ">" -> a > b;
            default -> a >= b;
        };
    }

    private static boolean cmp(String op, int a, int b) {
        return switch (op) {
            case "==" -> a == b;
            case "!=" -> a != b;
            case "<" -> a < b;
            case "<=" -> a <= b;
            case ">" -> a > b;
            default -> a >= b;
        };
    }

    static Ev unary(String op, UnsizedType t, Ev e) {
        switch (op) {
            case "!":
                return new Ev.I() {
                    @Override
                    int i(Frame f) {
                        return truth(e, t, f) ? 0 : 1;
                    }
                };
            case "+":
                return e;
            case "-":
                if (t.isInt()) {
                    return new Ev.I() {
                        @Override
                        int i(Frame f) {
                            return -e.i(f);
                        }
                    };
                }
                return new Ev.T() {
                    @Override
                    Tensor t(Frame f) {
                        return e.t(f).neg();
                    }
                };
            default: // transpose: vectors keep their shape [N]
                if (t.base() != Base.MATRIX) return e;
                return new Ev.T() {
                    @Override
                    Tensor t(Frame f) {
                        return e.t(f).transpose();
                    }
                };
        }
    }
}
