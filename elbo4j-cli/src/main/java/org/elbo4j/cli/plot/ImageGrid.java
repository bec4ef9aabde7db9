package org.elbo4j.cli.plot;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.elbo4j.cli.io.AtomicFiles;

/**
 * A grid of grayscale images written as PNG: VAE samples, reconstructions next to their inputs,
 * the 2-D latent manifold. Plain {@link BufferedImage} and {@link ImageIO}, no chart library.
 *
 * <p>Image i goes to grid row i / columns, column i % columns. Each pixel value v ∈ [0, 1] becomes
 * the gray level round(255·v) (0 black, 1 white, as MNIST stores ink as high values) and is drawn
 * as a {@code scale × scale} block. Cells are separated by a {@code gap} of mid-gray.
 *
 * <pre>{@code
 * double[][] samples = new double[64][28 * 28];   // 64 images of 28·28 values in [0, 1], row-major
 * ImageGrid.of(samples, 28, 28).columns(8).scale(3).writePng(dir.resolve("samples.png"));
 * }</pre>
 */
public final class ImageGrid {

    private static final int GAP_GRAY = 128;

    private final double[][] images;
    private final int rows;
    private final int cols;
    private int columns;
    private int scale = 2;
    private int gap = 2;

    private ImageGrid(double[][] images, int rows, int cols) {
        Plots.init();
        this.images = images;
        this.rows = rows;
        this.cols = cols;
        this.columns = (int) Math.ceil(Math.sqrt(images.length));
    }

    /**
     * A grid of images, square-ish by default (⌈√n⌉ columns), scale 2, gap 2. The arrays are read
     * when the image is rendered, not copied.
     *
     * @param images n ≥ 1 images, each rows·cols values in [0, 1], row-major
     * @param rows pixel rows of each image, ≥ 1
     * @param cols pixel columns of each image, ≥ 1
     * @return the grid
     * @throws IllegalArgumentException if there are no images or a size is &lt; 1
     */
    public static ImageGrid of(double[][] images, int rows, int cols) {
        if (images.length == 0) {
            throw new IllegalArgumentException("image grid: no images");
        }
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("image grid: image size must be >= 1 × 1: " + rows + " × " + cols);
        }
        return new ImageGrid(images, rows, cols);
    }

    /**
     * @param n images per grid row, ≥ 1
     * @return this
     * @throws IllegalArgumentException if n &lt; 1
     */
    public ImageGrid columns(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("image grid: columns must be >= 1: " + n);
        }
        this.columns = n;
        return this;
    }

    /**
     * @param s each pixel becomes an s × s block, 1–32
     * @return this
     * @throws IllegalArgumentException if s is outside 1–32
     */
    public ImageGrid scale(int s) {
        if (s < 1 || s > 32) {
            throw new IllegalArgumentException("image grid: scale must be in 1..32: " + s);
        }
        this.scale = s;
        return this;
    }

    /**
     * @param pixels output pixels between cells and around the grid, 0–64
     * @return this
     * @throws IllegalArgumentException if outside 0–64
     */
    public ImageGrid gap(int pixels) {
        if (pixels < 0 || pixels > 64) {
            throw new IllegalArgumentException("image grid: gap must be in 0..64: " + pixels);
        }
        this.gap = pixels;
        return this;
    }

    /**
     * Output width in pixels: columns·cols·scale + (columns + 1)·gap.
     *
     * @return the width
     */
    public int width() {
        int c = Math.min(columns, images.length);
        return c * cols * scale + (c + 1) * gap;
    }

    /**
     * Output height in pixels: gridRows·rows·scale + (gridRows + 1)·gap, gridRows = ⌈n / columns⌉.
     *
     * @return the height
     */
    public int height() {
        int r = (images.length + columns - 1) / columns;
        return r * rows * scale + (r + 1) * gap;
    }

    /**
     * Draws the grid.
     *
     * @return a new 8-bit grayscale image of {@link #width()} × {@link #height()}
     * @throws IllegalArgumentException if an image has the wrong length or a value is NaN or outside
     *     [0, 1] (the message gives the image, the pixel and the value)
     */
    public BufferedImage render() {
        long w = width();
        long h = height();
        if (w * h > 100_000_000L) {
            throw new IllegalArgumentException("image grid: " + w + " × " + h + " pixels is too large");
        }
        BufferedImage img = new BufferedImage((int) w, (int) h, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = img.getRaster();
        int[] fill = new int[(int) (w * h)];
        java.util.Arrays.fill(fill, GAP_GRAY);
        r.setPixels(0, 0, (int) w, (int) h, fill);
        int[] block = new int[scale * scale];
        for (int i = 0; i < images.length; i++) {
            double[] im = images[i];
            if (im == null || im.length != rows * cols) {
                throw new IllegalArgumentException("image grid: image " + i + " has "
                        + (im == null ? "no values" : im.length + " values") + " but " + rows + " × " + cols
                        + " = " + rows * cols + " are needed");
            }
            int x0 = gap + (i % columns) * (cols * scale + gap);
            int y0 = gap + (i / columns) * (rows * scale + gap);
            for (int p = 0; p < im.length; p++) {
                double v = im[p];
                if (!(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException("image grid: image " + i + ", pixel (" + p / cols + ", "
                            + p % cols + ") = " + v + " is outside [0, 1]");
                }
                java.util.Arrays.fill(block, (int) Math.round(255 * v));
                r.setPixels(x0 + (p % cols) * scale, y0 + (p / cols) * scale, scale, scale, block);
            }
        }
        return img;
    }

    /**
     * Renders and writes a PNG file atomically.
     *
     * @param file the PNG file to create or replace
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException as {@link #render()}
     */
    public void writePng(Path file) throws IOException {
        BufferedImage img = render();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(img, "png", bytes)) {
            throw new IOException("no PNG writer in this Java runtime");
        }
        AtomicFiles.writeBytes(file, bytes.toByteArray());
    }
}
