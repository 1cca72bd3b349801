package io.customertimeline.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Latency against offered load, from the suite's CSV: for every run labelled {@code sweep-*},
 * p50 and p99 against the open-loop target rate, on a log latency axis
 * ({@code --csv=docs/bench/latency-vs-load.csv --png=docs/bench/latency-vs-load.png}).
 */
public final class Chart {

    record Point(double rate, double p50, double p99, double achieved) {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        List<String> lines = Files.readAllLines(Path.of(args.get("csv", "docs/bench/latency-vs-load.csv")));
        String[] head = lines.get(0).split(",");
        Map<String, Integer> col = new LinkedHashMap<>();
        for (int i = 0; i < head.length; i++) {
            col.put(head[i], i);
        }
        Map<String, List<Point>> series = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            String label = f[col.get("label")];
            if (!label.startsWith("sweep-") || !f[col.get("mode")].equals("open")) {
                continue;
            }
            String name = label.substring(6, label.lastIndexOf('-'));
            series.computeIfAbsent(name, k -> new ArrayList<>()).add(new Point(Double.parseDouble(f[col.get("load")]),
                    Double.parseDouble(f[col.get("p50_ms")]), Double.parseDouble(f[col.get("p99_ms")]),
                    Double.parseDouble(f[col.get("throughput")])));
        }
        int w = 900;
        int h = 560;
        int left = 80;
        int right = 30;
        int top = 50;
        int bottom = 70;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        double maxRate = series.values().stream().flatMap(List::stream).mapToDouble(Point::rate).max().orElse(1) * 1.05;
        double minMs = 0.5;
        double maxMs = Math.max(100, series.values().stream().flatMap(List::stream).mapToDouble(Point::p99).max().orElse(100) * 1.5);
        java.util.function.DoubleUnaryOperator x = r -> left + r / maxRate * (w - left - right);
        java.util.function.DoubleUnaryOperator y = ms -> top + (1 - (Math.log10(Math.max(ms, minMs)) - Math.log10(minMs))
                / (Math.log10(maxMs) - Math.log10(minMs))) * (h - top - bottom);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(new Color(225, 225, 225));
        for (double ms : new double[] {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000}) {
            if (ms > maxMs) {
                break;
            }
            int yy = (int) y.applyAsDouble(ms);
            g.setColor(new Color(225, 225, 225));
            g.drawLine(left, yy, w - right, yy);
            g.setColor(Color.DARK_GRAY);
            g.drawString((ms >= 1000 ? (int) (ms / 1000) + " s" : (int) ms + " ms"), 20, yy + 4);
        }
        int step = maxRate > 4000 ? 1000 : 500;
        for (int r = 0; r <= maxRate; r += step) {
            int xx = (int) x.applyAsDouble(r);
            g.setColor(new Color(235, 235, 235));
            g.drawLine(xx, top, xx, h - bottom);
            g.setColor(Color.DARK_GRAY);
            g.drawString(Integer.toString(r), xx - 12, h - bottom + 18);
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, w - left - right, h - top - bottom);
        g.drawString("offered load (requests/s, open loop; latency from the intended start)", left + 150, h - 25);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(args.get("title", "Customer Timeline: latency vs load"), left, 30);
        Color[] colors = {new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44), new Color(148, 103, 189)};
        int c = 0;
        int legend = h - bottom - 80;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (var e : series.entrySet()) {
            Color color = colors[c++ % colors.length];
            for (int pass = 0; pass < 2; pass++) {
                g.setColor(color);
                g.setStroke(pass == 0 ? new BasicStroke(2f)
                        : new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
                List<Point> pts = e.getValue();
                pts.sort((a, b) -> Double.compare(a.rate(), b.rate()));
                for (int i = 0; i < pts.size(); i++) {
                    double v = pass == 0 ? pts.get(i).p99() : pts.get(i).p50();
                    int xx = (int) x.applyAsDouble(pts.get(i).rate());
                    int yy = (int) y.applyAsDouble(v);
                    g.fillOval(xx - 3, yy - 3, 6, 6);
                    if (i > 0) {
                        double pv = pass == 0 ? pts.get(i - 1).p99() : pts.get(i - 1).p50();
                        g.drawLine((int) x.applyAsDouble(pts.get(i - 1).rate()), (int) y.applyAsDouble(pv), xx, yy);
                    }
                }
                g.drawLine(w - right - 230, legend - 4, w - right - 200, legend - 4);
                g.setColor(Color.BLACK);
                g.drawString(e.getKey() + (pass == 0 ? " p99 (solid)" : " p50 (dashed)"), w - right - 192, legend);
                legend += 18;
            }
        }
        g.dispose();
        Path png = Path.of(args.get("png", "docs/bench/latency-vs-load.png"));
        ImageIO.write(img, "png", png.toFile());
        System.out.printf(Locale.ROOT, "wrote %s (%d series)%n", png, series.size());
    }
}
