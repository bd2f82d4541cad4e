package com.ordercloudhub.hub.impact;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines two texts differ in, by their longest common subsequence: {@code - } a line only the
 * first has, {@code + } one only the second has, in order. Texts longer than the bound are not
 * compared line by line (the JSON paths still are).
 */
final class LineDiff {

  private LineDiff() {}

  static List<String> changed(String before, String after, int maxLines) {
    String[] a = before == null ? new String[0] : before.split("\n", -1);
    String[] b = after == null ? new String[0] : after.split("\n", -1);
    if (a.length > maxLines || b.length > maxLines) {
      return List.of("(over " + maxLines + " lines: see the paths)");
    }
    int[][] common = new int[a.length + 1][b.length + 1];
    for (int i = a.length - 1; i >= 0; i--) {
      for (int j = b.length - 1; j >= 0; j--) {
        common[i][j] =
            a[i].equals(b[j])
                ? common[i + 1][j + 1] + 1
                : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    List<String> lines = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i].equals(b[j])) {
        i++;
        j++;
      } else if (i < a.length && (j == b.length || common[i + 1][j] >= common[i][j + 1])) {
        lines.add("- " + a[i++]);
      } else {
        lines.add("+ " + b[j++]);
      }
    }
    return lines;
  }
}
