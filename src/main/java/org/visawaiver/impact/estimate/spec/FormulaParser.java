package org.visawaiver.impact.estimate.spec;

import java.util.ArrayList;
import java.util.List;
import org.visawaiver.impact.domain.WaiverTerms;

/**
 * Parses fixest-style formulas and variance specifications into immutable values. A pure function:
 * the same text always gives the same value or the same error, and an error names the offending
 * token, its position and the accepted grammar.
 */
public final class FormulaParser {
  public static final String GRAMMAR =
      "formula := outcome \"~\" term {\"+\" term} [\"|\" fe {\"+\" fe}]; "
          + "outcome := column | log(column); "
          + "term := column | log(column) | waiver_by(DEST {, DEST}) | i(factor[, column | log(column)][, ref=level]); "
          + "fe := column {\"^\" column}; "
          + "example: arrivals ~ waiver_by(VNM, THA, LAO) + stay_log + advisory_level"
          + " | origin^destination + destination^month + origin^month";
  public static final String VCOV_GRAMMAR =
      "vcov := iid | hetero | cluster(c {, c}) (up to 4) with c := column {\"^\" column};"
          + " example: cluster(origin^destination)";

  private final String text;
  private final String where;
  private final String grammar;
  private final List<Token> tokens;
  private int pos;

  private FormulaParser(String text, String where, String grammar) {
    this.text = text;
    this.where = where;
    this.grammar = grammar;
    this.tokens = tokenize(text, where, grammar);
  }

  /** Parses a formula; {@code where} names its place in the configuration for error messages. */
  public static ModelFormula parse(String formula, String where) {
    return new FormulaParser(formula, where, GRAMMAR).formula();
  }

  /** Parses a variance specification: iid, hetero (hc1, white), cluster(a), cluster(a, b), ... (up to 4 dimensions). */
  public static VcovSpec parseVcov(String vcov, String where) {
    return new FormulaParser(vcov, where, VCOV_GRAMMAR).vcov();
  }

  private record Token(String text, int position) {
    boolean is(String s) {
      return text.equals(s);
    }

    boolean isName() {
      return Character.isLetter(text.charAt(0)) || text.charAt(0) == '_' || text.charAt(0) == '"';
    }
  }

