package dev.mephisto.harness.scale;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The scale run as one PNG (headless): events/s per worker count, then the longest and the median
 * pause per partition for each change (join, leave, kill) per worker count.
 */
public final class ScaleChart {
  private static final int WIDTH = 1100;
  private static final Color[] COLORS = {
    new Color(0x4C72B0), new Color(0xDD8452), new Color(0xC44E52), new Color(0x55A868)
  };

  private ScaleChart() {}

  /**
   * @param file the PNG
   * @param r the run
   * @throws IOException if it cannot be written
   */
  public static void write(Path file, ScaleResult r) throws IOException {
    List<String> x = r.groups().stream().map(g -> g.workers() + " worker"
        + (g.workers() == 1 ? "" : "s")).toList();
    CategoryChart top = chart(String.format(Locale.ROOT,
        "Mephisto scale: %d partitions, %d CPUs - events/s draining a %,d-event backlog",
        r.options().partitions(), Runtime.getRuntime().availableProcessors(),
        r.options().backlog()), "events / s", 420);
    top.getStyler().setDecimalPattern("#,##0");
    top.addSeries("events/s", x, r.groups().stream().map(g -> (Number) g.eventsPerSecond()).toList())
        .setFillColor(COLORS[0]);
    CategoryChart longest = pauses(r, x, true);
    CategoryChart median = pauses(r, x, false);
    List<BufferedImage> parts = List.of(BitmapEncoder.getBufferedImage(top),
        BitmapEncoder.getBufferedImage(longest), BitmapEncoder.getBufferedImage(median));
    int height = parts.stream().mapToInt(BufferedImage::getHeight).sum();
    BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    int y = 0;
    for (BufferedImage part : parts) {
      g.drawImage(part, 0, y, null);
      y += part.getHeight();
    }
    g.dispose();
    Files.createDirectories(file.toAbsolutePath().getParent());
    ImageIO.write(image, "png", file.toFile());
  }

  private static CategoryChart pauses(ScaleResult r, List<String> x, boolean longest) {
    CategoryChart c = chart((longest ? "Longest" : "Median") + " pause of a partition (s) when a "
        + "worker joins, leaves (SIGTERM) or is killed (-9); session timeout "
        + r.options().sessionTimeout().toSeconds() + " s", "seconds", 380);
    List<String> kinds = List.of("join", "leave", "kill");
    for (int k = 0; k < kinds.size(); k++) {
      String kind = kinds.get(k);
      List<Number> y = new ArrayList<>();
      for (ScaleResult.Group g : r.groups()) {
        y.add(g.changes().stream().filter(ch -> ch.kind().equals(kind)).findFirst()
            .map(ch -> (longest ? ch.maxPause() : ch.medianPause()))
            .map(v -> v == PauseAnalyzer.NEVER ? 0.0 : v / 1000.0).orElse(0.0));
      }
      c.addSeries(kind, x, y).setFillColor(COLORS[k + 1]);
    }
    return c;
  }

  private static CategoryChart chart(String title, String yTitle, int height) {
    CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(height).title(title)
        .xAxisTitle("group size").yAxisTitle(yTitle).build();
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    c.getStyler().setLabelsVisible(true);
    c.getStyler().setLabelsFontColorAutomaticEnabled(false);
    c.getStyler().setLabelsFontColor(Color.BLACK);
    c.getStyler().setDecimalPattern("0.0");
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    c.getStyler().setPlotGridVerticalLinesVisible(false);
    return c;
  }
}
