package sparkmlp.spark.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A small line chart rendered headless with Java2D to PNG bytes: one or two panels, each with named
 * series of (x, y) points. Enough for loss and accuracy per epoch, or accuracy against time.
 */
public final class LineChart {
  private static final Color[] PALETTE = {
    new Color(0x1f77b4),
    new Color(0xff7f0e),
    new Color(0x2ca02c),
    new Color(0xd62728),
    new Color(0x9467bd)
  };

  /** A named series of points. */
  public record Series(String name, double[] x, double[] y) {}

  /** One panel: title, axis labels and series. */
  public record Panel(String title, String xLabel, String yLabel, List<Series> series) {}

  private final List<Panel> panels = new ArrayList<>();

  public LineChart add(Panel panel) {
    panels.add(panel);
    return this;
  }

  /** PNG bytes of the panels side by side. */
  public byte[] toPng() {
    System.setProperty("java.awt.headless", "true");
    int pw = 560;
    int h = 400;
    BufferedImage img =
        new BufferedImage(pw * Math.max(1, panels.size()), h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), h);
    for (int i = 0; i < panels.size(); i++) {
      draw(g, panels.get(i), i * pw, pw, h);
    }
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void draw(Graphics2D g, Panel p, int x0, int w, int h) {
    int left = x0 + 70;
    int right = x0 + w - 20;
    int top = 40;
    int bottom = h - 60;
    double minX = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (Series s : p.series()) {
      for (int i = 0; i < s.x().length; i++) {
        if (Double.isFinite(s.y()[i]) && Double.isFinite(s.x()[i])) {
          minX = Math.min(minX, s.x()[i]);
          maxX = Math.max(maxX, s.x()[i]);
          minY = Math.min(minY, s.y()[i]);
          maxY = Math.max(maxY, s.y()[i]);
        }
      }
    }
    if (!Double.isFinite(minX)) {
      minX = 0;
      maxX = 1;
      minY = 0;
      maxY = 1;
    }
    if (maxX == minX) {
      maxX = minX + 1;
    }
    if (maxY == minY) {
      maxY = minY + 1;
    }
    double padY = (maxY - minY) * 0.05;
    minY -= padY;
    maxY += padY;
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(p.title(), left, top - 15);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.drawRect(left, top, right - left, bottom - top);
    for (int t = 0; t <= 4; t++) {
      double vy = minY + (maxY - minY) * t / 4;
      int py = bottom - (int) Math.round((bottom - top) * t / 4.0);
      g.setColor(new Color(0xdddddd));
      g.drawLine(left + 1, py, right - 1, py);
      g.setColor(Color.BLACK);
      g.drawString(String.format(Locale.ROOT, "%.3g", vy), x0 + 5, py + 4);
      double vx = minX + (maxX - minX) * t / 4;
      int px = left + (int) Math.round((right - left) * t / 4.0);
      g.drawString(String.format(Locale.ROOT, "%.3g", vx), px - 10, bottom + 15);
    }
    g.drawString(p.xLabel(), (left + right) / 2 - 20, bottom + 32);
    g.drawString(p.yLabel(), x0 + 5, top - 2);
    int legendY = bottom + 48;
    int legendX = left;
    for (int si = 0; si < p.series().size(); si++) {
      Series s = p.series().get(si);
      Color c = PALETTE[si % PALETTE.length];
      g.setColor(c);
      g.setStroke(new BasicStroke(2f));
      int prevX = Integer.MIN_VALUE;
      int prevY = 0;
      for (int i = 0; i < s.x().length; i++) {
        if (!Double.isFinite(s.y()[i])) {
          prevX = Integer.MIN_VALUE;
          continue;
        }
        int px = left + (int) Math.round((s.x()[i] - minX) / (maxX - minX) * (right - left));
        int py = bottom - (int) Math.round((s.y()[i] - minY) / (maxY - minY) * (bottom - top));
        g.fillOval(px - 2, py - 2, 5, 5);
        if (prevX != Integer.MIN_VALUE) {
          g.drawLine(prevX, prevY, px, py);
        }
        prevX = px;
        prevY = py;
      }
      g.fillRect(legendX, legendY - 8, 12, 4);
      g.setColor(Color.BLACK);
      g.drawString(s.name(), legendX + 16, legendY - 3);
      legendX += 30 + g.getFontMetrics().stringWidth(s.name());
    }
    g.setStroke(new BasicStroke(1f));
  }
}
