package org.elbo4j.tensor.blas;

/**
 * Run by {@link VectorMathTest} in a JVM started without {@code --add-modules jdk.incubator.vector}: the kernels of
 * {@link VectorMath} must fall back to scalar Java.
 */
public final class NoVectorMathMain {
  private NoVectorMathMain() {
  }

  public static void main(String[] args) {
    double[] a = {0.5, -2};
    VectorMath.tanh(a, 0, 2);
    double s = VectorMath.bernoulliLogits(1, new double[] {0.0}, 0, new double[] {1.0}, 0, null, 0);
    System.out.println("backend=" + VectorMath.backend());
    System.out.println("tanh=" + (a[0] == VectorMath.tanh(0.5) && a[1] == VectorMath.tanh(-2.0)));
    System.out.println("ll=" + (s == -Math.log(2)));
  }
}
