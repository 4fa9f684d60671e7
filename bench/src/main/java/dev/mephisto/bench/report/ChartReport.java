package dev.mephisto.bench.report;

import dev.mephisto.bench.RunResult;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Renders the results as one PNG of two charts: records/s as grouped bars (one group per
 * workload, one bar per implementation), and below it each other implementation's records/s as a
 * multiple of the first implementation's (raw kafka-clients) and the second's (Kafka Streams).
 */
public final class ChartReport {
  private static final int WIDTH = 1200;
  private static final Color[] COLORS = {
    new Color(0x4C72B0), new Color(0xDD8452), new Color(0x8172B3), new Color(0x55A868)
  };

  private ChartReport() {}

  /**
   * @param file the PNG to write
   * @param title chart title
   * @param results every run; failed runs show as 0
   * @throws IOException if the file cannot be written
   */
  public static void write(Path file, String title, List<RunResult> results) throws IOException {
    Set<String> workloads = new LinkedHashSet<>();
    List<RunResult> firstOfEach = new ArrayList<>();
    Set<String> implementations = new LinkedHashSet<>();
    for (RunResult r : results) {
      workloads.add(r.workload());
      if (implementations.add(r.implementation())) {
        firstOfEach.add(r);
      }
    }
    List<String> x = new ArrayList<>(workloads);
    BufferedImage top = BitmapEncoder.getBufferedImage(throughput(title, x, firstOfEach, results));
    Optional<CategoryChart> ratios = ratios(x, firstOfEach, results);
    BufferedImage bottom = ratios.map(BitmapEncoder::getBufferedImage).orElse(null);
    int height = top.getHeight() + (bottom == null ? 0 : bottom.getHeight());
    BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.drawImage(top, 0, 0, null);
    if (bottom != null) {
      g.drawImage(bottom, 0, top.getHeight(), null);
    }
    g.dispose();
    Files.createDirectories(file.toAbsolutePath().getParent());
    ImageIO.write(image, "png", file.toFile());
  }

  private static CategoryChart throughput(
      String title, List<String> x, List<RunResult> impls, List<RunResult> results) {
    CategoryChart chart = new CategoryChartBuilder()
        .width(WIDTH).height(560).title(title)
        .xAxisTitle("workload").yAxisTitle("thousand records / s").build();
    style(chart);
    chart.getStyler().setDecimalPattern("#,##0");
    double max = 0;
    for (int i = 0; i < impls.size(); i++) {
      RunResult impl = impls.get(i);
      List<Double> y = new ArrayList<>();
      for (String w : x) {
        y.add(TextReport.find(results, w, impl.implementation())
            .map(r -> r.recordsPerSecond() / 1000).orElse(0.0));
      }
      max = Math.max(max, y.stream().mapToDouble(Double::doubleValue).max().orElse(0));
      chart.addSeries(impl.implementationDisplay(), x, y).setFillColor(COLORS[i % COLORS.length]);
    }
    chart.getStyler().setYAxisMax(headroom(max)); // room for the labels of the tallest bars
    return chart;
  }

  /** Each implementation after the first two, divided by the first and by the second. */
  private static Optional<CategoryChart> ratios(
      List<String> x, List<RunResult> impls, List<RunResult> results) {
    if (impls.size() < 3) {
      return Optional.empty();
    }
    CategoryChart chart = new CategoryChartBuilder()
        .width(WIDTH).height(380).title("Records/s as a multiple of the baselines (line: 1.0, as fast)")
        .xAxisTitle("workload").yAxisTitle("ratio").build();
    style(chart);
    chart.getStyler().setDecimalPattern("0.00");
    double max = 1;
    for (int i = 2; i < impls.size(); i++) {
      for (int base = 0; base < 2; base++) {
        List<Double> y = new ArrayList<>();
        for (String w : x) {
          Optional<RunResult> r = TextReport.find(results, w, impls.get(i).implementation());
          Optional<RunResult> b = TextReport.find(results, w, impls.get(base).implementation());
          y.add(r.isPresent() && b.isPresent() && r.get().ok() && b.get().ok()
              ? r.get().recordsPerSecond() / b.get().recordsPerSecond() : 0.0);
        }
        max = Math.max(max, y.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        Color c = COLORS[i % COLORS.length];
        chart.addSeries(impls.get(i).implementationDisplay() + " / "
            + impls.get(base).implementationDisplay(), x, y)
            .setFillColor(base == 0 ? c.darker() : c.brighter());
      }
    }
    chart.getStyler().setYAxisMax(headroom(max));
    chart.addAnnotation(new AnnotationLine(1.0, false, false));
    return Optional.of(chart);
  }

  private static double headroom(double max) {
    return max <= 0 ? 1 : max * 1.12;
  }

  private static void style(CategoryChart chart) {
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    chart.getStyler().setAvailableSpaceFill(0.8);
    chart.getStyler().setOverlapped(false);
    chart.getStyler().setLabelsVisible(true);
    chart.getStyler().setLabelsRotation(90);
    chart.getStyler().setLabelsPosition(1.0);
    chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
    chart.getStyler().setLabelsFontColor(Color.BLACK);
    chart.getStyler().setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotGridVerticalLinesVisible(false);
  }
}
