package org.elbo4j.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/**
 * Layout rules checked by eye on the PNGs of fit, gradients, cavi and vae (issue 16), pinned here: the legend of a
 * line plot is outside the plot area, the x-axis ends on a round number (ticks on round values, not 1, 66, 131),
 * y labels carry only the decimals the range needs, and bar labels too wide for their slot are slanted.
 */
class PlotLayoutTest {

    @Test
    void lineLegendIsOutsideAndAxesAreRound() {
        double[] x = new double[1101];
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
            y[i] = -32 + Math.sin(i);
        }
        XYChart c = LinePlot.titled("t").series("a", x, y).series("b", x, y).build(800, 500);
        Styler.LegendPosition p = c.getStyler().getLegendPosition();
        assertTrue(p == Styler.LegendPosition.OutsideS || p == Styler.LegendPosition.OutsideE, p.toString());
        assertEquals(0.0, c.getStyler().getXAxisMin());
        assertEquals(1200.0, c.getStyler().getXAxisMax());
        assertEquals("#,##0.##", c.getStyler().getYAxisDecimalPattern()); // range 2: two decimals
    }

    /** Points fill every corner but the lower left: the legend goes there. */
    @Test
    void scatterLegendGoesToTheEmptiestCorner() {
        double[] x = {0, 10, 10, 5, 9, 1};
        double[] y = {10, 10, 0, 5, 1, 9};
        ScatterPlot p = ScatterPlot.titled("t").group("a", x, y).group("b", new double[] {5}, new double[] {6});
        assertEquals(Styler.LegendPosition.InsideSW, p.emptiestCorner());
    }

    @Test
    void niceCeilWastesAtMostOneStep() {
        assertEquals(1200, LinePlot.niceCeil(1101));
        assertEquals(20000, LinePlot.niceCeil(20000));
        assertEquals(8, LinePlot.niceCeil(7.3), 1e-12);
        assertEquals(1, LinePlot.niceCeil(1), 1e-12);
    }

    @Test
    void longBarLabelsAreSlanted() {
        CategoryChart wide = BarPlot.titled("t")
                .categories("reparam", "score+runningMean(0.9)", "score+leaveOneOut", "a", "b", "c")
                .series("v", new double[] {1, 2, 3, 4, 5, 6})
                .build(800, 500);
        assertEquals(30, wide.getStyler().getXAxisLabelRotation());
        CategoryChart shortOnes = BarPlot.titled("t")
                .categories("a", "b")
                .series("v", new double[] {1, 2})
                .build(800, 500);
        assertEquals(0, shortOnes.getStyler().getXAxisLabelRotation());
    }
}
