// Scalar normal_lpdf (a density in a user's loop) against one core op, value + gradient of 1,000 terms.
// Not part of the Maven build (elbo4j-stan is not a dependency of elbo4j-bench yet). Run from the repository root
// after `mvn -q -pl elbo4j-stan -am compile`:
//   CP=elbo4j-core/target/classes:elbo4j-stan/target/classes:$(ls ~/.m2/repository/org/apache/commons/commons-numbers-gamma/*/*.jar | head -1):$(ls ~/.m2/repository/org/apache/commons/commons-numbers-core/*/*.jar | head -1)
//   mkdir -p /tmp/sb && javac -d /tmp/sb -cp $CP elbo4j-bench/stan/Bench3.java && java --add-modules jdk.incubator.vector -cp $CP:/tmp/sb Bench3
// Measured 2026-12-07 at load 19-22 on 2 cores (so ~10x inflated): 140-350 ns per normal_lpdf vs 200-360 ns per sub.
import java.util.List;
import org.elbo4j.autodiff.Autodiff;
import org.elbo4j.stan.functions.*;
import org.elbo4j.tensor.*;

public class Bench3 {
    public static void main(String[] a) {
        Tensor[] ys = new Tensor[1000];
        for (int i = 0; i < 1000; i++) ys[i] = Tensor.scalar(Math.sin(i));
        for (int rep = 0; rep < 6; rep++) {
            int iters = 2000;
            double acc = 0;
            long t0 = System.nanoTime();
            for (int it = 0; it < iters; it++) {
                acc += Autodiff.valueAndGrad(List.of(Tensor.scalar(0.1), Tensor.scalar(1.3)), p -> {
                    Tensor[] parts = new Tensor[1000];
                    for (int i = 0; i < 1000; i++) parts[i] = Normals.normalLpdf(ys[i], p.get(0), p.get(1));
                    return Tensor.total(parts);
                }).valueAsDouble();
            }
            long t1 = System.nanoTime();
            for (int it = 0; it < iters; it++) {
                acc += Autodiff.valueAndGrad(List.of(Tensor.scalar(0.1), Tensor.scalar(1.3)), p -> {
                    Tensor[] parts = new Tensor[1000];
                    for (int i = 0; i < 1000; i++) parts[i] = ys[i].sub(p.get(0)); // one core op, for scale
                    return Tensor.total(parts);
                }).valueAsDouble();
            }
            long t2 = System.nanoTime();
            System.out.printf("scalar normal_lpdf %.1f ns/call; one core sub %.1f ns/op%n", (t1 - t0) / 1.0 / iters / 1000, (t2 - t1) / 1.0 / iters / 1000);
        }
    }
}
