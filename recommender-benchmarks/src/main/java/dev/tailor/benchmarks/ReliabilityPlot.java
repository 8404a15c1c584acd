package dev.tailor.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A reliability diagram as a PNG: mean predicted probability against observed frequency per bin, one
 * series per forecast, the diagonal for perfect calibration, each point's area growing with its pairs.
 */
final class ReliabilityPlot {
    /** One forecast's bins: rows of {mean predicted, observed frequency, pairs}, and its Brier score. */
    record Series(String name, double[][] bins, double brier, Color colour) {
    }

    private ReliabilityPlot() {
    }

    /**
     * @param xLabel what the probabilities are of
     * @param footnote a grey line under the legend (the yardstick's Brier score)
     */
    static void write(Path file, String title, String xLabel, String footnote, List<Series> series) throws IOException {
        int size = 560;
        int margin = 70;
        int plot = size - 2 * margin;
        BufferedImage image = new BufferedImage(size, size + 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, margin, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawRect(margin, margin, plot, plot);
        for (int tick = 0; tick <= 10; tick += 2) {
            int x = margin + plot * tick / 10;
            int y = margin + plot - plot * tick / 10;
            g.drawString(String.format(Locale.ROOT, "%.1f", tick / 10.0), x - 8, margin + plot + 16);
            g.drawString(String.format(Locale.ROOT, "%.1f", tick / 10.0), margin - 28, y + 4);
        }
        g.drawString(xLabel, margin + 60, margin + plot + 36);
        g.rotate(-Math.PI / 2);
        g.drawString("observed frequency", -(margin + plot / 2 + 50), margin - 40);
        g.rotate(Math.PI / 2);
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, new float[] {4, 4}, 0));
        g.drawLine(margin, margin + plot, margin + plot, margin);
        double maxPairs = 1;
        for (Series s : series) {
            for (double[] bin : s.bins()) {
                maxPairs = Math.max(maxPairs, bin[2]);
            }
        }
        int legend = margin + plot + 56;
        for (Series s : series) {
            g.setColor(s.colour());
            g.setStroke(new BasicStroke(2));
            int previousX = -1;
            int previousY = -1;
            for (double[] bin : s.bins()) {
                if (bin[2] <= 0) {
                    continue;
                }
                int x = margin + (int) Math.round(plot * bin[0]);
                int y = margin + plot - (int) Math.round(plot * bin[1]);
                int r = 3 + (int) Math.round(9 * Math.sqrt(bin[2] / maxPairs));
                g.fillOval(x - r, y - r, 2 * r, 2 * r);
                if (previousX >= 0) {
                    g.drawLine(previousX, previousY, x, y);
                }
                previousX = x;
                previousY = y;
            }
            g.drawString(String.format(Locale.ROOT, "%s (Brier %.4f)", s.name(), s.brier()), margin, legend);
            legend += 16;
        }
        g.setColor(Color.GRAY);
        g.drawString(footnote, margin, legend);
        g.dispose();
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(image, "png", file.toFile());
    }
}
