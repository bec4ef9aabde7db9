package org.elbo4j.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.elbo4j.distributions.HalfCauchy;
import org.elbo4j.distributions.Normal;
import org.elbo4j.infer.AutoGuide;
import org.elbo4j.infer.Elbo;
import org.elbo4j.infer.Fit;
import org.elbo4j.infer.Model;
import org.elbo4j.infer.Stop;
import org.elbo4j.infer.Svi;
import org.elbo4j.infer.SviListener;
import org.elbo4j.optim.Adam;
import org.elbo4j.optim.Schedule;
import org.elbo4j.optim.Sgd;
import org.elbo4j.optim.StanAdaptiveStep;
import org.elbo4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A run stopped at step k, saved, decoded into fresh objects and resumed to step n equals the run that went to n
 * without stopping, bit for bit: every parameter, the ELBO trace, the evaluations, the step count, the learning rate
 * and the recovery count. Written as a user would, from outside {@code org.elbo4j.infer}.
 */
class SviResumeTest {

    /** Eight schools, non-centred: 10 latents, two of them constrained. */
    static final Model EIGHT_SCHOOLS = m -> {
        Tensor y = Tensor.of(28, 8, -3, 7, -1, 1, 18, 12);
        Tensor sigma = Tensor.of(15, 10, 16, 11, 9, 11, 10, 18);
        Tensor mu = m.sample("mu", Normal.of(0, 5));
        Tensor tau = m.sample("tau", HalfCauchy.of(5));
        Tensor eta = m.sample("eta", Normal.standard(8));
        m.observe("y", Normal.of(mu.add(tau.mul(eta)), sigma), y);
    };

    /** Stops the run before step {@code k} is taken. */
    static SviListener stopAt(long k) {
        return new SviListener() {
            long steps;

            @Override
            public void onStep(long step, double elbo) {
                steps = step;
            }

            @Override
            public boolean stopRequested() {
                return steps >= k;
            }
        };
    }

