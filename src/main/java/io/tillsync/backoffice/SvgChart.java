package io.tillsync.backoffice;

import java.util.List;
import java.util.Locale;

/**
 * Small trend charts drawn on the server as SVG markup: no chart library, no frontend bundle,
 * and a push update replaces one string.
 */
public final class SvgChart {

    public record Series(String name, String colour, double[] values) {
    }

    private SvgChart() {
    }

    /**
     * Lines over equally spaced points, scaled to the largest value of all series.
     *
     * @param xLabels labels for the first and the last point (e.g. "-60 min", "now")
     */
    public static String lines(List<Series> series, int width, int height, String title, String[] xLabels) {
        int left = 36;
        int bottom = 18;
        int top = 20;
        double max = 1;
        for (Series s : series) {
            for (double v : s.values()) {
                max = Math.max(max, v);
            }
        }
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 %d %d' width='100%%' role='img' "
                + "aria-label='%s' style='max-width:%dpx;font:11px sans-serif'>", width, height, escape(title), width));
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='12' font-weight='600'>%s</text>", left, escape(title)));
        double plotW = width - left - 8;
        double plotH = height - top - bottom;
        for (int g = 0; g <= 2; g++) {
            double y = top + plotH - plotH * g / 2;
            svg.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%.1f' y2='%.1f' stroke='#e3e6ea'/>", left, width - 8, y, y));
            svg.append(String.format(Locale.ROOT, "<text x='%d' y='%.1f' text-anchor='end' fill='#5c6573'>%s</text>", left - 4, y + 4,
                    compact(max * g / 2)));
        }
        int legendX = left + 140;
        for (Series s : series) {
            double[] v = s.values();
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < v.length; i++) {
                double x = left + (v.length == 1 ? 0 : plotW * i / (v.length - 1));
                double y = top + plotH - plotH * v[i] / max;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            svg.append(String.format(Locale.ROOT, "<polyline fill='none' stroke='%s' stroke-width='1.8' points='%s'/>", s.colour(), points));
            svg.append(String.format(Locale.ROOT, "<rect x='%d' y='4' width='10' height='10' fill='%s'/><text x='%d' y='13'>%s</text>",
                    legendX, s.colour(), legendX + 14, escape(s.name())));
            legendX += 14 + 7 * s.name().length() + 16;
        }
        if (xLabels != null && xLabels.length == 2) {
            svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' fill='#5c6573'>%s</text>", left, height - 4, escape(xLabels[0])));
            svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' text-anchor='end' fill='#5c6573'>%s</text>", width - 8, height - 4,
                    escape(xLabels[1])));
        }
        return svg.append("</svg>").toString();
    }

    private static String compact(double v) {
        return v >= 1000 ? String.format(Locale.ROOT, "%.1fk", v / 1000) : String.format(Locale.ROOT, v % 1 == 0 ? "%.0f" : "%.1f", v);
    }

    static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;");
    }
}
