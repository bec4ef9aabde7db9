package org.elbo4j.cli.plot;

import static org.elbo4j.cli.plot.LinePlotTest.assertMessage;
import static org.elbo4j.cli.plot.PngAssert.assertPng;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.elbo4j.cli.TestData;
import org.elbo4j.cli.io.Idx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGridTest {

    @Test
    void mnistDigitsInAGrid(@TempDir Path tmp) throws Exception {
        Idx.Images im = Idx.readImages(TestData.mnistImages());
        double[][] digits = new double[20][];
        for (int i = 0; i < digits.length; i++) {
            digits[i] = im.imageUnit(i);
        }
        ImageGrid g = ImageGrid.of(digits, 28, 28).columns(5).scale(3).gap(2);
        // 5 columns × 28·3 + 6 gaps × 2 = 432; 4 rows × 84 + 5 × 2 = 346
        assertEquals(432, g.width());
        assertEquals(346, g.height());
        Path f = tmp.resolve("digits.png");
        g.writePng(f);
        BufferedImage img = assertPng(f, 432, 346);
        // Pixel (r, c) of image 7 (grid row 1, column 2) is drawn at x = 2 + 2·86 + 3c, y = 2 + 86 + 3r.
        for (int r = 0; r < 28; r += 3) {
            for (int c = 0; c < 28; c += 3) {
                int expected = (int) Math.round(255 * digits[7][r * 28 + c]);
                int gray = img.getRaster().getSample(2 + 2 * 86 + 3 * c + 1, 2 + 86 + 3 * r + 2, 0);
                assertEquals(expected, gray, "pixel (" + r + ", " + c + ")");
            }
        }
        assertEquals(128, img.getRaster().getSample(0, 0, 0), "gap colour");
    }

    @Test
    void sizesForAPartialLastRow() {
        ImageGrid g = ImageGrid.of(new double[7][4], 2, 2).columns(3).scale(1).gap(1);
        assertEquals(3 * 2 + 4, g.width());
        assertEquals(3 * 2 + 4, g.height());
        BufferedImage img = g.render();
        assertEquals(g.width(), img.getWidth());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, img.getType());
    }

    @Test
    void badInputGetsAClearError() {
        assertMessage("image grid: no images", () -> ImageGrid.of(new double[0][], 28, 28));
        assertMessage("image grid: image size must be >= 1 × 1: 0 × 28", () -> ImageGrid.of(new double[1][0], 0, 28));
        assertMessage(
                "image grid: image 1 has 3 values but 2 × 2 = 4 are needed",
                () -> ImageGrid.of(new double[][] {new double[4], new double[3]}, 2, 2)
                        .render());
        assertMessage(
                "image grid: image 0, pixel (1, 0) = 1.5 is outside [0, 1]",
                () -> ImageGrid.of(new double[][] {{0, 0, 1.5, 0}}, 2, 2).render());
        assertMessage(
                "image grid: image 0, pixel (0, 1) = NaN is outside [0, 1]",
                () -> ImageGrid.of(new double[][] {{0, Double.NaN, 0, 0}}, 2, 2).render());
        assertMessage(
                "image grid: scale must be in 1..32: 0",
                () -> ImageGrid.of(new double[1][4], 2, 2).scale(0));
        assertMessage(
                "image grid: columns must be >= 1: 0",
                () -> ImageGrid.of(new double[1][4], 2, 2).columns(0));
    }
}
