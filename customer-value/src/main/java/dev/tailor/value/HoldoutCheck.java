package dev.tailor.value;

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
 * The holdout check of Fader, Hardie &amp; Lee (2005, figure 4): customers grouped by their number of
 * calibration repeat transactions (0, 1, …, {@code cap−1}, and {@code cap}+), with the mean number of
 * transactions they actually made in the holdout period and the mean each model expected
 * (E[X(t*) | x, t_x, T] over the holdout length t*).
 */
public final class HoldoutCheck {
    /**
     * One group.
     *
     * @param label the group, e.g. {@code "3"} or {@code "7+"}
     * @param customers customers in it
     * @param actual mean holdout transactions
     * @param expected mean expected holdout transactions, one per model, in the models' order
     */
    public record Row(String label, int customers, double actual, double[] expected) {
    }

    private final List<RepeatBuyingModel> models;
    private final List<Row> rows;

    private HoldoutCheck(List<RepeatBuyingModel> models, List<Row> rows) {
        this.models = List.copyOf(models);
        this.rows = List.copyOf(rows);
    }

    /**
     * Computes the table.
     *
     * @param cap the last group holds x >= cap (7 in the paper)
     * @throws IllegalArgumentException if the summary has no holdout period
     */
    public static HoldoutCheck of(CalibrationSummary summary, List<RepeatBuyingModel> models, int cap) {
        double t = summary.holdoutLength();
        if (!(t > 0)) {
            throw new IllegalArgumentException("the summary has no holdout period");
        }
        int groups = cap + 1;
        int[] count = new int[groups];
        double[] actual = new double[groups];
        double[][] expected = new double[groups][models.size()];
        for (int c = 0; c < summary.size(); c++) {
            int g = Math.min(summary.x(c), cap);
            count[g]++;
            actual[g] += summary.holdoutTransactions(c);
            for (int m = 0; m < models.size(); m++) {
                expected[g][m] += models.get(m).expectedTransactions(t, summary.x(c), summary.tx(c), summary.bigT(c));
            }
        }
        java.util.ArrayList<Row> rows = new java.util.ArrayList<>();
        for (int g = 0; g < groups; g++) {
            double[] means = new double[models.size()];
            for (int m = 0; m < models.size(); m++) {
                means[m] = count[g] == 0 ? Double.NaN : expected[g][m] / count[g];
            }
            rows.add(new Row(g == cap ? cap + "+" : Integer.toString(g), count[g],
                    count[g] == 0 ? Double.NaN : actual[g] / count[g], means));
        }
        return new HoldoutCheck(models, rows);
    }

    /** The groups in order. */
    public List<Row> rows() {
        return rows;
    }

    /** The table as Markdown. */
    public String toMarkdown() {
        StringBuilder out = new StringBuilder("| x (calibration) | customers | actual |");
        StringBuilder rule = new StringBuilder("|---|---|---|");
        for (RepeatBuyingModel m : models) {
            out.append(' ').append(m.name()).append(" |");
            rule.append("---|");
        }
        out.append('\n').append(rule).append('\n');
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %.3f |", r.label(), r.customers(), r.actual()));
            for (double e : r.expected()) {
                out.append(String.format(Locale.ROOT, " %.3f |", e));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Draws actual and expected means by group as a line chart (PNG, 800 × 500). */
    public void writePng(Path file, String title) throws IOException {
        int width = 800;
        int height = 500;
        int left = 70;
        int right = 30;
        int top = 50;
        int bottom = 60;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        double max = 0;
        for (Row r : rows) {
            max = Math.max(max, r.actual());
            for (double e : r.expected()) {
                max = Math.max(max, e);
            }
        }
        max = Math.ceil(max);
        int plotW = width - left - right;
        int plotH = height - top - bottom;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, left, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawLine(left, top + plotH, left + plotW, top + plotH);
        g.drawLine(left, top, left, top + plotH);
        int n = rows.size();
        for (int i = 0; i < n; i++) {
            int x = left + (int) Math.round(plotW * (i + 0.5) / n);
            g.drawLine(x, top + plotH, x, top + plotH + 5);
            g.drawString(rows.get(i).label(), x - 6, top + plotH + 20);
        }
        for (int tick = 0; tick <= max; tick++) {
            int y = top + plotH - (int) Math.round(plotH * tick / max);
            g.drawLine(left - 5, y, left, y);
            g.drawString(Integer.toString(tick), left - 25, y + 4);
        }
        g.drawString("repeat transactions in the calibration period", left + plotW / 2 - 130, height - 15);
        g.rotate(-Math.PI / 2);
        g.drawString("mean transactions in the holdout period", -(top + plotH / 2 + 120), 20);
        g.rotate(Math.PI / 2);
        Color[] colours = {new Color(0, 90, 200), new Color(220, 80, 0), new Color(0, 150, 60)};
        drawSeries(g, rows.stream().mapToDouble(Row::actual).toArray(), Color.BLACK, left, top, plotW, plotH, max, true);
        for (int m = 0; m < models.size(); m++) {
            int model = m;
            drawSeries(g, rows.stream().mapToDouble(r -> r.expected()[model]).toArray(), colours[m % colours.length], left,
                    top, plotW, plotH, max, false);
        }
        int ly = top + 10;
        g.setColor(Color.BLACK);
        g.drawString("actual", left + 20, ly + 4);
        g.fillRect(left + 5, ly, 10, 3);
        for (int m = 0; m < models.size(); m++) {
            ly += 18;
            g.setColor(colours[m % colours.length]);
            g.fillRect(left + 5, ly, 10, 3);
            g.drawString(models.get(m).name() + " expected", left + 20, ly + 4);
        }
        g.dispose();
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    private void drawSeries(Graphics2D g, double[] values, Color colour, int left, int top, int plotW, int plotH,
            double max, boolean solid) {
        g.setColor(colour);
        g.setStroke(solid ? new BasicStroke(2.5f)
                : new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f));
        int n = values.length;
        int px = -1;
        int py = -1;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(values[i])) {
                continue;
            }
            int x = left + (int) Math.round(plotW * (i + 0.5) / n);
            int y = top + plotH - (int) Math.round(plotH * values[i] / max);
            g.fillOval(x - 3, y - 3, 7, 7);
            if (px >= 0) {
                g.drawLine(px, py, x, y);
            }
            px = x;
            py = y;
        }
        g.setStroke(new BasicStroke(1f));
    }
}
