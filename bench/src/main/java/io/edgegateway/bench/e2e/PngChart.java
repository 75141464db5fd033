package io.edgegateway.bench.e2e;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * A small time-series plot of one {@code bench/e2e.sh} run, drawn with Java2D into a PNG (no
 * plotting dependency): ingest rate, uplink rate, CPU, RSS and upload lag of the daemon over time,
 * with the broker outage shaded.
 */
final class PngChart {
  private static final int WIDTH = 900;
  private static final int PANEL = 110;
  private static final int LEFT = 90;
  private static final int RIGHT = 20;
  private static final int TOP = 30;
  private static final int GAP = 18;
  private static final double RATE_WINDOW_S = 1.0;

  private record Series(String label, double[] t, double[] v) {}

  private PngChart() {}

  static void render(
      List<DaemonSample> rows,
      double simStart,
      double outageStart,
      double restart,
      String title,
      Path png)
      throws IOException {
    List<Series> panels =
        List.of(
            rate("ingest msgs/s", rows, DaemonSample::received, 1),
            rate("uplink MB/s", rows, DaemonSample::uplinkBytes, 1e-6),
            rate("CPU % of a core", rows, DaemonSample::cpuSeconds, 100),
            level("RSS MiB", rows, DaemonSample::rssMib),
            level("upload lag s", rows, DaemonSample::lagSeconds));
    int height = TOP + panels.size() * (PANEL + GAP) + 20;
    BufferedImage img = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, height);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    g.setColor(Color.BLACK);
    g.drawString(title + "  (shaded: broker stopped; dashed: simulator start)", LEFT, 18);
    double tMax = rows.isEmpty() ? 1 : rows.get(rows.size() - 1).t();
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    int y = TOP;
    for (Series s : panels) {
      drawPanel(g, s, y, tMax, simStart, outageStart, restart);
      y += PANEL + GAP;
    }
    g.setColor(Color.DARK_GRAY);
    g.drawString("seconds since the daemon was started", WIDTH / 2 - 90, height - 6);
    g.dispose();
    ImageIO.write(img, "png", png.toFile());
  }

  private static void drawPanel(
      Graphics2D g,
      Series s,
      int top,
      double tMax,
      double simStart,
      double outageStart,
      double restart) {
    int w = WIDTH - LEFT - RIGHT;
    double vMax = 0;
    for (double v : s.v) {
      vMax = Math.max(vMax, v);
    }
    vMax = vMax <= 0 ? 1 : vMax * 1.1;
    g.setColor(new Color(255, 225, 225));
    int x0 = LEFT + (int) (w * outageStart / tMax);
    int x1 = LEFT + (int) (w * restart / tMax);
    g.fillRect(x0, top, Math.max(1, x1 - x0), PANEL);
    g.setColor(Color.LIGHT_GRAY);
    g.drawRect(LEFT, top, w, PANEL);
    g.setStroke(
        new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, new float[] {4, 4}, 0));
    int xs = LEFT + (int) (w * simStart / tMax);
    g.drawLine(xs, top, xs, top + PANEL);
    g.setStroke(new BasicStroke(1.6f));
    g.setColor(new Color(30, 90, 180));
    for (int i = 1; i < s.t.length; i++) {
      g.drawLine(
          LEFT + (int) (w * s.t[i - 1] / tMax),
          top + PANEL - (int) (PANEL * s.v[i - 1] / vMax),
          LEFT + (int) (w * s.t[i] / tMax),
          top + PANEL - (int) (PANEL * s.v[i] / vMax));
    }
    g.setStroke(new BasicStroke(1));
    g.setColor(Color.BLACK);
    g.drawString(s.label, 6, top + 14);
    g.drawString(String.format(Locale.ROOT, "%.4g", vMax), 6, top + 30);
    g.drawString("0", LEFT - 12, top + PANEL);
    for (int k = 0; k <= 10; k++) {
      double t = tMax * k / 10;
      int x = LEFT + (int) (w * t / tMax);
      g.drawLine(x, top + PANEL, x, top + PANEL + 3);
      g.drawString(String.format(Locale.ROOT, "%.0f", t), x - 6, top + PANEL + 14);
    }
  }

  private static Series rate(
      String label, List<DaemonSample> rows, ToDoubleFunction<DaemonSample> f, double scale) {
    List<double[]> pts = new ArrayList<>();
    int j = 0;
    for (int i = 1; i < rows.size(); i++) {
      while (j < i && rows.get(i).t() - rows.get(j).t() > RATE_WINDOW_S) {
        j++;
      }
      if (j == i) {
        j = i - 1;
      }
      double dt = rows.get(i).t() - rows.get(j).t();
      if (dt > 0) {
        double dv = f.applyAsDouble(rows.get(i)) - f.applyAsDouble(rows.get(j));
        pts.add(new double[] {rows.get(i).t(), Math.max(0, dv / dt * scale)});
      }
    }
    return series(label, pts);
  }

  private static Series level(
      String label, List<DaemonSample> rows, ToDoubleFunction<DaemonSample> f) {
    List<double[]> pts = new ArrayList<>();
    for (DaemonSample r : rows) {
      pts.add(new double[] {r.t(), Math.max(0, f.applyAsDouble(r))});
    }
    return series(label, pts);
  }

  private static Series series(String label, List<double[]> pts) {
    double[] t = new double[pts.size()];
    double[] v = new double[pts.size()];
    for (int i = 0; i < pts.size(); i++) {
      t[i] = pts.get(i)[0];
      v[i] = pts.get(i)[1];
    }
    return new Series(label, t, v);
  }
}
