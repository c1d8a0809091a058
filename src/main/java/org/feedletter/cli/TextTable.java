package org.feedletter.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Columns of text, each as wide as its widest cell, cut at a column's limit with "…". Colour is applied after the
 * padding, so escape codes never upset the alignment.
 */
final class TextTable {

    private final List<String> headers;
    private final int[] limits;
    private final List<Row> rows = new ArrayList<>();

    private record Row(List<String> cells, UnaryOperator<String> paint) {}

    /** @param limits the widest each column may be (0: no limit) */
    TextTable(List<String> headers, int... limits) {
        this.headers = List.copyOf(headers);
        this.limits = limits.length == headers.size() ? limits : new int[headers.size()];
    }

    TextTable row(List<String> cells) {
        return row(cells, UnaryOperator.identity());
    }

    /** A row painted as a whole, e.g. red for a failing feed. */
    TextTable row(List<String> cells, UnaryOperator<String> paint) {
        List<String> cut = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            String cell = i < cells.size() && cells.get(i) != null ? oneLine(cells.get(i)) : "";
            cut.add(limits[i] > 0 && cell.length() > limits[i] ? cell.substring(0, limits[i] - 1) + "…" : cell);
        }
        rows.add(new Row(cut, paint));
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void print(PrintWriter out, String indent, Terminal terminal) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (Row row : rows) {
                widths[i] = Math.max(widths[i], row.cells().get(i).length());
            }
        }
        out.println(indent + terminal.bold(line(headers, widths)));
        for (Row row : rows) {
            out.println(indent + row.paint().apply(line(row.cells(), widths)));
        }
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(i == cells.size() - 1 ? cells.get(i) : String.format("%-" + widths[i] + "s  ", cells.get(i)));
        }
        return line.toString().stripTrailing();
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\t]+", " ").strip();
    }
}
