package io.ghlsync.bench;

import java.util.List;
import java.util.Locale;

/** One line of the bench table: a figure of ours beside the baseline's, their ratio, and the target. */
public record BenchRow(String scenario, String measure, String ours, String baseline, String ratio, String target) {

    static BenchRow of(String scenario, String measure, double ours, double baseline, String target) {
        String ratio = baseline == 0 ? (ours == 0 ? "1.00" : "-") : ratio(ours / baseline);
        return new BenchRow(scenario, measure, format(ours), format(baseline), ratio, target);
    }

    static BenchRow alone(String scenario, String measure, double ours, String target) {
        return new BenchRow(scenario, measure, format(ours), "-", "-", target);
    }

    /** Small ratios keep two significant digits (0.0022, not 0.00). */
    private static String ratio(double value) {
        return value != 0 && Math.abs(value) < 0.1 ? String.format(Locale.ROOT, "%.2g", value) : format(value);
    }

    public static String format(double value) {
        if (value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%,.0f" : "%.2f", value);
    }

    /** The rows as one Markdown table (it reads in a terminal and pastes into docs/benchmarks.md). */
    public static String table(List<BenchRow> rows) {
        List<String[]> cells = new java.util.ArrayList<>();
        cells.add(new String[] {"scenario", "measure", "ours", "baseline", "ours/baseline", "target"});
        rows.forEach(r -> cells.add(new String[] {r.scenario, r.measure, r.ours, r.baseline, r.ratio, r.target}));
        int[] widths = new int[6];
        cells.forEach(c -> {
            for (int i = 0; i < 6; i++) {
                widths[i] = Math.max(widths[i], c[i].length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (int row = 0; row < cells.size(); row++) {
            String[] c = cells.get(row);
            out.append('|');
            for (int i = 0; i < 6; i++) {
                out.append(' ').append(String.format("%-" + widths[i] + "s", c[i])).append(" |");
            }
            out.append('\n');
            if (row == 0) {
                out.append('|');
                for (int i = 0; i < 6; i++) {
                    out.append(' ').append("-".repeat(widths[i])).append(" |");
                }
                out.append('\n');
            }
        }
        return out.toString();
    }
}
