package org.elbo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.elbo4j.cli.io.Idx;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The error policy of the command line (README, "Exit status and errors"), case by case: every hostile input to
 * {@code fit}, {@code data}, {@code check}, {@code cavi}, {@code vae} and {@code gradients} ends with the right exit
 * status (2 usage error, 1 runtime error), an {@code elbo4j: error:} line that names the thing and says what was
 * expected (for a runtime error: exactly one line), no parser internals or stack trace, nothing on stdout, and
 * nothing written: the output directory ({OUT} in the arguments, fresh for each case) is absent or empty afterwards.
 * Runs in-process through {@link Main#execute}; every case stops before any real work.
 */
class BadInputTest {

    @TempDir
    static Path fixtures;

    private static Path resumeBase;

    /** One case: its name, the exit status, the arguments ({D} = fixtures, {OUT} = output dir), expected fragments. */
    record Case(String name, int status, String[] args, String[] expect) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case c(String name, int status, String args, String... expect) {
        return new Case(name, status, args.split(" "), expect);
    }

    static Stream<Arguments> cases() {
        List<Case> l = new ArrayList<>();
        // ---- fit: option values (usage, exit 2)
        l.add(c("fit --steps 0", 2, "fit normal_normal --steps 0 --out {OUT}", "--steps must be >= 1, got 0"));
        l.add(c("fit --steps -5", 2, "fit normal_normal --steps -5 --out {OUT}", "--steps must be >= 1"));
        l.add(c("fit --lr 0", 2, "fit normal_normal --lr 0 --out {OUT}", "--lr must be > 0 and finite, got 0.0"));
        l.add(c("fit --lr -1", 2, "fit normal_normal --lr -1 --out {OUT}", "--lr must be > 0"));
        l.add(c("fit --lr NaN", 2, "fit normal_normal --lr NaN --out {OUT}", "--lr must be > 0", "NaN"));
        l.add(c("fit --lr Infinity", 2, "fit normal_normal --lr Infinity --out {OUT}", "--lr must be > 0", "Infinity"));
        l.add(c("fit --lr abc", 2, "fit normal_normal --lr abc --out {OUT}", "--lr", "abc"));
        l.add(c("fit --draws 0", 2, "fit normal_normal --draws 0 --out {OUT}", "--draws must be >= 10, got 0"));
        l.add(c("fit --draws 5", 2, "fit normal_normal --draws 5 --out {OUT}", "--draws must be >= 10, got 5"));
        l.add(c(
                "fit --predictive 0",
                2,
                "fit normal_normal --predictive 0 --out {OUT}",
                "--predictive must be >= 1, got 0"));
        l.add(c("fit --predictive abc", 2, "fit normal_normal --predictive abc --out {OUT}", "--predictive", "abc"));
        l.add(c(
                "fit --predictive without --out",
                2,
                "fit normal_normal --predictive 10",
                "--predictive writes predictive.csv: add --out DIR"));
        l.add(c(
                "fit x.stan --predictive",
                2,
                "fit {D}/stan/syntax.stan --predictive 10 --out {OUT}",
                "a Stan program writes its replicated data in its generated quantities block"));
        l.add(c(
                "fit --predictive too many for the heap",
                1,
                "fit normal_normal --predictive 2000000000 --out {OUT}",
                "--predictive 2000000000",
                "maximum heap"));
        l.add(c("fit --samples 0", 2, "fit normal_normal --samples 0 --out {OUT}", "--samples must be >= 1, got 0"));
        l.add(c("fit -L -1", 2, "fit normal_normal -L -1 --out {OUT}", "--samples must be >= 1, got -1"));
        l.add(c(
                "fit --averaging 1",
                2,
                "fit normal_normal --averaging 1 --out {OUT}",
                "--averaging must be in [0, 1)"));
        l.add(c("fit --averaging -0.5", 2, "fit normal_normal --averaging -0.5 --out {OUT}", "--averaging", "-0.5"));
        l.add(c("fit --tol 0", 2, "fit normal_normal --tol 0 --out {OUT}", "--tol must be > 0"));
        l.add(c(
                "fit unknown model",
                2,
                "fit no_such_model --out {OUT}",
                "unknown model 'no_such_model'",
                "normal_normal"));
        l.add(c("fit model name case", 2, "fit Normal_Normal --out {OUT}", "unknown model 'Normal_Normal'"));
        l.add(c("fit no model", 2, "fit --out {OUT}", "Missing required parameter", "MODEL"));
        l.add(c("fit two models", 2, "fit normal_normal gamma_poisson --out {OUT}", "gamma_poisson"));
        l.add(c("fit unknown optimizer", 2, "fit normal_normal --optimizer adamw --out {OUT}", "'adamw'", "adam"));
        l.add(c("fit unknown estimator", 2, "fit normal_normal --estimator magic --out {OUT}", "'magic'", "reparam"));
        l.add(c(
                "fit bad guide enum",
                2,
                "fit normal_normal --guide banana --out {OUT}",
                "--guide",
                "banana",
                "meanfield"));
        l.add(c("fit bad stop enum", 2, "fit normal_normal --stop never --out {OUT}", "--stop", "never"));
        l.add(c("fit unknown option", 2, "fit normal_normal --stepz 10 --out {OUT}", "Unknown option", "--stepz"));
        l.add(c(
                "fit --steps overflow",
                2,
                "fit normal_normal --steps 99999999999999999999 --out {OUT}",
                "--steps",
                "99999999999999999999"));
        l.add(c("fit --seed text", 2, "fit normal_normal --seed one --out {OUT}", "--seed", "one"));
        l.add(c("fit --out empty", 2, "fit normal_normal --out=", "--out", "empty path"));
        l.add(c("fit --data empty", 2, "fit normal_normal --data= --out {OUT}", "--data", "empty path"));
        l.add(c("fit --out missing value", 2, "fit normal_normal --out", "Missing required parameter", "--out"));
        // ---- fit: data files (runtime, exit 1)
        l.add(c(
                "fit data missing file",
                1,
                "fit normal_normal --data {D}/nope.json --out {OUT}",
                "no such file or directory: {D}/nope.json"));
        l.add(c(
                "fit data is a directory",
                1,
                "fit normal_normal --data {D}/adir --out {OUT}",
                "{D}/adir",
                "is a directory",
                "expected a Stan JSON data file"));
        l.add(c("fit data NaN", 1, "fit normal_normal --data {D}/nn_nan.json --out {OUT}", "{D}/nn_nan.json", "y"));
        l.add(c(
                "fit data Infinity",
                1,
                "fit normal_normal --data {D}/nn_inf.json --out {OUT}",
                "{D}/nn_inf.json",
                "y"));
        l.add(c(
                "fit data wrong length",
                1,
                "fit normal_normal --data {D}/nn_shape.json --out {OUT}",
                "{D}/nn_shape.json",
                "y"));
        l.add(c(
                "fit data missing variable",
                1,
                "fit normal_normal --data {D}/nn_missing.json --out {OUT}",
                "{D}/nn_missing.json",
                "'y'"));
        l.add(c(
                "fit data string element",
                1,
                "fit normal_normal --data {D}/nn_string.json --out {OUT}",
                "{D}/nn_string.json",
                "variable 'y' at element y[2]"));
        l.add(c(
                "fit data ragged",
                1,
                "fit normal_normal --data {D}/nn_ragged.json --out {OUT}",
                "{D}/nn_ragged.json",
                "ragged"));
        l.add(c(
                "fit data real for int",
                1,
                "fit normal_normal --data {D}/nn_nreal.json --out {OUT}",
                "{D}/nn_nreal.json",
                "N"));
        l.add(c(
                "fit data negative sigma",
                1,
                "fit normal_normal --data {D}/nn_negsigma.json --out {OUT}",
                "{D}/nn_negsigma.json",
                "sigma"));
        l.add(c(
                "fit data truncated",
                1,
                "fit normal_normal --data {D}/trunc.json --out {OUT}",
                "{D}/trunc.json",
                "malformed JSON"));
        l.add(c(
                "fit data empty file",
                1,
                "fit normal_normal --data {D}/empty.json --out {OUT}",
                "{D}/empty.json",
                "empty"));
        l.add(c(
                "fit data comment",
                1,
                "fit normal_normal --data {D}/comment.json --out {OUT}",
                "{D}/comment.json",
                "malformed JSON"));
        l.add(c(
                "fit data single quotes",
                1,
                "fit normal_normal --data {D}/quotes.json --out {OUT}",
                "{D}/quotes.json",
                "malformed JSON"));
        l.add(c(
                "fit data top-level array",
                1,
                "fit normal_normal --data {D}/array.json --out {OUT}",
                "{D}/array.json",
                "expected a JSON object"));
        l.add(c(
                "fit data two objects",
                1,
                "fit normal_normal --data {D}/two.json --out {OUT}",
                "{D}/two.json",
                "after the top-level object"));
        l.add(c("fit data binary", 1, "fit normal_normal --data {D}/images.idx --out {OUT}", "{D}/images.idx"));
        l.add(c(
                "fit data for another model",
                1,
                "fit eight_schools_noncentered --data {D}/nn_ok.json --out {OUT}",
                "{D}/nn_ok.json",
                "J"));
        l.add(c(
                "fit --draws too many for the heap",
                1,
                "fit normal_normal --draws 2000000000 --out {OUT}",
                "--draws 2000000000",
                "maximum heap",
                "JAVA_OPTS=-Xmx"));
        // ---- fit: output directory (runtime, exit 1, checked before the fit)
        l.add(c(
                "fit --out is a file",
                1,
                "fit normal_normal --out {D}/afile.txt",
                "--out {D}/afile.txt",
                "not a directory"));
        l.add(c(
                "fit --out under a file",
                1,
                "fit normal_normal --out {D}/afile.txt/sub",
                "--out {D}/afile.txt/sub",
                "cannot create"));
        l.add(c("fit --out not writable", 1, "fit normal_normal --out /proc", "--out /proc", "not writable"));

        // ---- data
        l.add(c("data missing file", 1, "data {D}/nope.json", "no such file or directory: {D}/nope.json"));
        l.add(c("data directory", 1, "data {D}/adir", "{D}/adir: is a directory"));
        l.add(c("data bad format enum", 2, "data {D}/nn_ok.json --format xml", "--format", "xml"));
        l.add(c("data no file", 2, "data", "Missing required parameter", "FILE"));
        l.add(c("data unknown option", 2, "data {D}/nn_ok.json --verbose", "Unknown option", "--verbose"));
        l.add(c("data truncated json", 1, "data {D}/trunc.json", "{D}/trunc.json", "malformed JSON"));
        l.add(c("data empty json", 1, "data {D}/empty.json", "{D}/empty.json"));
        l.add(c("data comment json", 1, "data {D}/comment.json", "{D}/comment.json", "malformed JSON"));
        l.add(c("data control char json", 1, "data {D}/ctrl.json", "{D}/ctrl.json", "malformed JSON"));
        l.add(c("data leading zero json", 1, "data {D}/zero.json", "{D}/zero.json", "malformed JSON"));
        l.add(c("data string element", 1, "data {D}/nn_string.json", "variable 'y' at element y[2]"));
        l.add(c("data /dev/zero idx", 1, "data /dev/zero --format idx", "/dev/zero", "not an IDX"));
        l.add(c("data idx truncated", 1, "data {D}/trunc.idx --format idx", "{D}/trunc.idx", "truncated"));
        l.add(c("data idx bad magic", 1, "data {D}/magic.idx --format idx", "{D}/magic.idx", "magic number"));
        l.add(c("data idx empty", 1, "data {D}/empty.idx --format idx", "{D}/empty.idx", "empty file"));
        l.add(c("data idx huge header", 1, "data {D}/huge.idx --format idx", "{D}/huge.idx", "raise the heap"));
        l.add(c("data idx truncated gzip", 1, "data {D}/trunc.idx.gz --format idx", "{D}/trunc.idx.gz", "gzip"));
        l.add(c("data csv ragged", 1, "data {D}/ragged.csv", "{D}/ragged.csv", "line 3"));
        l.add(c("data csv text", 1, "data {D}/text.csv", "{D}/text.csv", "abc"));
        l.add(c("data csv quote", 1, "data {D}/quote.csv", "{D}/quote.csv"));
        l.add(c("data csv empty", 1, "data {D}/empty.csv", "{D}/empty.csv"));

        // ---- check
        l.add(c("check missing dir", 1, "check {D}/nope --out {OUT}", "{D}/nope", "not a directory"));
        l.add(c("check file not dir", 1, "check {D}/nn_ok.json --out {OUT}", "{D}/nn_ok.json", "not a directory"));
        l.add(c("check dir without data", 1, "check {D}/post/eight_schools-nodata --out {OUT}", "missing data.json"));
        l.add(c("check unknown model", 1, "check {D}/post/foo-bar --out {OUT}", "foo-bar", "bar"));
        l.add(c(
                "check malformed reference",
                1,
                "check {D}/post2/eight_schools-eight_schools_noncentered --out {OUT}",
                "reference.json",
                "malformed JSON"));
        l.add(c(
                "check bad reference sd",
                1,
                "check {D}/post3/eight_schools-eight_schools_noncentered --out {OUT}",
                "reference.json",
                "sd"));
        l.add(c(
                "check bad data in second dir",
                1,
                "check {D}/post/eight_schools-eight_schools_noncentered"
                        + " {D}/post4/eight_schools-eight_schools_noncentered --out {OUT}",
                "post4",
                "data.json"));
        l.add(c(
                "check --out is a file",
                1,
                "check {D}/post/eight_schools-eight_schools_noncentered --out {D}/afile.txt",
                "--out {D}/afile.txt",
                "not a directory"));
        l.add(c(
                "check --out not writable",
                1,
                "check {D}/post/eight_schools-eight_schools_noncentered --out /proc",
                "--out /proc",
                "not writable"));
        l.add(c(
                "check --out empty",
                2,
                "check {D}/post/eight_schools-eight_schools_noncentered --out=",
                "--out",
                "empty path"));
        l.add(c(
                "check --restarts 0",
                2,
                "check {D}/post/eight_schools-eight_schools_noncentered --restarts 0 --out {OUT}",
                "--restarts must be >= 1"));
        l.add(c(
                "check --agree 0",
                2,
                "check {D}/post/eight_schools-eight_schools_noncentered --agree 0 --out {OUT}",
                "--agree must be >= 1"));
        l.add(c(
                "check --eval-every 0",
                2,
                "check {D}/post/eight_schools-eight_schools_noncentered --eval-every 0 --out {OUT}",
                "--eval-every must be >= 1"));
        l.add(c(
                "check --draws 10",
                2,
                "check {D}/post/eight_schools-eight_schools_noncentered --draws 10 --out {OUT}",
                "--draws must be >= 100"));
        l.add(c(
                "check --lr 0",
                2,
                "check {D}/post/eight_schools-eight_schools_noncentered --lr 0 --out {OUT}",
                "--lr must be > 0"));
        l.add(c(
                "check --end-factor -1",
                2,
                "check {D}/post/eight_schools-eight_schools_noncentered --end-factor -1" + " --out {OUT}",
                "--end-factor must be > 0"));
        l.add(c(
                "check --anneal-steps 0",
                2,
                "check {D}/post/eight_schools-eight_schools_noncentered --anneal-steps 0" + " --out {OUT}",
                "--anneal-steps must be >= 1"));
        l.add(c(
                "check --explore-steps 0",
                2,
                "check {D}/post/eight_schools-eight_schools_noncentered --explore-steps 0" + " --out {OUT}",
                "--explore-steps must be >= 1"));
        l.add(c(
                "check bad guide",
                2,
                "check {D}/post/eight_schools-eight_schools_noncentered --guide meanfield,banana" + " --out {OUT}",
                "--guide",
                "banana"));
        l.add(c("check no dir", 2, "check --out {OUT}", "POSTERIOR_DIR"));
        l.add(c(
                "check peer missing",
                1,
                "check {D}/post/eight_schools-eight_schools_noncentered --peer {D}/nope.json" + " --out {OUT}",
                "{D}/nope.json"));
        l.add(c(
                "check peer malformed",
                1,
                "check {D}/post/eight_schools-eight_schools_noncentered --peer {D}/trunc.json" + " --out {OUT}",
                "{D}/trunc.json",
                "malformed JSON"));
        l.add(c(
                "check peer wrong algorithm",
                1,
                "check {D}/post/eight_schools-eight_schools_noncentered --peer" + " {D}/peer_alg.json --out {OUT}",
                "{D}/peer_alg.json",
                "algorithm"));

        // ---- cavi
        l.add(c("cavi without subcommand", 2, "cavi", "gmm", "linreg"));
        l.add(c("cavi unknown subcommand", 2, "cavi hmm", "hmm"));
        l.add(c("cavi gmm --k 0", 2, "cavi gmm --k 0 --out {OUT}", "--k must be >= 1, got 0"));
        l.add(c("cavi gmm --restarts 0", 2, "cavi gmm --restarts 0 --out {OUT}", "--restarts must be >= 1"));
        l.add(c("cavi gmm --max-sweeps 0", 2, "cavi gmm --max-sweeps 0 --out {OUT}", "--max-sweeps must be >= 1"));
        l.add(c("cavi gmm --tol -1", 2, "cavi gmm --tol -1 --out {OUT}", "--tol must be >= 0"));
        l.add(c("cavi gmm --alpha0 0", 2, "cavi gmm --alpha0 0 --out {OUT}", "--alpha0 must be > 0"));
        l.add(c("cavi gmm --prior-sd NaN", 2, "cavi gmm --prior-sd NaN --out {OUT}", "--prior-sd must be > 0"));
        l.add(c("cavi gmm --n 0", 2, "cavi gmm --n 0 --out {OUT}", "--n must be >= 1"));
        l.add(c("cavi gmm --show-sweeps -1", 2, "cavi gmm --show-sweeps -1 --out {OUT}", "--show-sweeps must be >= 0"));
        l.add(c("cavi gmm bad model enum", 2, "cavi gmm --model diagonal --out {OUT}", "--model", "diagonal"));
        l.add(c(
                "cavi gmm json data",
                1,
                "cavi gmm --data {D}/nn_ok.json --out {OUT}",
                "{D}/nn_ok.json",
                "expects a CSV file"));
        l.add(c("cavi gmm missing data", 1, "cavi gmm --data {D}/nope.csv --out {OUT}", "{D}/nope.csv"));
        l.add(c("cavi gmm directory data", 1, "cavi gmm --data {D}/adir --out {OUT}", "{D}/adir", "is a directory"));
        l.add(c("cavi gmm NaN in data", 1, "cavi gmm --data {D}/nan.csv --out {OUT}", "{D}/nan.csv"));
        l.add(c("cavi gmm text in data", 1, "cavi gmm --data {D}/text.csv --out {OUT}", "{D}/text.csv", "abc"));
        l.add(c("cavi gmm ragged csv", 1, "cavi gmm --data {D}/ragged.csv --out {OUT}", "{D}/ragged.csv"));
        l.add(c("cavi gmm header only", 1, "cavi gmm --data {D}/header.csv --out {OUT}", "{D}/header.csv"));
        l.add(c("cavi gmm unknown column", 1, "cavi gmm --data {D}/points.csv --columns x1,x9 --out {OUT}", "x9"));
        l.add(c(
                "cavi gmm more components than points",
                1,
                "cavi gmm --data {D}/two.csv --k 5 --out {OUT}",
                "{D}/two.csv",
                "--k 5"));
        l.add(c(
                "cavi gmm --out is a file",
                1,
                "cavi gmm --out {D}/afile.txt",
                "--out {D}/afile.txt",
                "not a directory"));
        l.add(c(
                "cavi linreg --max-sweeps 0",
                2,
                "cavi linreg --max-sweeps 0 --out {OUT}",
                "--max-sweeps must be >= 1"));
        l.add(c("cavi linreg --a0 0", 2, "cavi linreg --a0 0 --out {OUT}", "--a0 must be > 0"));
        l.add(c("cavi linreg --b0 -1", 2, "cavi linreg --b0 -1 --out {OUT}", "--b0 must be > 0"));
        l.add(c(
                "cavi linreg --svi-steps 0",
                2,
                "cavi linreg --svi --svi-steps 0 --out {OUT}",
                "--svi-steps must be >= 1"));
        l.add(c(
                "cavi linreg --svi-draws 1",
                2,
                "cavi linreg --svi --svi-draws 1 --out {OUT}",
                "--svi-draws must be >= 2"));
        l.add(c(
                "cavi linreg --prior-precision 0",
                2,
                "cavi linreg --prior-precision 0 --out {OUT}",
                "--prior-precision must be > 0"));
        l.add(c("cavi linreg --n 0", 2, "cavi linreg --n 0 --out {OUT}", "--n must be >= 1"));
        l.add(c(
                "cavi linreg NaN in data",
                1,
                "cavi linreg --data {D}/linreg_nan.csv --out {OUT}",
                "{D}/linreg_nan.csv"));
        l.add(c(
                "cavi linreg missing response",
                1,
                "cavi linreg --data {D}/points.csv --out {OUT}",
                "{D}/points.csv",
                "y"));
        l.add(c("cavi linreg missing file", 1, "cavi linreg --data {D}/nope.csv --out {OUT}", "{D}/nope.csv"));
        l.add(c("cavi linreg --out is a file", 1, "cavi linreg --out {D}/afile.txt", "--out {D}/afile.txt"));

        // ---- cavi lda
        l.add(c("cavi lda --k 0", 2, "cavi lda {D}/lda.txt --k 0 --out {OUT}", "--k must be >= 1, got 0"));
        l.add(c(
                "cavi lda --passes 0",
                2,
                "cavi lda {D}/lda.txt --passes 0 --out {OUT}",
                "--passes must be >= 1, got 0"));
        l.add(c(
                "cavi lda --batch-size 0",
                2,
                "cavi lda {D}/lda.txt --batch-size 0 --out {OUT}",
                "--batch-size must be >= 1, got 0"));
        l.add(c("cavi lda --tau0 0.5", 2, "cavi lda {D}/lda.txt --tau0 0.5 --out {OUT}", "--tau0 must be >= 1", "0.5"));
        l.add(c("cavi lda --tau0 NaN", 2, "cavi lda {D}/lda.txt --tau0 NaN --out {OUT}", "--tau0 must be >= 1", "NaN"));
        l.add(c(
                "cavi lda --kappa 0.5",
                2,
                "cavi lda {D}/lda.txt --kappa 0.5 --out {OUT}",
                "--kappa must be in (0.5, 1]"));
        l.add(c(
                "cavi lda --kappa 1.5",
                2,
                "cavi lda {D}/lda.txt --kappa 1.5 --out {OUT}",
                "--kappa must be in (0.5, 1]",
                "1.5"));
        l.add(c("cavi lda --alpha 0", 2, "cavi lda {D}/lda.txt --alpha 0 --out {OUT}", "--alpha must be > 0"));
        l.add(c("cavi lda --max-df 0", 2, "cavi lda {D}/lda.txt --max-df 0 --out {OUT}", "--max-df must be in (0, 1]"));
        l.add(c(
                "cavi lda --test-fraction 1",
                2,
                "cavi lda {D}/lda.txt --test-fraction 1 --out {OUT}",
                "--test-fraction must be in [0, 1)"));
        l.add(c(
                "cavi lda stop-word options clash",
                2,
                "cavi lda {D}/lda.txt --no-stop-words --stop-words {D}/afile.txt --out {OUT}",
                "exclude each other"));
        l.add(c("cavi lda unknown option", 2, "cavi lda {D}/lda.txt --topics 5 --out {OUT}", "--topics"));
        l.add(c("cavi lda no input", 2, "cavi lda {D}/lda.txt {D}/lda.txt --out {OUT}", "{D}/lda.txt"));
        l.add(c("cavi lda --out empty", 2, "cavi lda {D}/lda.txt --out=", "--out", "empty path"));
        l.add(c(
                "cavi lda missing file",
                1,
                "cavi lda {D}/nope.txt --out {OUT}",
                "{D}/nope.txt",
                "no such file or directory"));
        l.add(c("cavi lda empty file", 1, "cavi lda {D}/empty.txt --out {OUT}", "{D}/empty.txt", "no documents"));
        l.add(c("cavi lda blank lines only", 1, "cavi lda {D}/blank.txt --out {OUT}", "{D}/blank.txt", "no documents"));
        l.add(c(
                "cavi lda directory with no documents",
                1,
                "cavi lda {D}/adir --out {OUT}",
                "{D}/adir",
                "no documents"));
        l.add(c(
                "cavi lda directory of hidden files",
                1,
                "cavi lda {D}/hidden --out {OUT}",
                "{D}/hidden",
                "no documents"));
        l.add(c(
                "cavi lda vocabulary pruned to nothing",
                1,
                "cavi lda {D}/lda.txt --min-df 1000 --out {OUT}",
                "{D}/lda.txt",
                "no word is left after pruning",
                "--min-df 1000"));
        l.add(c(
                "cavi lda missing stop-word file",
                1,
                "cavi lda {D}/lda.txt --stop-words {D}/nope.txt --out {OUT}",
                "--stop-words {D}/nope.txt"));
        l.add(c(
                "cavi lda --out is a file",
                1,
                "cavi lda {D}/lda.txt --out {D}/afile.txt",
                "--out {D}/afile.txt",
                "not a directory"));
        l.add(c("cavi lda --out not writable", 1, "cavi lda {D}/lda.txt --out /proc", "--out /proc", "not writable"));

        // ---- vae
        l.add(c("vae --epochs -1", 2, "vae --epochs -1 --out {OUT}", "--epochs must be >= 1, got -1"));
        l.add(c("vae --epochs 0", 2, "vae --epochs 0 --out {OUT}", "--epochs must be >= 1, got 0"));
        l.add(c("vae --batch 0", 2, "vae --batch 0 --out {OUT}", "--batch must be >= 1, got 0"));
        l.add(c("vae --latent 0", 2, "vae --latent 0 --out {OUT}", "--latent must be >= 1"));
        l.add(c("vae --samples 0", 2, "vae --samples 0 --out {OUT}", "--samples must be >= 1"));
        l.add(c("vae --is-samples -1", 2, "vae --is-samples -1 --out {OUT}", "--is-samples must be >= 0"));
        l.add(c("vae --eval-every -1", 2, "vae --eval-every -1 --out {OUT}", "--eval-every must be >= 0"));
        l.add(c("vae --eval-every x", 2, "vae --eval-every x --out {OUT}", "--eval-every"));
        l.add(c("vae --threads 0", 2, "vae --threads 0 --out {OUT}", "--threads must be >= 1"));
        l.add(c("vae --lr 0", 2, "vae --lr 0 --out {OUT}", "--lr must be > 0"));
        l.add(c("vae --train 0", 2, "vae --train 0 --out {OUT}", "--train must be >= 1"));
        l.add(c("vae --hidden text", 2, "vae --hidden 400,abc --out {OUT}", "--hidden", "'abc' is not an integer"));
        l.add(c("vae --hidden 0", 2, "vae --hidden 0 --out {OUT}", "--hidden must be >= 1"));
        l.add(c("vae --hidden trailing comma", 2, "vae --hidden 400, --out {OUT}", "--hidden"));
        l.add(c("vae bad activation", 2, "vae --activation swish --out {OUT}", "'swish'"));
        l.add(c("vae bad init", 2, "vae --init kaiming --out {OUT}", "'kaiming'"));
        l.add(c("vae bad likelihood", 2, "vae --likelihood poisson --out {OUT}", "--likelihood 'poisson'"));
        l.add(c("vae bad estimator", 2, "vae --estimator exact --out {OUT}", "'exact'"));
        l.add(c("vae bad binarize", 2, "vae --binarize half --out {OUT}", "'half'"));
        l.add(c("vae bad optimizer", 2, "vae --optimizer lbfgs --out {OUT}", "'lbfgs'"));
        l.add(c("vae --out empty", 2, "vae --out=", "--out", "empty path"));
        l.add(c(
                "vae --test-data without --data",
                2,
                "vae --test-data {D}/images.idx --out {OUT}",
                "--test-data needs --data"));
        l.add(c("vae --out is a file", 1, "vae --out {D}/afile.txt", "--out {D}/afile.txt", "not a directory"));
        l.add(c("vae --out not writable", 1, "vae --out /proc", "--out /proc", "not writable"));
        l.add(c(
                "vae data missing",
                1,
                "vae --data {D}/nope.idx --out {OUT}",
                "no such file or directory: {D}/nope.idx"));
        l.add(c("vae data directory", 1, "vae --data {D}/adir --out {OUT}", "{D}/adir: is a directory"));
        l.add(c("vae data truncated", 1, "vae --data {D}/trunc.idx --out {OUT}", "{D}/trunc.idx", "truncated"));
        l.add(c("vae data is labels", 1, "vae --data {D}/labels.idx --out {OUT}", "{D}/labels.idx", "labels file"));
        l.add(c("vae data is json", 1, "vae --data {D}/nn_ok.json --out {OUT}", "{D}/nn_ok.json", "not an IDX"));
        l.add(c("vae data /dev/zero", 1, "vae --data /dev/zero --out {OUT}", "/dev/zero", "not an IDX"));
        l.add(c(
                "vae labels mismatch",
                1,
                "vae --data {D}/images.idx --labels {D}/labels3.idx --out {OUT}",
                "{D}/labels3.idx",
                "3 labels for 100 images",
                "one label per image"));
        l.add(c("vae --train too many", 1, "vae --data {D}/images.idx --train 500 --out {OUT}", "--train 500"));
        l.add(c("vae resume missing", 1, "vae --resume {D}/nope --out {OUT}", "--resume {D}/nope"));
        l.add(c("vae resume empty dir", 1, "vae --resume {D}/adir --out {OUT}", "--resume {D}/adir", "no checkpoint"));
        l.add(c(
                "vae resume damaged",
                1,
                "vae --resume {D}/bad/checkpoint-0001.zip --out {OUT}",
                "{D}/bad/checkpoint-0001.zip"));
        l.add(c(
                "vae resume target reached",
                2,
                "vae --resume {BASE} --epochs 1 --out {OUT}",
                "--epochs 1",
                "already at epoch 1",
                "nothing was written",
                "--epochs 2"));
        l.add(c("vae resume fewer epochs", 2, "vae --resume {BASE} --epochs 1 --out {OUT}", "--epochs 1"));
        l.add(c(
                "vae resume other latent",
                2,
                "vae --resume {BASE} --epochs 3 --latent 5 --out {OUT}",
                "--latent 5",
                "checkpoint"));
        l.add(c(
                "vae resume other is-samples",
                2,
                "vae --resume {BASE} --epochs 3 --is-samples 7 --out {OUT}",
                "--is-samples 7",
                "is_samples"));

        // ---- fit: quick-run options imply --fast; checkpoints and --resume
        l.add(c(
                "fit --lr with --no-escalate",
                2,
                "fit normal_normal --lr 0.1 --no-escalate --out {OUT}",
                "--no-escalate belongs to the default recipe",
                "which --lr implies"));
        l.add(c(
                "fit pathfinder --lr",
                2,
                "fit normal_normal --method pathfinder --lr 0.1 --out {OUT}",
                "--lr configures the quick ADVI run; --method pathfinder takes none"));
        l.add(c(
                "fit --checkpoint-every 0",
                2,
                "fit normal_normal --checkpoint-every 0 --out {OUT}",
                "--checkpoint-every must be >= 1, got 0"));
        l.add(c("fit --checkpoint-every abc", 2, "fit normal_normal --checkpoint-every abc --out {OUT}", "abc"));
        l.add(c(
                "fit --checkpoint-every without --out",
                2,
                "fit normal_normal --checkpoint-every 10",
                "--checkpoint-every 10 needs --out DIR"));
        l.add(c(
                "fit score-mean with checkpoints",
                2,
                "fit normal_normal --estimator score-mean --checkpoint-every 10 --out {OUT}",
                "--estimator score-mean keeps its running baseline"));
        l.add(c("fit resume missing", 1, "fit normal_normal --resume {D}/nope --out {OUT}", "--resume {D}/nope"));
        l.add(c(
                "fit resume empty dir",
                1,
                "fit normal_normal --resume {D}/adir --out {OUT}",
                "--resume {D}/adir",
                "no checkpoint"));
        l.add(c(
                "fit resume damaged",
                1,
                "fit normal_normal --resume {D}/bad/checkpoint-0001.zip --out {OUT}",
                "{D}/bad/checkpoint-0001.zip",
                "damaged"));
        l.add(c(
                "fit resume of a vae run",
                1,
                "fit normal_normal --resume {BASE} --out {OUT}",
                "a checkpoint of a 'vae' run, not of 'elbo4j fit'"));
        l.add(c(
                "fit resume other --lr",
                2,
                "fit normal_normal --resume {D}/fitbase --steps 100 --lr 0.05 --out {OUT}",
                "--resume {D}/fitbase: --lr: the checkpoint has 0.02, this run 0.05"));
        l.add(c(
                "fit resume other model",
                2,
                "fit eight_schools_noncentered --resume {D}/fitbase --steps 100 --out {OUT}",
                "model: the checkpoint has normal_normal, this run eight_schools_noncentered"));
        l.add(c(
                "fit resume other data",
                2,
                "fit normal_normal --resume {D}/fitbase --data {D}/nn2.json --steps 100 --out {OUT}",
                "data_sha256: the checkpoint has default, this run"));
        l.add(c(
                "fit resume steps reached",
                2,
                "fit normal_normal --resume {D}/fitbase --steps 20 --out {OUT}",
                "--steps 20",
                "already done 20 steps",
                "--steps 21"));

        // ---- gradients
        l.add(c(
                "gradients --fit-steps -1",
                2,
                "gradients normal_normal --fit-steps -1 --out {OUT}",
                "--fit-steps must be >= 0, got -1"));
        l.add(c(
                "gradients --replicates 1",
                2,
                "gradients normal_normal --replicates 1 --out {OUT}",
                "--replicates must be >= 2"));
        l.add(c(
                "gradients --samples 0",
                2,
                "gradients normal_normal --samples 0 --out {OUT}",
                "--samples must be >= 1"));
        l.add(c(
                "gradients unknown estimator",
                2,
                "gradients normal_normal --estimators reparam,nope --out {OUT}",
                "'nope'"));
        l.add(c("gradients unknown model", 2, "gradients nope --out {OUT}", "unknown model 'nope'"));
        l.add(c("gradients bad guide", 2, "gradients normal_normal --guide diag --out {OUT}", "--guide", "diag"));
        l.add(c(
                "gradients data NaN",
                1,
                "gradients normal_normal --data {D}/nn_nan.json --out {OUT}",
                "{D}/nn_nan.json"));
        l.add(c(
                "gradients data missing",
                1,
                "gradients normal_normal --data {D}/nope.json --out {OUT}",
                "{D}/nope.json"));
        l.add(c("gradients --out is a file", 1, "gradients normal_normal --out {D}/afile.txt", "--out {D}/afile.txt"));
        l.add(c("gradients --out empty", 2, "gradients normal_normal --out=", "--out", "empty path"));

        // ---- top level
        l.add(c("unknown command", 2, "fitt normal_normal", "fitt"));
        l.add(c("models extra argument", 2, "models extra", "extra"));
        return l.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputIsOneClearErrorAndWritesNothing(Case k, @TempDir Path tmp) {
        Path out = tmp.resolve("out");
        String[] args = Arrays.stream(k.args())
                .map(a -> a.replace("{OUT}", out.toString())
                        .replace("{D}", fixtures.toString())
                        .replace("{BASE}", resumeBase.toString()))
                .toArray(String[]::new);
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int status = Main.execute(args, new PrintWriter(o, true), new PrintWriter(e, true), Map.of());
        String err = e.toString();
        String what = String.join(" ", args) + "\nstderr:\n" + err + "stdout:\n" + o;
        assertEquals(k.status(), status, what);
        List<String> lines = err.strip().lines().toList();
        assertTrue(lines.get(0).startsWith(Errors.PREFIX), what);
        if (k.status() == 1) {
            assertEquals(1, lines.size(), "a runtime error is exactly one line: " + what);
        } else {
            assertTrue(lines.stream().filter(x -> x.startsWith(Errors.PREFIX)).count() == 1, what);
        }
        for (String x : k.expect()) {
            String want = x.replace("{D}", fixtures.toString());
            assertTrue(lines.get(0).contains(want), "expected '" + want + "' in the error line: " + what);
        }
        for (String internal : new String[] {"[Source:", "JsonReadFeature", "com.fasterxml", "Exception", "\tat "}) {
            assertFalse(err.contains(internal), "parser or Java internals in: " + what);
        }
        assertEquals("", o.toString(), "nothing on stdout: " + what);
        assertTrue(!Files.exists(out) || empty(out), "nothing written to " + out + ": " + what);
    }

    /**
     * Stan programs: an error in a program is a runtime error (exit 1) whose first line is {@code elbo4j: error:
     * FILE:LINE:COLUMN: ...}; it may be followed by the source line and a caret under the column (issue 11), and
     * nothing else. Nothing on stdout, nothing written to {OUT}.
     */
    static Stream<Arguments> stanCases() {
        List<Case> l = new ArrayList<>();
        l.add(c(
                "fit x.stan syntax error",
                1,
                "fit {D}/stan/syntax.stan --out {OUT}",
                "{D}/stan/syntax.stan:3:",
                "syntax error"));
        l.add(c("fit x.stan type error", 1, "fit {D}/stan/type.stan --out {OUT}", "{D}/stan/type.stan:2:"));
        l.add(c(
                "fit x.stan without --data",
                1,
                "fit {D}/stan/m.stan --out {OUT}",
                "{D}/stan/m.stan",
                "declares data (N, y)",
                "--data"));
        l.add(c(
                "fit x.stan data of the wrong shape",
                1,
                "fit {D}/stan/m.stan --data {D}/stan/shape.json --out {OUT}",
                "data 'y': declared vector[N] with N = 5, found 2 values"));
        l.add(c(
                "fit x.stan data missing a variable",
                1,
                "fit {D}/stan/m.stan --data {D}/stan/noy.json --out {OUT}",
                "'y'"));
        l.add(c(
                "fit x.stan rejects everywhere",
                1,
                "fit {D}/stan/reject.stan --out {OUT}",
                "{D}/stan/reject.stan:2",
                "rejected: always"));
        l.add(c("fit x.stan missing", 1, "fit {D}/stan/nope.stan --out {OUT}", "{D}/stan/nope.stan"));
        l.add(c("fit x.stan is a directory", 1, "fit {D}/stan/dir.stan --out {OUT}", "{D}/stan/dir.stan"));
        l.add(c("fit directory without model.stan", 2, "fit {D}/adir --out {OUT}", "unknown model '{D}/adir'"));
        l.add(c("fit x.stan empty", 1, "fit {D}/stan/empty.stan --out {OUT}", "{D}/stan/empty.stan", "no parameters"));
        l.add(c("stan syntax error", 1, "stan {D}/stan/syntax.stan", "{D}/stan/syntax.stan:3:", "syntax error"));
        l.add(c("stan type error", 1, "stan {D}/stan/type.stan", "{D}/stan/type.stan:2:"));
        l.add(c(
                "stan data of the wrong shape",
                1,
                "stan {D}/stan/m.stan --data {D}/stan/shape.json",
                "data 'y': declared vector[N] with N = 5, found 2 values"));
        l.add(c("stan missing program", 1, "stan {D}/stan/nope.stan", "{D}/stan/nope.stan"));
        l.add(c("stan directory", 1, "stan {D}/stan/dir.stan", "{D}/stan/dir.stan"));
        l.add(c("stan missing data file", 1, "stan {D}/stan/m.stan --data {D}/stan/nope.json", "{D}/stan/nope.json"));
        return l.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stanCases")
    void stanProgramErrorIsOneMessageAndWritesNothing(Case k, @TempDir Path tmp) {
        Path out = tmp.resolve("out");
        String[] args = Arrays.stream(k.args())
                .map(a -> a.replace("{OUT}", out.toString()).replace("{D}", fixtures.toString()))
                .toArray(String[]::new);
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int status = Main.execute(args, new PrintWriter(o, true), new PrintWriter(e, true), Map.of());
        String err = e.toString();
        String what = String.join(" ", args) + "\nstderr:\n" + err + "stdout:\n" + o;
        assertEquals(k.status(), status, what);
        List<String> all = err.stripTrailing().lines().toList();
        assertEquals(1, all.stream().filter(x -> x.startsWith(Errors.PREFIX)).count(), what);
        int first = 0;
        while (!all.get(first).startsWith(Errors.PREFIX)) {
            first++;
        }
        // only a program that fails while fitting (a reject everywhere) has progress lines before its error
        assertTrue(first == 0 || k.name().contains("rejects"), "the error comes first: " + what);
        List<String> lines = all.subList(first, all.size());
        // one line, or one line + the source line + a caret line under the column
        assertTrue(
                lines.size() == 1
                        || k.status() == 2 && lines.size() == 2
                        || lines.size() == 3 && lines.get(2).matches("\\s*\\^+\\s*"),
                "one message (+ source line and caret): " + what);
        for (String x : k.expect()) {
            String want = x.replace("{D}", fixtures.toString());
            assertTrue(lines.get(0).contains(want), "expected '" + want + "' in the error line: " + what);
        }
        for (String internal : new String[] {"com.fasterxml", "Exception", "\tat "}) {
            assertFalse(err.contains(internal), "parser or Java internals in: " + what);
        }
        assertEquals("", o.toString(), "nothing on stdout: " + what);
        assertTrue(!Files.exists(out) || empty(out), "nothing written to " + out + ": " + what);
    }

    @Test
    void theSuiteHasAtLeastAHundredCases() {
        assertTrue(cases().count() >= 100, "cases: " + cases().count());
    }

    private static boolean empty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void writeFixtures() throws Exception {
        Path d = fixtures;
        Files.createDirectories(d.resolve("adir"));
        w(d, "afile.txt", "not a directory\n");
        // not writable even for root: /proc (the cases "--out not writable" use it)
        w(d, "nn_ok.json", "{\"N\": 2, \"y\": [1.5, 2.5], \"sigma\": 1.0}");
        w(d, "nn_nan.json", "{\"N\": 2, \"y\": [1.5, NaN], \"sigma\": 1.0}");
        w(d, "nn_inf.json", "{\"N\": 2, \"y\": [1.5, Infinity], \"sigma\": 1.0}");
        w(d, "nn_shape.json", "{\"N\": 3, \"y\": [1.5, 2.5], \"sigma\": 1.0}");
        w(d, "nn_missing.json", "{\"N\": 2, \"sigma\": 1.0}");
        w(d, "nn_string.json", "{\"N\": 2, \"y\": [1, \"x\"], \"sigma\": 1.0}");
        w(d, "nn_ragged.json", "{\"N\": 2, \"y\": [1, [2]], \"sigma\": 1.0}");
        w(d, "nn_nreal.json", "{\"N\": 2.5, \"y\": [1.5, 2.5], \"sigma\": 1.0}");
        w(d, "nn_negsigma.json", "{\"N\": 2, \"y\": [1.5, 2.5], \"sigma\": -1.0}");
        w(d, "trunc.json", "{\"N\": 2, \"y\": [1.5,");
        w(d, "empty.json", "");
        w(d, "comment.json", "{\"N\": 1} // a comment");
        w(d, "quotes.json", "{'N': 1}");
        w(d, "array.json", "[1, 2]");
        w(d, "two.json", "{\"N\": 1} {\"N\": 2}");
        w(d, "ctrl.json", "{\"N\": \"a\tb\"}");
        w(d, "zero.json", "{\"N\": 01}");
        w(d, "peer_alg.json", "{\"algorithm\": \"nuts\", \"posteriors\": []}");
        StringBuilder pts = new StringBuilder("x1,x2\n");
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int i = 0; i < 60; i++) {
            pts.append(r.nextGaussian() + 3 * (i % 3))
                    .append(',')
                    .append(r.nextGaussian())
                    .append('\n');
        }
        w(d, "points.csv", pts.toString());
        w(d, "two.csv", "x1,x2\n1,2\n3,4\n");
        w(d, "nan.csv", "x1,x2\n1,2\nNaN,4\n5,6\n");
        w(d, "text.csv", "x1,x2\n1,2\nabc,4\n");
        w(d, "ragged.csv", "x1,x2\n1,2\n3,4,5\n");
        w(d, "quote.csv", "x1,x2\n\"1,2\n3,4\n");
        w(d, "header.csv", "x1,x2\n");
        w(d, "empty.csv", "");
        StringBuilder lda = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            lda.append(i % 2 == 0 ? "apple banana cherry orchard fruit\n" : "engine wheel brake garage motor\n");
        }
        w(d, "lda.txt", lda.toString());
        w(d, "empty.txt", "");
        w(d, "blank.txt", "\n   \n\t\n");
        Files.createDirectories(d.resolve("hidden"));
        w(d, "hidden/.notes", "apple banana cherry\n");
        Files.createDirectories(d.resolve("stan/dir.stan"));
        w(d, "stan/m.stan", StanCommandTest.PROGRAM);
        w(d, "stan/syntax.stan", "data {\n  int N;\n  real y[N];\n}\n");
        w(d, "stan/type.stan", "parameters { real mu; }\nmodel { int k = mu; }\n");
        w(d, "stan/reject.stan", "parameters { real mu; }\nmodel { reject(\"always\"); }\n");
        w(d, "stan/empty.stan", "");
        w(d, "stan/shape.json", "{\"N\": 5, \"y\": [1, 2]}");
        w(d, "stan/noy.json", "{\"N\": 2}");
        w(d, "linreg_nan.csv", "y,x1\n1,2\n2,NaN\n3,4\n");
        Files.write(d.resolve("images.idx"), VaeCommandTest.images(100, 1));
        byte[] im = VaeCommandTest.images(10, 1);
        Files.write(d.resolve("trunc.idx"), Arrays.copyOf(im, 100));
        Files.write(d.resolve("magic.idx"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        Files.write(d.resolve("empty.idx"), new byte[0]);
        Files.write(
                d.resolve("huge.idx"),
                ByteBuffer.allocate(16)
                        .putInt(Idx.IMAGES_MAGIC)
                        .putInt(Integer.MAX_VALUE)
                        .putInt(28)
                        .putInt(28)
                        .array());
        Files.write(
                d.resolve("labels.idx"),
                ByteBuffer.allocate(8 + 100)
                        .putInt(Idx.LABELS_MAGIC)
                        .putInt(100)
                        .array());
        Files.write(
                d.resolve("labels3.idx"),
                ByteBuffer.allocate(8 + 3).putInt(Idx.LABELS_MAGIC).putInt(3).array());
        byte[] gz = gzip(im);
        Files.write(d.resolve("trunc.idx.gz"), Arrays.copyOf(gz, gz.length / 2));
        Files.createDirectories(d.resolve("bad"));
        w(d, "bad/checkpoint-0001.zip", "not a zip file");
        // posterior directories in the posteriordb layout, with the eight schools data shipped in the jar
        String es;
        try (InputStream in = BadInputTest.class.getResourceAsStream("/org/elbo4j/cli/data/eight_schools.json")) {
            es = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String ref = "{\"parameters\": {\"mu\": {\"mean\": 4.4, \"sd\": 3.3}, \"tau\": {\"mean\": 3.6, \"sd\": 3.2}}}";
        post(d, "post/eight_schools-eight_schools_noncentered", es, ref);
        post(d, "post/foo-bar", es, ref);
        post(d, "post/eight_schools-nodata", null, ref);
        post(d, "post2/eight_schools-eight_schools_noncentered", es, "{\"parameters\": {\"mu\": ");
        post(
                d,
                "post3/eight_schools-eight_schools_noncentered",
                es,
                "{\"parameters\": {\"mu\": {\"mean\": 4.4, \"sd\": -3.3}}}");
        post(d, "post4/eight_schools-eight_schools_noncentered", es.replaceFirst("\\[", "[\"x\", "), ref);
        // a quick fit checkpointed at step 20, to resume from
        w(d, "nn2.json", "{\"N\": 3, \"y\": [1.0, 2.0, 3.5], \"sigma\": 1}");
        FitCommandTest.Run fitBase = FitCommandTest.run(
                "fit",
                "normal_normal",
                "-q",
                "--fast",
                "--stop",
                "budget",
                "--steps",
                "20",
                "--draws",
                "10",
                "--checkpoint-every",
                "20",
                "--out",
                d.resolve("fitbase").toString());
        assertEquals(0, fitBase.code(), fitBase.err());
        // a finished one-epoch VAE run to resume from
        resumeBase = d.resolve("base");
        VaeCommandTest.Run base = VaeCommandTest.run(VaeCommandTest.args(
                Files.createDirectories(d.resolve("vaedata")), "--epochs", "1", "--out", resumeBase.toString()));
        assertEquals(0, base.code(), base.err());
    }

    private static void post(Path d, String dir, String data, String ref) throws IOException {
        Path p = Files.createDirectories(d.resolve(dir));
        if (data != null) {
            w(p, "data.json", data);
        }
        w(p, "reference.json", ref);
    }

    private static void w(Path d, String name, String text) throws IOException {
        Files.writeString(d.resolve(name), text);
    }

    private static byte[] gzip(byte[] b) throws IOException {
        java.io.ByteArrayOutputStream bo = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream g = new java.util.zip.GZIPOutputStream(bo)) {
            g.write(b);
        }
        return bo.toByteArray();
    }
}
