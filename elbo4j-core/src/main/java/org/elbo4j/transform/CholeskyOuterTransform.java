package org.elbo4j.transform;

import org.elbo4j.tensor.Shape;
import org.elbo4j.tensor.Tensor;

/**
 * Σ = L·Lᵀ, from lower-triangular matrices with a positive diagonal onto symmetric positive-definite
 * matrices (event rank 2); the inverse is the Cholesky factorization. Between the n(n+1)/2 free entries (the
 * lower triangles, diagonal included) the Jacobian is triangular with ∂Σ_ij/∂L_ij = L_jj (j &lt; i) and
 * ∂Σ_ii/∂L_ii = 2L_ii, ordering the entries row by row, so with 0-based i
 * \[ \log|\det J| = n \log 2 + \sum_{i=0}^{n-1} (n - i) \log L_{ii}. \]
 * After {@link LowerCholeskyTransform} it gives the default map onto {@link Constraints#POSITIVE_DEFINITE}:
 * Σ = L Lᵀ with L = tril(x, −1) + diag(exp(diag x)), log|J| = n log 2 + Σ_i (n − i + 1) x_ii.
 *
 * <blockquote>R. J. Muirhead, "Aspects of Multivariate Statistical Theory", Wiley, 1982, section 2.1 (the
 * Jacobian of A = TᵀT for triangular T).</blockquote>
 */
public final class CholeskyOuterTransform implements Transform {
    /** The single instance. */
    public static final CholeskyOuterTransform INSTANCE = new CholeskyOuterTransform();

    private CholeskyOuterTransform() {}

    /** The default map from square matrices onto positive-definite ones: lower-Cholesky, then L·Lᵀ. */
    public static Transform positiveDefinite() {
        return ComposeTransform.of(LowerCholeskyTransform.INSTANCE, INSTANCE);
    }

    /**
     * @param l shape [..., n, n], lower-triangular with a positive diagonal. Not modified.
     * @return L·Lᵀ, shape [..., n, n]
     * @throws IllegalArgumentException if l is not a (batch of) square matrices in {@link Constraints#LOWER_CHOLESKY}
     *                                  (with finite entries)
     */
    @Override
    public Tensor forward(Tensor l) {
        int n = TransformChecks.requireSquare(this, "forward", "x", l);
        checkDomain(l);
        return MatrixOps.outer(l, n);
    }

    private void checkDomain(Tensor l) {
        TransformChecks.requireFinite(this, "forward", l);
        Tensor ok = domain().check(l);
        for (int i = 0; i < ok.size(); i++) {
            if (ok.at(i) == 0) {
                throw new IllegalArgumentException(
                        name() + ".forward: x must lie in lowerCholesky (finite, lower-triangular, "
                                + "positive diagonal), event " + i + " of shape " + l.shape() + " does not");
            }
        }
    }

    /**
     * @param y shape [..., n, n], symmetric positive-definite. Not modified.
     * @return the lower Cholesky factors, shape [..., n, n]
     * @throws IllegalArgumentException if y is not a (batch of) square matrices in {@link Constraints#POSITIVE_DEFINITE}
     */
    @Override
    public Tensor inverse(Tensor y) {
        int n = TransformChecks.requireSquare(this, "inverse", "y", y);
        TransformChecks.requireIn(this, "inverse", y, codomain());
        if (y.rank() == 2) return y.cholesky();
        Shape s = y.shape();
        Tensor b = y.reshape(-1, n, n);
        Tensor[] parts = new Tensor[b.dim(0)];
        for (int i = 0; i < parts.length; i++) parts[i] = b.index(i).cholesky();
        return Tensor.stack(parts).reshape(s);
    }

    /**
     * @param l shape [..., n, n], in the domain. Not modified.
     * @param y forward(l) (unused)
     * @return n log 2 + Σ_i (n − i) log L_ii, shape [...]
     * @throws IllegalArgumentException if l is not a (batch of) square matrices
     */
    @Override
    public Tensor logAbsDetJacobian(Tensor l, Tensor y) {
        int n = TransformChecks.requireSquare(this, "logAbsDetJacobian", "x", l);
        double[] weight = new double[n];
        for (int i = 0; i < n; i++) weight[i] = n - i;
        return MatrixOps.diagonal(l, n).log().mul(Tensor.of(weight)).sum(-1).add(n * Math.log(2));
    }

    @Override
    public Constraint domain() {
        return Constraints.LOWER_CHOLESKY;
    }

    @Override
    public Constraint codomain() {
        return Constraints.POSITIVE_DEFINITE;
    }

    @Override
    public int eventRank() {
        return 2;
    }

    @Override
    public String name() {
        return "choleskyOuter";
    }
}
