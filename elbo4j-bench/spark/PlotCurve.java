import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws the CSV of {@code ./elbo4j-spark-demo lda --curve N --csv FILE} as a small PNG: held-out per-word
 * log-likelihood against fitting wall time, elbo4j and MLlib. JDK only (java.awt, headless).
 *
 * <pre>
 * java -Djava.awt.headless=true elbo4j-bench/spark/PlotCurve.java /tmp/brown-curve.csv docs/img/spark-lda-brown.png "Brown, K = 20"
 * </pre>
 */
public class PlotCurve {
    public static void main(String[] a) throws Exception {
        List<double[]> e = new ArrayList<>(), m = new ArrayList<>();
        List<String> lines = Files.readAllLines(Path.of(a[0]));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (!f[1].isEmpty()) e.add(new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[3])});
            if (!f[5].isEmpty()) m.add(new double[] {Double.parseDouble(f[5]), Double.parseDouble(f[7])});
        }
        double x1 = 0, y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (List<double[]> s : List.of(e, m))
            for (double[] p : s) {
                x1 = Math.max(x1, p[0]);
                y0 = Math.min(y0, p[1]);
                y1 = Math.max(y1, p[1]);
            }
        x1 *= 1.05;
        double pad = 0.05 * (y1 - y0);
        y0 -= pad;
        y1 += pad;
        int w = 640, h = 400, l = 70, r = 20, t = 40, b = 50;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawRect(l, t, w - l - r, h - t - b);
        for (int i = 0; i <= 5; i++) {
            double xv = x1 * i / 5, yv = y0 + (y1 - y0) * i / 5;
            int px = l + (int) ((w - l - r) * i / 5.0), py = h - b - (int) ((h - t - b) * i / 5.0);
            g.drawString(String.format(Locale.ROOT, "%.0f", xv), px - 8, h - b + 16);
            g.drawString(String.format(Locale.ROOT, "%.2f", yv), 8, py + 4);
        }
        g.drawString("fitting wall time, s", w / 2 - 50, h - 12);
        g.drawString("held-out log-likelihood per word (higher is better)" + (a.length > 2 ? " — " + a[2] : ""), l, 24);
        draw(g, e, new Color(0, 90, 200), x1, y0, y1, w, h, l, r, t, b, "elbo4j SparkLda", 0);
        draw(g, m, new Color(220, 80, 0), x1, y0, y1, w, h, l, r, t, b, "Spark MLlib OnlineLDAOptimizer", 1);
        ImageIO.write(img, "png", new File(a[1]));
    }

    static void draw(Graphics2D g, List<double[]> s, Color c, double x1, double y0, double y1, int w, int h, int l,
            int r, int t, int b, String name, int row) {
        g.setColor(c);
        g.setStroke(new BasicStroke(2f));
        int px0 = -1, py0 = -1;
        for (double[] p : s) {
            int px = l + (int) ((w - l - r) * p[0] / x1), py = h - b - (int) ((h - t - b) * (p[1] - y0) / (y1 - y0));
            g.fillOval(px - 3, py - 3, 7, 7);
            if (px0 >= 0) g.drawLine(px0, py0, px, py);
            px0 = px;
            py0 = py;
        }
        g.drawLine(w - r - 230, h - b - 40 + 18 * row - 4, w - r - 205, h - b - 40 + 18 * row - 4);
        g.drawString(name, w - r - 200, h - b - 40 + 18 * row);
    }
}
