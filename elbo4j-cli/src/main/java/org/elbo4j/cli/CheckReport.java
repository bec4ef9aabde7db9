package org.elbo4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What {@code check} prints and writes: per-posterior tables, check.json and check.md (with peers side by side). */
final class CheckReport {
    private CheckReport() {}

    /** The z above which an answer counts as wrong, and must then be flagged by k̂ > 0.7. */
    static final double WRONG_Z = 0.5;

    static String f(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    static String f2(double v) {
        return Double.isNaN(v)
                ? "–"
                : Double.isInfinite(v) ? (v > 0 ? "inf" : "-inf") : String.format(Locale.ROOT, "%.2f", v);
    }

    /** The per-parameter table and a summary line, as printed after each fit. */
    static void print(PrintWriter w, Accuracy a) {
        int width = 9;
        for (Accuracy.Row r : a.rows()) {
            width = Math.max(width, r.name().length());
        }
        w.printf(
                Locale.ROOT,
                "%s (%s, model %s): answer %s guide, %s; %d steps, %d gradient evaluations in %.1f s,"
                        + " ELBO %s, k-hat %.2f; kept run: %s%n",
                a.posterior(),
                a.guide(),
                a.model(),
                a.family(),
                a.verdict(),
                a.steps(),
                a.gradients(),
                a.seconds(),
                f(a.elbo()),
                a.khat(),
                a.start());
        for (String r : a.restarts()) {
            w.println("  " + r);
        }
        for (String r : a.reasons()) {
            w.println("  not trusted: " + r);
        }
        w.printf(
                Locale.ROOT,
                "  %-" + width + "s %11s %11s %11s %11s %9s %9s %9s%n",
                "parameter",
                "ref mean",
                "ref sd",
                "mean",
                "sd",
                "|dmean|/sd",
                "sd ratio",
                "psis z");
        for (Accuracy.Row r : a.rows()) {
            w.printf(
                    Locale.ROOT,
                    "  %-" + width + "s %11s %11s %11s %11s %9.3f %9.3f %9.3f%n",
                    r.name(),
                    f(r.refMean()),
                    f(r.refSd()),
                    f(r.mean()),
                    f(r.sd()),
                    r.z(),
                    r.sdRatio(),
                    r.psisZ());
        }
        Accuracy.Row worst = a.worstMean();
        w.printf(
                Locale.ROOT,
                "  worst |dmean|/sd %.3f (%s); sd ratio %.3f (%s) to %.3f (%s); k-hat %.2f%s%n%n",
                worst.z(),
                worst.name(),
                a.minSdRatio().sdRatio(),
                a.minSdRatio().name(),
                a.maxSdRatio().sdRatio(),
                a.maxSdRatio().name(),
                a.khat(),
                a.silentFailure(WRONG_Z)
                        ? " -- SILENT FAILURE: wrong (mean off by > " + WRONG_Z + " sd or an sd outside"
                                + " [0.5, 2]) but trusted"
                        : worst.z() > WRONG_Z ? " (off by more than " + WRONG_Z + " sd; not trusted)" : "");
    }

    /** check.json. */
    static ObjectNode json(String command, String recipe, List<Accuracy> all, List<PeerAccuracy> peers) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("command", command);
        root.put("elbo4j", VersionProvider.version());
        root.put("java", System.getProperty("java.version"));
        root.put("recipe", recipe);
        ArrayNode ps = root.putArray("posteriors");
        for (Accuracy a : all) {
            ObjectNode p = ps.addObject();
            p.put("posterior", a.posterior());
            p.put("model", a.model());
            p.put("guide", a.guide());
            p.put("answer_guide", a.family());
            p.put("verdict", a.verdict());
            ArrayNode why = p.putArray("reasons");
            a.reasons().forEach(why::add);
            p.put("gradient_evaluations", a.gradients());
            ArrayNode rl = p.putArray("restarts");
            a.restarts().forEach(rl::add);
            p.put("worst_z", a.worstMean().z());
            p.put("worst_z_param", a.worstMean().name());
            p.put("worst_psis_z", a.worstPsisZ());
            p.put("min_sd_ratio", a.minSdRatio().sdRatio());
            p.put("min_sd_ratio_param", a.minSdRatio().name());
            p.put("max_sd_ratio", a.maxSdRatio().sdRatio());
            p.put("max_sd_ratio_param", a.maxSdRatio().name());
            p.put("pareto_k", a.khat());
            p.put("silent_failure", a.silentFailure(WRONG_Z));
            p.put("elbo", a.elbo());
            p.put("steps", a.steps());
            p.put("seconds", a.seconds());
            p.put("draws", a.draws());
            p.put("start", a.start());
            ArrayNode runs = p.putArray("run_elbos");
            for (double e : a.runElbos()) {
                runs.add(e);
            }
            ObjectNode params = p.putObject("params");
            for (Accuracy.Row r : a.rows()) {
                ObjectNode o = params.putObject(r.name());
                o.put("ref_mean", r.refMean());
                o.put("ref_sd", r.refSd());
                o.put("mean", r.mean());
                o.put("sd", r.sd());
                o.put("z", r.z());
                o.put("sd_ratio", r.sdRatio());
                o.put("psis_z", r.psisZ());
            }
            PeerAccuracy.Result peer = peerFor(peers, a);
            if (peer != null) {
                ObjectNode o = p.putObject("peer");
                if (peer.error() != null) {
                    o.put("error", peer.error());
                } else {
                    o.put("worst_z", peer.worstZ());
                    o.put("worst_z_param", peer.worstZParam());
                    o.put("pareto_k", peer.khat());
                }
                o.put("elbo4j_lower_worst_z", lowerThanPeer(a, peer));
            }
        }
        ArrayNode pe = root.putArray("peers");
        for (PeerAccuracy p : peers) {
            ObjectNode o = pe.addObject();
            o.put("file", p.file().toString());
            o.put("peer", p.peer());
            o.put("algorithm", p.algorithm());
            o.put("command", p.command());
        }
        return root;
    }

