package dev.mephisto.bench.report;

import dev.mephisto.bench.RunResult;
import java.awt.BasicStroke;
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
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.knowm.xchart.style.Styler;

/**
 * Renders the results as one PNG of two charts: records/s per workload, one bar per implementation
 * at the median of its repeats with a whisker from the slowest to the fastest run; and below it
 * each other implementation's median records/s as a multiple of the first implementation's (raw
 * kafka-clients) and the second's (Kafka Streams).
 */
public final class ChartReport {
  private static final int WIDTH = 1200;
  private static final double SLOT = 0.25; // bar spacing within a workload, in workload units
  private static final Color[] COLORS = {
    new Color(0x4C72B0), new Color(0xDD8452), new Color(0x8172B3), new Color(0x55A868)
  };

  private ChartReport() {}

  /**
   * @param file the PNG to write
   * @param title chart title
   * @param results every run; repeats of one workload and implementation make one bar
   * @throws IOException if the file cannot be written
   */
  public static void write(Path file, String title, List<RunResult> results) throws IOException {
    List<Figure> figures = Figure.of(results);
    Set<String> workloads = new LinkedHashSet<>();
    List<Figure> firstOfEach = new ArrayList<>();
    Set<String> implementations = new LinkedHashSet<>();
    for (Figure f : figures) {
      workloads.add(f.workload());
      if (implementations.add(f.implementation())) {
        firstOfEach.add(f);
      }
    }
    List<String> x = new ArrayList<>(workloads);
    BufferedImage top = BitmapEncoder.getBufferedImage(throughput(title, x, firstOfEach, figures));
    Optional<CategoryChart> ratios = ratios(x, firstOfEach, figures);
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

  /** Bars drawn as thick vertical lines from 0 to the median, whiskers as thin ones, min to max. */
  private static XYChart throughput(
      String title, List<String> x, List<Figure> impls, List<Figure> figures) {
    XYChart chart = new XYChartBuilder()
        .width(WIDTH).height(560).title(title + " — median of repeats, whiskers min–max")
        .xAxisTitle("workload").yAxisTitle("thousand records / s").build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotGridVerticalLinesVisible(false);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    chart.getStyler().setXAxisMin(-0.5);
    chart.getStyler().setXAxisMax(x.size() - 0.5);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setXAxisTicksVisible(false); // workload names are annotations above the bars
    chart.getStyler().setYAxisDecimalPattern("#,##0");
    float barWidth = (float) (SLOT * 0.8 * (WIDTH - 100) / Math.max(1, x.size()));
    double max = 0;
    for (int i = 0; i < impls.size(); i++) {
      Figure impl = impls.get(i);
      Color color = COLORS[i % COLORS.length];
      double offset = (i - (impls.size() - 1) / 2.0) * SLOT;
      List<Double> medianX = new ArrayList<>();
      List<Double> medianY = new ArrayList<>();
      for (int w = 0; w < x.size(); w++) {
        Optional<Figure> f = Figure.find(figures, x.get(w), impl.implementation());
        if (f.isEmpty() || !f.get().ok()) {
          continue;
        }
        double pos = w + offset;
        max = Math.max(max, f.get().max() / 1000);
        medianX.add(pos);
        medianY.add(f.get().median() / 1000);
        XYSeries bar = chart.addSeries(impl.implementation() + "-" + w,
            new double[] {pos, pos}, new double[] {0, f.get().median() / 1000});
        bar.setLineStyle(new BasicStroke(barWidth, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
        bar.setLineColor(color);
        bar.setMarker(SeriesMarkers.NONE);
        bar.setShowInLegend(false);
        XYSeries whisker = chart.addSeries(impl.implementation() + "-" + w + "-spread",
            new double[] {pos, pos}, new double[] {f.get().min() / 1000, f.get().max() / 1000});
        whisker.setLineStyle(new BasicStroke(2f));
        whisker.setLineColor(Color.BLACK);
        whisker.setMarker(SeriesMarkers.NONE);
        whisker.setShowInLegend(false);
      }
      if (!medianX.isEmpty()) { // the bar tops, drawn once more as markers: the legend entry
        XYSeries legend = chart.addSeries(impl.implementationDisplay(), medianX, medianY);
        legend.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        legend.setMarker(SeriesMarkers.SQUARE);
        legend.setMarkerColor(color);
      }
    }
    for (int w = 0; w < x.size(); w++) {
      chart.addAnnotation(new AnnotationText(x.get(w), w, headroom(max) * 0.96, false));
    }
    chart.getStyler().setYAxisMax(headroom(max));
    return chart;
  }

  /** Each implementation after the first two, divided by the first and by the second (medians). */
  private static Optional<CategoryChart> ratios(
      List<String> x, List<Figure> impls, List<Figure> figures) {
    if (impls.size() < 3) {
      return Optional.empty();
    }
    CategoryChart chart = new CategoryChartBuilder()
        .width(WIDTH).height(380)
        .title("Median records/s as a multiple of the baselines (line: 1.0, as fast)")
        .xAxisTitle("workload").yAxisTitle("ratio").build();
    style(chart);
    chart.getStyler().setDecimalPattern("0.00");
    double max = 1;
    for (int i = 2; i < impls.size(); i++) {
      for (int base = 0; base < 2; base++) {
        List<Double> y = new ArrayList<>();
        for (String w : x) {
          Optional<Figure> r = Figure.find(figures, w, impls.get(i).implementation());
          Optional<Figure> b = Figure.find(figures, w, impls.get(base).implementation());
          y.add(r.flatMap(f -> f.ratioTo(b)).orElse(0.0));
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
