package dev.mephisto.codec.json.internal;

import java.math.BigDecimal;
import java.util.function.Predicate;

/**
 * Formats floating-point numbers as Python's {@code repr(float)} does, which is what {@code
 * json.dumps} writes: the shortest digits that read back to the same value, positional notation
 * for decimal exponents in [-4, 16], else {@code 1e+16} / {@code 1.5e-05}. Java's {@code
 * Double.toString} has the same shortest digits but switches to {@code 1.0E7} much earlier, so
 * re-encoding a Faust message would otherwise change its bytes.
 */
final class PythonFloats {
  private PythonFloats() {}

  /**
   * @param d any double
   * @return Python's {@code repr(d)}; {@code NaN}, {@code Infinity}, {@code -Infinity} as {@code
   *     json.dumps} writes them
   */
  static String format(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    if (d == 0) {
      return Double.doubleToRawLongBits(d) == 0 ? "0.0" : "-0.0";
    }
    String java = Double.toString(d);
    if (java.indexOf('E') < 0) {
      // 1e-3 <= |d| < 1e7: Java's plain notation is exactly Python's repr (the hot path)
      return java;
    }
    double abs = Math.abs(d);
    return format(Double.toString(abs), d < 0, s -> Double.parseDouble(s) == abs, abs);
  }

  /**
   * @param f any float
   * @return the float's shortest digits in Python's notation
   */
  static String format(float f) {
    if (Float.isNaN(f) || Float.isInfinite(f) || f == 0) {
      return format((double) f);
    }
    String java = Float.toString(f);
    if (java.indexOf('E') < 0) {
      return java;
    }
    float abs = Math.abs(f);
    return format(Float.toString(abs), f < 0, s -> Float.parseFloat(s) == abs, abs);
  }

  private static String format(String java, boolean negative, Predicate<String> same, double abs) {
    int e = java.indexOf('E');
    String mantissa = e < 0 ? java : java.substring(0, e);
    int exponent = e < 0 ? 0 : Integer.parseInt(java.substring(e + 1));
    int dot = mantissa.indexOf('.');
    String digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
    // value = 0.<digits> * 10^decpt, as dtoa (and so Python) counts it
    int decpt = dot + exponent;
    int start = 0;
    while (digits.charAt(start) == '0') {
      start++;
      decpt--;
    }
    int end = digits.length();
    while (digits.charAt(end - 1) == '0') {
      end--;
    }
    digits = digits.substring(start, end);
    if (digits.length() == 2) {
      // Java keeps two digits where a one-digit decimal also reads back but lies further away
      // (4.9E-324); Python takes the shortest, so try the one-digit neighbours.
      String shorter = oneDigit(digits, decpt, same, abs);
      if (shorter != null) {
        decpt += shorter.length() - 1;
        digits = shorter.substring(0, 1);
      }
    }
    return python(digits, decpt, negative);
  }

  private static String oneDigit(String digits, int decpt, Predicate<String> same, double abs) {
    int first = digits.charAt(0) - '0';
    String down = first + "E" + (decpt - 1);
    String up = (first + 1) + "E" + (decpt - 1);
    boolean downOk = same.test(down);
    boolean upOk = same.test(up);
    if (downOk && upOk) {
      BigDecimal exact = new BigDecimal(abs);
      BigDecimal dDown = exact.subtract(new BigDecimal(down)).abs();
      BigDecimal dUp = exact.subtract(new BigDecimal(up)).abs();
      return dUp.compareTo(dDown) < 0 ? String.valueOf(first + 1) : String.valueOf(first);
    }
    if (downOk) {
      return String.valueOf(first);
    }
    return upOk ? String.valueOf(first + 1) : null; // "10" for 9 -> 10 shifts the exponent
  }

  private static String python(String digits, int decpt, boolean negative) {
    StringBuilder sb = new StringBuilder(digits.length() + 8);
    if (negative) {
      sb.append('-');
    }
    int n = digits.length();
    if (decpt <= -4 || decpt > 16) {
      sb.append(digits.charAt(0));
      if (n > 1) {
        sb.append('.').append(digits, 1, n);
      }
      int exp = decpt - 1;
      sb.append(exp < 0 ? "e-" : "e+");
      int a = Math.abs(exp);
      if (a < 10) {
        sb.append('0');
      }
      sb.append(a);
    } else if (decpt <= 0) {
      sb.append("0.");
      sb.repeat('0', -decpt);
      sb.append(digits);
    } else if (decpt >= n) {
      sb.append(digits);
      sb.repeat('0', decpt - n);
      sb.append(".0");
    } else {
      sb.append(digits, 0, decpt).append('.').append(digits, decpt, n);
    }
    return sb.toString();
  }
}