  private static List<Token> tokenize(String text, String where, String grammar) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if ("~+|^(),=".indexOf(c) >= 0) {
        out.add(new Token(String.valueOf(c), i));
        i++;
      } else if (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-') {
        int start = i;
        while (i < text.length()
            && (Character.isLetterOrDigit(text.charAt(i)) || "_.-".indexOf(text.charAt(i)) >= 0)) {
          i++;
        }
        out.add(new Token(text.substring(start, i), start));
      } else if (c == '"') {
        int end = text.indexOf('"', i + 1);
        if (end < 0) {
          throw error(text, where, grammar, "unclosed quote", i);
        }
        out.add(new Token(text.substring(i, end + 1), i));
        i = end + 1;
      } else {
        throw error(text, where, grammar, "unexpected character \"" + c + "\"", i);
      }
    }
    return out;
  }

  private static EstimationException error(
      String text, String where, String grammar, String what, int position) {
    return new EstimationException(
        where + ": " + what + " at position " + (position + 1) + " in \"" + text
            + "\"; accepted grammar: " + grammar + "; nothing was estimated");
  }

  private EstimationException error(String what) {
    int position = pos < tokens.size() ? tokens.get(pos).position() : text.length();
    // The grammar of what is parsed (a formula without "~" is still a formula).
    return error(text, where, grammar, what, position);
  }

  private Token peek() {
    return pos < tokens.size() ? tokens.get(pos) : null;
  }

  private boolean at(String s) {
    Token t = peek();
    return t != null && t.is(s);
  }

  private void expect(String s) {
    Token t = peek();
    if (t == null || !t.is(s)) {
      throw error("expected \"" + s + "\" but found " + describe(t));
    }
    pos++;
  }

  private static String describe(Token t) {
    return t == null ? "the end of the text" : "\"" + t.text() + "\"";
  }

  private String name(String role) {
    Token t = peek();
    if (t == null || !t.isName()) {
      throw error("expected " + role + " but found " + describe(t));
    }
    pos++;
    return unquote(t.text());
  }

  /** A level or destination code: a name, a number or a quoted string. */
  private String value(String role) {
    Token t = peek();
    if (t == null || "~+|^(),=".contains(t.text())) {
      throw error("expected " + role + " but found " + describe(t));
    }
    pos++;
    return unquote(t.text());
  }

  private static String unquote(String s) {
    return s.startsWith("\"") ? s.substring(1, s.length() - 1) : s;
  }

  private void end() {
    if (peek() != null) {
      throw error("unexpected " + describe(peek()));
    }
  }

  private ModelFormula formula() {
    if (tokens.isEmpty()) {
      throw error("empty formula");
    }
    boolean logged = false;
    String outcome;
    if (at("log") && pos + 1 < tokens.size() && tokens.get(pos + 1).is("(")) {
      pos += 2;
      outcome = name("an outcome column");
      expect(")");
      logged = true;
    } else {
      outcome = name("an outcome column");
    }
    expect("~");
    List<Term> terms = new ArrayList<>();
    terms.add(term());
    while (at("+")) {
      pos++;
      terms.add(term());
    }
    List<FixedEffect> fes = new ArrayList<>();
    if (at("|")) {
      pos++;
      fes.add(fixedEffect());
      while (at("+")) {
        pos++;
        fes.add(fixedEffect());
      }
    }
    end();
    return new ModelFormula(outcome, logged, terms, fes);
  }

  private Term term() {
    int start = pos;
    String head = name("a term (column, log(column), waiver_by(...) or i(...))");
    if (!at("(")) {
      return new Term.Column(head);
    }
    pos++;
    switch (head) {
      case "log" -> {
        String column = name("a column inside log()");
        expect(")");
        return new Term.Log(column);
      }
      case "waiver_by" -> {
        List<String> dests = new ArrayList<>();
        dests.add(value("a destination code"));
        while (at(",")) {
          pos++;
          dests.add(value("a destination code"));
        }
        expect(")");
        if (dests.contains(WaiverTerms.OTHER)) {
          throw error("\"" + WaiverTerms.OTHER + "\" is reserved for the destinations not listed in waiver_by()");
        }
        return new Term.WaiverBy(dests);
      }
      case "i" -> {
        String factor = name("the factor of i()");
        Term value = null;
        String ref = null;
        while (at(",")) {
          pos++;
          if (at("ref") && pos + 1 < tokens.size() && tokens.get(pos + 1).is("=")) {
            pos += 2;
            ref = value("a reference level after ref=");
          } else if (value == null) {
            String v = name("a column or log(column) inside i()");
            if (v.equals("log") && at("(")) {
              pos++;
              value = new Term.Log(name("a column inside log()"));
              expect(")");
            } else {
              value = new Term.Column(v);
            }
          } else {
            throw error("i() takes a factor, at most one variable and ref=level, found another argument");
          }
        }
        expect(")");
        return new Term.Interaction(factor, value, ref);
      }
      default -> {
        pos = start;
        throw error("unknown function \"" + head + "\" (known: log, waiver_by, i)");
      }
    }
  }

  private FixedEffect fixedEffect() {
    List<String> cols = new ArrayList<>();
    cols.add(name("a fixed-effect column"));
    while (at("^")) {
      pos++;
      cols.add(name("a column after ^"));
    }
    return new FixedEffect(cols);
  }

  private VcovSpec vcov() {
    String head = name("iid, hetero or cluster(...)");
    switch (head.toLowerCase(java.util.Locale.ROOT)) {
      case "iid", "standard" -> {
        end();
        return new VcovSpec.Iid();
      }
      case "hetero", "hc1", "white" -> {
        end();
        return new VcovSpec.Hetero();
      }
      case "cluster" -> {
        expect("(");
        List<FixedEffect> dims = new ArrayList<>();
        dims.add(fixedEffect());
        while (at(",")) {
          pos++;
          dims.add(fixedEffect());
        }
        if (dims.size() > VcovSpec.Cluster.MAX_DIMENSIONS) {
          throw error("cluster() takes 1 to " + VcovSpec.Cluster.MAX_DIMENSIONS
              + " dimensions, found " + dims.size());
        }
        expect(")");
        end();
        return new VcovSpec.Cluster(dims);
      }
      default -> {
        pos--;
        throw error("unknown variance \"" + head + "\"");
      }
    }
  }
}
