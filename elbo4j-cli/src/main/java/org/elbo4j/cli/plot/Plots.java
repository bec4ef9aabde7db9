package org.elbo4j.cli.plot;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import org.elbo4j.cli.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/** Shared pieces of the plot classes: headless AWT, the palette, checks, and PNG output. */
final class Plots {

    static {
        // Set before any AWT class initialises, so no display is ever looked for (servers, CI).
        System.setProperty("java.awt.headless", "true");
    }

    /** Tableau 10, the matplotlib default cycle: distinct for up to 10 series or clusters. */
    static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)
    };

    static final int MIN_SIZE = 50;
    static final int MAX_SIZE = 10_000;

    private Plots() {}

    /** Makes sure the class initialiser (headless) has run; call first in every plot class. */
    static void init() {
        // the static block above does the work
    }

    static Color color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    static void checkSize(int width, int height) {
        if (width < MIN_SIZE || width > MAX_SIZE || height < MIN_SIZE || height > MAX_SIZE) {
            throw new IllegalArgumentException(
                    "image size must be within " + MIN_SIZE + ".." + MAX_SIZE + " pixels: " + width + " × " + height);
        }
    }

    static void checkName(String what, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " name must not be blank: '" + name + "'");
        }
    }

    /** A plain white style with readable fonts, legend inside the plot. */
    static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setLegendBorderColor(new Color(0xcccccc));
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setAntiAlias(true);
        s.setSeriesColors(PALETTE);
    }

    /** Renders the chart to PNG bytes and writes them atomically to {@code file}. */
    static void writePng(Chart<?, ?> chart, Path file) throws IOException {
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.writeBytes(file, png);
    }
}