    static void assertBitIdentical(Fit whole, Fit resumed) {
        assertEquals(whole.steps(), resumed.steps(), "steps");
        assertEquals(whole.params().names(), resumed.params().names(), "parameter names");
        int scalars = 0;
        for (String name : whole.params().names()) {
            Tensor a = whole.params().get(name), b = resumed.params().get(name);
            assertEquals(a.shape(), b.shape(), name);
            for (int i = 0; i < a.size(); i++) {
                assertEquals(
                        Double.doubleToRawLongBits(a.at(i)),
                        Double.doubleToRawLongBits(b.at(i)),
                        name + "[" + i + "]: " + a.at(i) + " vs " + b.at(i));
                scalars++;
            }
        }
        assertTrue(scalars > 0, "compared no parameter");
        double[] ta = whole.elboTrace(), tb = resumed.elboTrace();
        assertEquals(ta.length, tb.length, "trace length");
        for (int i = 0; i < ta.length; i++) {
            assertEquals(Double.doubleToRawLongBits(ta[i]), Double.doubleToRawLongBits(tb[i]), "trace " + i);
        }
        assertEquals(whole.evaluations().size(), resumed.evaluations().size(), "evaluations");
        for (int i = 0; i < whole.evaluations().size(); i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(
                        Double.doubleToRawLongBits(whole.evaluations().get(i)[j]),
                        Double.doubleToRawLongBits(resumed.evaluations().get(i)[j]),
                        "evaluation " + i + " column " + j);
            }
        }
        assertEquals(
                Double.doubleToRawLongBits(whole.learningRate()), Double.doubleToRawLongBits(resumed.learningRate()));
        assertEquals(whole.recoveries(), resumed.recoveries(), "recoveries");
        assertEquals(whole.converged(), resumed.converged(), "converged");
        assertEquals(Double.doubleToRawLongBits(whole.adaptedEta()), Double.doubleToRawLongBits(resumed.adaptedEta()));
    }

    /**
     * Runs {@code fresh} to {@code stop} at once, then again stopped at {@code k} by a listener, takes the last
     * checkpoint through its bytes, and resumes a third, freshly built run from it.
     */
    static Fit[] stopSaveResume(Supplier<Svi> fresh, Stop stop, long k) {
        Fit whole = fresh.get().run(stop);
        List<byte[]> saved = new ArrayList<>();
        Fit first = fresh.get()
                .listener(stopAt(k))
                .checkpoints(1_000_000, c -> saved.add(CheckpointFormat.encode(c)))
                .run(stop);
        assertEquals(k, first.steps(), "the first part stopped at k");
        assertEquals(1, saved.size(), "one checkpoint, at the end of the first part");
        Checkpoint c = CheckpointFormat.decode(saved.get(0), "mem");
        assertEquals(k, c.step());
        Fit resumed = fresh.get().resume(c).run(stop);
        return new Fit[] {whole, resumed};
    }

    @Test
    void adamWithAveragingAdaptationAndAScheduleResumesBitForBit() {
        Supplier<Svi> fresh = () -> Svi.of(EIGHT_SCHOOLS, AutoGuide.meanField(EIGHT_SCHOOLS))
                .estimator(Elbo.reparameterized(2))
                .optimizer(Adam.of(0.05).schedule(Schedule.cosine(600)))
                .averaging(0.9)
                .adaptStepSize(new double[] {1, 0.1, 0.01}, 20)
                .seed(7);
        Fit[] f = stopSaveResume(fresh, Stop.after(600).evaluateEvery(50, 20), 237);
        assertBitIdentical(f[0], f[1]);
        assertEquals(600, f[1].steps());
    }

    @Test
    void aConvergenceRuleResumesWithItsState() {
        // the no-improvement rule reads the evaluations so far: the resumed run rebuilds its state from them and
        // stops at the same step as the run that never stopped
        Supplier<Svi> fresh = () -> Svi.of(EIGHT_SCHOOLS, AutoGuide.fullRank(EIGHT_SCHOOLS))
                .optimizer(StanAdaptiveStep.of(0.1))
                .seed(3);
        Stop stop = Stop.noImprovement(2.0, 10, 20_000).evaluateEvery(25, 30);
        Fit[] f = stopSaveResume(fresh, stop, 300);
        assertBitIdentical(f[0], f[1]);
        assertTrue(f[0].steps() > 300, "the whole run went past the stop: " + f[0].steps());
    }

    @Test
    void nanRecoveriesOnBothSidesOfTheStopResumeBitForBit() {
        // SviBehaviourTest's wall at mu = 4: SGD at 0.5 jumps past it, the step is undone (back to before the previous
        // step, which the checkpoint holds) and the step size halved
        Model model = s -> {
            Tensor mu = s.sample("mu", Normal.of(0, 10));
            s.factor("wall", mu.rsub(4.0).log()); // NaN beyond 4
            s.observe("y", Normal.of(mu, Tensor.scalar(1.0)), Tensor.full(10, 20));
        };
        Supplier<Svi> fresh = () -> Svi.of(model, AutoGuide.meanField(model).initScale(0.01))
                .optimizer(Sgd.of(0.5))
                .seed(1);
        Fit[] f = stopSaveResume(fresh, Stop.after(200), 3);
        int before = fresh.get().listener(stopAt(3)).run(Stop.after(200)).recoveries();
        assertTrue(
                before > 0 && f[0].recoveries() > before,
                "recoveries before the stop: " + before + ", in all: " + f[0].recoveries());
        assertBitIdentical(f[0], f[1]);
    }

    @Test
    void checkpointsEveryKStepsAndAnyOfThemResumes() {
        Supplier<Svi> fresh = () -> Svi.of(EIGHT_SCHOOLS, AutoGuide.meanField(EIGHT_SCHOOLS))
                .optimizer(Adam.of(0.02))
                .averaging(0.5)
                .seed(11);
        Stop stop = Stop.after(250).evaluateEvery(40, 10);
        List<Checkpoint> saved = new ArrayList<>();
        Fit whole = fresh.get().checkpoints(100, saved::add).run(stop);
        assertEquals(
                List.of(100L, 200L, 250L), saved.stream().map(Checkpoint::step).toList());
        for (Checkpoint c : saved) {
            Checkpoint back = CheckpointFormat.decode(CheckpointFormat.encode(c), "mem");
            assertBitIdentical(whole, fresh.get().resume(back).run(stop));
        }
    }

    @Test
    void aCheckpointOfAnotherRunIsRefusedNamingWhatDiffers() {
        List<Checkpoint> saved = new ArrayList<>();
        Svi.of(EIGHT_SCHOOLS, AutoGuide.meanField(EIGHT_SCHOOLS))
                .optimizer(Adam.of(0.02))
                .settings(Map.of("model", "eight_schools"))
                .seed(5)
                .checkpoints(10, saved::add)
                .run(Stop.after(10));
        Checkpoint c = saved.get(0);

        var seed = assertThrows(
                IllegalArgumentException.class,
                () -> Svi.of(EIGHT_SCHOOLS, AutoGuide.meanField(EIGHT_SCHOOLS))
                        .optimizer(Adam.of(0.02))
                        .settings(Map.of("model", "eight_schools"))
                        .seed(6)
                        .resume(c)
                        .run(Stop.after(20)));
        assertEquals("cannot resume from this checkpoint: seed: the checkpoint has 5, this run 6", seed.getMessage());

        var model = assertThrows(
                IllegalArgumentException.class,
                () -> Svi.of(EIGHT_SCHOOLS, AutoGuide.meanField(EIGHT_SCHOOLS))
                        .optimizer(Adam.of(0.02))
                        .settings(Map.of("model", "radon"))
                        .seed(5)
                        .resume(c)
                        .run(Stop.after(20)));
        assertTrue(
                model.getMessage().contains("model: the checkpoint has eight_schools, this run radon"),
                model.getMessage());

        var beta = assertThrows(
                IllegalArgumentException.class,
                () -> Svi.of(EIGHT_SCHOOLS, AutoGuide.meanField(EIGHT_SCHOOLS))
                        .optimizer(Adam.of(0.02).betas(0.8, 0.999))
                        .settings(Map.of("model", "eight_schools"))
                        .seed(5)
                        .resume(c)
                        .run(Stop.after(20)));
        assertTrue(beta.getMessage().contains("beta1"), beta.getMessage());

        var guide = assertThrows(
                IllegalArgumentException.class,
                () -> Svi.of(EIGHT_SCHOOLS, AutoGuide.fullRank(EIGHT_SCHOOLS))
                        .optimizer(Adam.of(0.02))
                        .settings(Map.of("model", "eight_schools"))
                        .seed(5)
                        .resume(c)
                        .run(Stop.after(20)));
        assertTrue(guide.getMessage().startsWith("cannot resume from this checkpoint:"), guide.getMessage());
    }
}
