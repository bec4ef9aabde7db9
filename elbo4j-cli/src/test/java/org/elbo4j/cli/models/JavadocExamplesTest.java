package org.elbo4j.cli.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.elbo4j.diag.Summary;
import org.elbo4j.infer.AutoGuide;
import org.elbo4j.infer.Fit;
import org.elbo4j.infer.Model;
import org.elbo4j.infer.Stop;
import org.elbo4j.infer.Svi;
import org.junit.jupiter.api.Test;

/** The javadoc example of {@code org.elbo4j.cli.models}, verbatim, followed by checks of its comment. */
class JavadocExamplesTest {

    @Test
    void packageInfo() {
        BuiltinModel m = Models.get("eight_schools_noncentered");
        Model model = m.build(Models.defaultData(m));
        Fit fit = Svi.of(model, AutoGuide.meanField(model)).run(Stop.after(5000));
        fit.summary(1000, 1); // theta_trans[1..8], mu, tau, theta[1..8]
        List<String> names =
                fit.summary(1000, 1).stream().map(Summary.Row::name).toList();
        assertEquals(18, names.size(), names.toString());
        assertEquals(
                List.of("theta_trans[1]", "mu", "tau", "theta[1]"),
                List.of(names.get(0), names.get(8), names.get(9), names.get(10)));
    }
}
