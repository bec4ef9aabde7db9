import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elbo4j.autodiff.Autodiff;
import org.elbo4j.autodiff.ValueAndGrad;
import org.elbo4j.stan.StanData;
import org.elbo4j.stan.StanModel;
import org.elbo4j.stan.StanProgram;
import org.elbo4j.tensor.Tensor;

/**
 * elbo4j's log density and gradient of a Stan program at the points of an rstan reference JSON (uncompressed, with
 * "upars" lists), one JSON line per point: {"lp": x, "grad": [...]}. Peer tooling for the accuracy probes of
 * docs/stan.md (kronecker_gp, sir-sir); run as a single-file program:
 *
 *   CP=elbo4j-core/target/classes:elbo4j-stan/target/classes:$(find ~/.m2 -name 'commons-numbers-*-1.2.jar' | tr '\n' :)
 *   java -Xmx2g -cp $CP elbo4j-bench/peers/stan-reference/probe/GradAtPoints.java model.stan data.json ref.json out.jsonl
 */
public class GradAtPoints {
    public static void main(String[] a) throws Exception {
        StanModel m = StanProgram.parse(Path.of(a[0])).instantiate(StanData.read(Path.of(a[1])));
        Matcher mm = Pattern.compile("\"upars\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(Files.readString(Path.of(a[2])));
        StringBuilder out = new StringBuilder();
        while (mm.find()) {
            String[] p = mm.group(1).split(",");
            double[] u = new double[p.length];
            for (int k = 0; k < p.length; k++) u[k] = Double.parseDouble(p[k].trim());
            ValueAndGrad vg = Autodiff.valueAndGrad(Tensor.of(u), m::logDensity);
            double[] g = vg.gradient(0).toArray();
            out.append("{\"lp\":").append(vg.valueAsDouble()).append(",\"grad\":[");
            for (int k = 0; k < g.length; k++) out.append(k == 0 ? "" : ",").append(g[k]);
            out.append("]}\n");
        }
        Files.writeString(Path.of(a[3]), out.toString());
    }
}