    /** The peer's result on the same posterior with the same kind of guide, or null. */
    static PeerAccuracy.Result peerFor(List<PeerAccuracy> peers, Accuracy a) {
        for (PeerAccuracy p : peers) {
            if (p.algorithm().equals(a.guide()) && p.results().containsKey(a.posterior())) {
                return p.results().get(a.posterior());
            }
        }
        return null;
    }

    /** elbo4j's worst z is below the peer's (a failed peer run counts as worse). */
    static boolean lowerThanPeer(Accuracy a, PeerAccuracy.Result peer) {
        return peer.error() != null || a.worstMean().z() < peer.worstZ();
    }

    /** check.md: the command, the summary side by side with the peers, the runs, and every parameter. */
    static String markdown(String command, String recipe, List<Accuracy> all, List<PeerAccuracy> peers) {
        StringBuilder md = new StringBuilder();
        md.append("Generated by\n\n```\n").append(command).append("\n```\n\n");
        md.append(String.format(
                Locale.ROOT,
                "elbo4j %s, Java %s, %d available processors. Recipe: %s.%n%n",
                VersionProvider.version(),
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                recipe));
        for (PeerAccuracy p : peers) {
            md.append("Peer ")
                    .append(p.peer())
                    .append(' ')
                    .append(p.algorithm())
                    .append(": `")
                    .append(p.file())
                    .append("`, written by `")
                    .append(p.command())
                    .append("`.\n");
        }
        if (!peers.isEmpty()) {
            md.append('\n');
        }
        List<String> guides = new ArrayList<>();
        Map<String, List<Accuracy>> byPosterior = new LinkedHashMap<>();
        for (Accuracy a : all) {
            if (!guides.contains(a.guide())) {
                guides.add(a.guide());
            }
            byPosterior.computeIfAbsent(a.posterior(), k -> new ArrayList<>()).add(a);
        }
        md.append("### Summary: worst |Δmean|/sd over each posterior's parameters (k̂ in brackets)\n\n");
        md.append(
                "|Δmean|/sd = |mean of q − reference mean| / reference sd, for the parameter where it is largest.\n\n");
        StringBuilder head = new StringBuilder("| posterior |");
        StringBuilder rule = new StringBuilder("| --- |");
        for (String g : guides) {
            head.append(" elbo4j ").append(g).append(" |");
            rule.append(" ---: |");
            if (hasPeer(peers, g)) {
                head.append(" ")
                        .append(peerName(peers, g))
                        .append(' ')
                        .append(g)
                        .append(" |");
                rule.append(" ---: |");
            }
        }
        md.append(head).append('\n').append(rule).append('\n');
        for (Map.Entry<String, List<Accuracy>> e : byPosterior.entrySet()) {
            md.append("| ").append(e.getKey()).append(" |");
            for (String g : guides) {
                Accuracy a = e.getValue().stream()
                        .filter(x -> x.guide().equals(g))
                        .findFirst()
                        .orElse(null);
                md.append(' ')
                        .append(a == null ? "" : (bold(a, peers) + " (" + f2(a.khat()) + ")"))
                        .append(" |");
                if (hasPeer(peers, g)) {
                    PeerAccuracy.Result p = a == null ? null : peerFor(peers, a);
                    md.append(' ')
                            .append(
                                    p == null
                                            ? ""
                                            : p.error() != null
                                                    ? "failed"
                                                    : String.format(Locale.ROOT, "%.3f (%s)", p.worstZ(), f2(p.khat())))
                            .append(" |");
                }
            }
            md.append('\n');
        }
        md.append('\n');
        for (String g : guides) {
            List<Accuracy> as = all.stream().filter(a -> a.guide().equals(g)).toList();
            long silent = as.stream().filter(a -> a.silentFailure(WRONG_Z)).count();
            long wrong = as.stream().filter(a -> a.worstMean().z() > WRONG_Z).count();
            md.append("- ").append(g).append(": ");
            if (hasPeer(peers, g)) {
                long compared =
                        as.stream().filter(a -> peerFor(peers, a) != null).count();
                long lower = as.stream()
                        .filter(a -> peerFor(peers, a) != null && lowerThanPeer(a, peerFor(peers, a)))
                        .count();
                md.append(String.format(
                        Locale.ROOT,
                        "elbo4j's worst |Δmean|/sd is lower than %s's on %d of %d posteriors"
                                + " (in bold; a failed peer run counts as worse); ",
                        peerName(peers, g),
                        lower,
                        compared));
            }
            long trusted = as.stream().filter(Accuracy::trusted).count();
            long trustedAccurate =
                    as.stream().filter(a -> a.trusted() && a.accurate()).count();
            md.append(String.format(
                    Locale.ROOT,
                    "%d of %d trusted, of which %d within 0.1 sd and sd ratios [0.8, 1.25];"
                            + " %d of %d off by more than %.1f sd; %d wrong but trusted (silent failures)%s.%n",
                    trusted,
                    as.size(),
                    trustedAccurate,
                    wrong,
                    as.size(),
                    WRONG_Z,
                    silent,
                    silent == 0
                            ? ""
                            : ": "
                                    + String.join(
                                            ", ",
                                            as.stream()
                                                    .filter(a -> a.silentFailure(WRONG_Z))
                                                    .map(Accuracy::posterior)
                                                    .toList())));
        }
        md.append("\n### elbo4j runs\n\n");
        md.append(
                "| posterior | guide | answer | verdict | worst \\|Δmean\\|/sd | PSIS-corrected | sd ratio min – max | k̂ |"
                        + " ELBO | steps | gradients | time (s) |\n| --- | --- | --- | --- | ---: | ---: | --- | ---: | ---: | ---: |"
                        + " ---: | ---: |\n");
        for (Accuracy a : all) {
            Accuracy.Row w = a.worstMean();
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %.3f (%s) | %.3f | %.3f (%s) – %.3f (%s) | %s | %s |"
                            + " %d | %d | %.1f |%n",
                    a.posterior(),
                    a.guide(),
                    a.family(),
                    a.verdict(),
                    w.z(),
                    w.name(),
                    a.worstPsisZ(),
                    a.minSdRatio().sdRatio(),
                    a.minSdRatio().name(),
                    a.maxSdRatio().sdRatio(),
                    a.maxSdRatio().name(),
                    f2(a.khat()),
                    f(a.elbo()),
                    a.steps(),
                    a.gradients(),
                    a.seconds()));
        }
        md.append("\nWhy not trusted, and every restart that failed or did not converge:\n\n");
        for (Accuracy a : all) {
            for (String r : a.reasons()) {
                md.append("- ")
                        .append(a.posterior())
                        .append(", ")
                        .append(a.guide())
                        .append(": ")
                        .append(r)
                        .append('\n');
            }
            for (String r : a.restarts()) {
                if (!r.contains(": converged,")) {
                    md.append("- ")
                            .append(a.posterior())
                            .append(", ")
                            .append(a.guide())
                            .append(", ")
                            .append(r)
                            .append('\n');
                }
            }
        }
        if (!peers.isEmpty()) {
            md.append(
                    "\n### Peer runs\n\n| posterior | peer | worst \\|Δmean\\|/sd | sd ratio min – max | k̂ | iterations |"
                            + " time (s) |\n| --- | --- | ---: | --- | ---: | ---: | ---: |\n");
            for (Accuracy a : all) {
                PeerAccuracy.Result p = peerFor(peers, a);
                if (p == null) {
                    continue;
                }
                String who = peerName(peers, a.guide()) + " " + a.guide();
                if (p.error() != null) {
                    md.append(String.format(
                            Locale.ROOT,
                            "| %s | %s | failed: %s | | | | %s |%n",
                            a.posterior(),
                            who,
                            p.error().replace("|", "\\|"),
                            f(p.seconds())));
                } else {
                    md.append(String.format(
                            Locale.ROOT,
                            "| %s | %s | %.3f (%s) | %.3f – %.3f | %s | %d | %s |%n",
                            a.posterior(),
                            who,
                            p.worstZ(),
                            p.worstZParam(),
                            p.minSdRatio(),
                            p.maxSdRatio(),
                            f2(p.khat()),
                            p.iterations(),
                            f(p.seconds())));
                }
            }
        }
        md.append("\n### Every parameter\n");
        for (Accuracy a : all) {
            PeerAccuracy.Result p = peerFor(peers, a);
            boolean withPeer = p != null && p.error() == null;
            md.append("\n#### ")
                    .append(a.posterior())
                    .append(", ")
                    .append(a.guide())
                    .append("\n\n");
            md.append(
                    "| parameter | ref mean | ref sd | elbo4j mean | elbo4j sd | \\|Δmean\\|/sd | sd ratio | PSIS \\|Δmean\\|/sd |");
            md.append(withPeer ? " " + peerName(peers, a.guide()) + " \\|Δmean\\|/sd | sd ratio |\n" : "\n");
            md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
                    .append(withPeer ? " ---: | ---: |\n" : "\n");
            for (Accuracy.Row r : a.rows()) {
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %s | %s | %s | %.3f | %.3f | %.3f |",
                        r.name(),
                        f(r.refMean()),
                        f(r.refSd()),
                        f(r.mean()),
                        f(r.sd()),
                        r.z(),
                        r.sdRatio(),
                        r.psisZ()));
                if (withPeer) {
                    double[] z = p.params().get(r.name());
                    md.append(z == null ? " | |" : String.format(Locale.ROOT, " %.3f | %.3f |", z[0], z[1]));
                }
                md.append('\n');
            }
        }
        return md.toString();
    }

    private static String bold(Accuracy a, List<PeerAccuracy> peers) {
        PeerAccuracy.Result p = peerFor(peers, a);
        String z = String.format(Locale.ROOT, "%.3f", a.worstMean().z());
        return p != null && lowerThanPeer(a, p) ? "**" + z + "**" : z;
    }

    private static boolean hasPeer(List<PeerAccuracy> peers, String guide) {
        return peers.stream().anyMatch(p -> p.algorithm().equals(guide));
    }

    private static String peerName(List<PeerAccuracy> peers, String guide) {
        return peers.stream()
                .filter(p -> p.algorithm().equals(guide))
                .map(PeerAccuracy::peer)
                .findFirst()
                .orElse("peer");
    }
}
