package dev.mephisto.bench.report;

import dev.mephisto.bench.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** Renders records/s as grouped bars: one group per workload, one bar per implementation. */
public final class ChartReport {
  private ChartReport() {}

  /**
   * @param file the PNG to write
   * @param title chart title
   * @param results every run; failed runs show as 0
   * @throws IOException if the file cannot be written
   */
  public static void write(Path file, String title, List<RunResult> results) throws IOException {
    Set<String> workloads = new LinkedHashSet<>();
    Set<String> implementations = new LinkedHashSet<>();
    for (RunResult r : results) {
      workloads.add(r.workload());
      implementations.add(r.implementationDisplay());
    }
    CategoryChart chart = new CategoryChartBuilder()
        .width(1200).height(600).title(title)
        .xAxisTitle("workload").yAxisTitle("thousand records / s").build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    chart.getStyler().setAvailableSpaceFill(0.8);
    chart.getStyler().setOverlapped(false);
    chart.getStyler().setLabelsVisible(true);
    chart.getStyler().setDecimalPattern("#,##0");
    chart.getStyler().setLabelsRotation(90);
    List<String> x = new ArrayList<>(workloads);
    for (String impl : implementations) {
      List<Double> y = new ArrayList<>();
      for (String w : x) {
        y.add(results.stream()
            .filter(r -> r.workload().equals(w) && r.implementationDisplay().equals(impl))
            .mapToDouble(r -> r.recordsPerSecond() / 1000)
            .findFirst().orElse(0));
      }
      chart.addSeries(impl, x, y);
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }
}
