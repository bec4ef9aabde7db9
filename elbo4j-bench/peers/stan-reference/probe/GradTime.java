import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elbo4j.autodiff.Autodiff;
import org.elbo4j.stan.StanData;
import org.elbo4j.stan.StanModel;
import org.elbo4j.stan.StanProgram;
import org.elbo4j.tensor.Tensor;

/**
 * Thread CPU time per gradient of a Stan program at the points of an rstan reference JSON (uncompressed), after a
 * warm-up: peer tooling for the ODE solver's cost in docs/stan.md (sir-sir). Run as a single-file program:
 *
 *   java -Xmx1g -cp $CP elbo4j-bench/peers/stan-reference/probe/GradTime.java model.stan data.json ref.json [seconds]
 */
public class GradTime {
    public static void main(String[] a) throws Exception {
        StanModel m = StanProgram.parse(Path.of(a[0])).instantiate(StanData.read(Path.of(a[1])));
        Matcher mm = Pattern.compile("\"upars\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(Files.readString(Path.of(a[2])));
        List<double[]> pts = new ArrayList<>();
        while (mm.find()) {
            String[] p = mm.group(1).split(",");
            double[] u = new double[p.length];
            for (int k = 0; k < p.length; k++) u[k] = Double.parseDouble(p[k].trim());
            pts.add(u);
        }
        double seconds = a.length > 3 ? Double.parseDouble(a[3]) : 3;
        var bean = ManagementFactory.getThreadMXBean();
        double sink = 0;
        for (int pass = 0; pass < 2; pass++) { // pass 0 warms up
            long c0 = bean.getCurrentThreadCpuTime(), n = 0;
            while (bean.getCurrentThreadCpuTime() - c0 < seconds * 1e9) {
                for (double[] u : pts) sink += Autodiff.valueAndGrad(Tensor.of(u), m::logDensity).valueAsDouble();
                n += pts.size();
            }
            if (pass == 1) {
                System.out.printf("%s: %.1f us CPU per gradient (%d gradients)%n", Path.of(a[0]).getFileName(),
                        (bean.getCurrentThreadCpuTime() - c0) / 1e3 / n, n);
            }
        }
        if (sink == 42) System.out.println();
    }
}
