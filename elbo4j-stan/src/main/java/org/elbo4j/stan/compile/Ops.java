package org.elbo4j.stan.compile;

import java.util.List;
import org.elbo4j.stan.StanException;
import org.elbo4j.stan.check.Signature;
import org.elbo4j.stan.parse.Pos;
import org.elbo4j.stan.parse.UnsizedType;
import org.elbo4j.stan.parse.UnsizedType.Base;
import org.elbo4j.tensor.Shape;
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
                int cc = List.of("==", "!=", "<", "<=", ">", ">=").indexOf(op); // resolved once
                if (ints) {
                    return new Ev.I() {
                        @Override
                        int i(Frame f) {
                            return cmp(cc, l.i(f), r.i(f)) ? 1 : 0;
                        }
                    };
                }
                return new Ev.I() {
                    @Override
                    int i(Frame f) {
                        return cmp(cc, l.t(f).item(), r.t(f).item()) ? 1 : 0;
                    }
                };
            default:
                break;
        }
        if (ints && !op.equals("^") && !op.equals(".^")) {
            // the operator is resolved here, once, not per evaluation
            int code = switch (op) {
                case "+" -> 0;
                case "-" -> 1;
                case "*", ".*" -> 2;
                case "/", "%/%", "./" -> 3;
                case "%" -> 4;
                default -> throw new IllegalStateException(op);
            };
            return new Ev.I() {
                @Override
                int i(Frame f) {
                    int a = l.i(f), b = r.i(f);
                    switch (code) {
                        case 0:
                            return a + b;
                        case 1:
                            return a - b;
                        case 2:
                            return a * b;
                        case 3:
                            if (b == 0) throw new ArithmeticException("integer division by zero");
                            return a / b;
                        default:
                            if (b == 0) throw new ArithmeticException("modulus by zero");
                            return a % b;
                    }
                }
            };
        }
        boolean ls = lt.isScalar(), rs = rt.isScalar();
        Base a = lt.base(), b = rt.base();
        if (ls
                && rs
                && (op.equals("+")
                        || op.equals("-")
                        || op.equals("*")
                        || op.equals(".*")
                        || op.equals("/")
                        || op.equals("./"))) {
            return scalarArith(op.charAt(op.length() - 1), l, r);
        }
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

    /**
     * Real scalar {@code + - * /} (a scalar loop's bread and butter): one value, one small tape node with its own
     * backward rule, no broadcasting machinery; a constant when neither operand is on a tape.
     */
    private static Ev scalarArith(char op, Ev l, Ev r) {
        return new Ev.T() {
            @Override
            Tensor t(Frame f) {
                Tensor x = l.t(f), y = r.t(f);
                double u = x.item(), v = y.item();
                double w = switch (op) {
                    case '+' -> u + v;
                    case '-' -> u - v;
                    case '*' -> u * v;
                    default -> u / v;
                };
                if (!x.requiresGrad() && !y.requiresGrad()) return Tensor.scalar(w);
                double[] out = {w};
                return Tensor.custom(
                        SCALAR_OPS[op == '+' ? 0 : op == '-' ? 1 : op == '*' ? 2 : 3],
                        Shape.SCALAR,
                        out,
                        (g, adj) -> {
                            double[] gx = adj.of(x), gy = adj.of(y);
                            switch (op) {
                                case '+' -> {
                                    if (gx != null) gx[0] += g[0];
                                    if (gy != null) gy[0] += g[0];
                                }
                                case '-' -> {
                                    if (gx != null) gx[0] += g[0];
                                    if (gy != null) gy[0] -= g[0];
                                }
                                case '*' -> {
                                    if (gx != null) gx[0] += g[0] * v;
                                    if (gy != null) gy[0] += g[0] * u;
                                }
                                default -> {
                                    if (gx != null) gx[0] += g[0] / v;
                                    if (gy != null) gy[0] -= g[0] * w / v;
                                }
                            }
                        },
                        x,
                        y);
            }
        };
    }

    private static final String[] SCALAR_OPS = {"add", "sub", "mul", "div"};

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

    private static boolean cmp(int op, double a, double b) {
        return switch (op) {
            case 0 -> a == b;
            case 1 -> a != b;
            case 2 -> a < b;
            case 3 -> a <= b;
            case 4 -> a > b;
            default -> a >= b;
        };
    }

    private static boolean cmp(int op, int a, int b) {
        return switch (op) {
            case 0 -> a == b;
            case 1 -> a != b;
            case 2 -> a < b;
            case 3 -> a <= b;
            case 4 -> a > b;
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
