// A Java 17 client of the zhengdi decision service with the JDK only (java.net.http).
//
//   java Client.java http://127.0.0.1:8080        (ZHENGDI_TOKEN=… when the service has a token)
//
// Decides a payout (Shanghai Baoshan Gucun) and an eligibility (Hunan Shaoyang) and prints the
// outcome with the reasons. The JDK has no JSON parser: a small one (JSON text to Map, List,
// String, BigDecimal, Boolean, null) is at the end of this file; a real project would use
// Jackson or Gson. Amounts stay decimal strings, as the service sends them.

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public class Client {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  static final class ServiceException extends RuntimeException {
    final int status;
    final Map<String, Object> body;

    ServiceException(int status, Map<String, Object> body) {
      super(status + " " + body.get("code") + ": " + body.get("message"));
      this.status = status;
      this.body = body;
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> call(String base, String method, String path, String jsonBody) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    String token = System.getenv("ZHENGDI_TOKEN");
    if (token != null && !token.isEmpty()) b.header("Authorization", "Bearer " + token);
    if (jsonBody == null) b.GET();
    else b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
    HttpResponse<String> res = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    Map<String, Object> body = (Map<String, Object>) Json.parse(res.body());
    if (res.statusCode() >= 400) throw new ServiceException(res.statusCode(), body);
    return body;
  }

  @SuppressWarnings("unchecked")
  static <T> T at(Object o, Object... path) {
    Object cur = o;
    for (Object p : path) cur = p instanceof Integer ? ((List<Object>) cur).get((Integer) p) : ((Map<String, Object>) cur).get((String) p);
    return (T) cur;
  }

  static void printReasons(Map<String, Object> decision, String onlySubject) {
    List<Object> reasons = at(decision, "reasons");
    for (Object r : reasons) {
      String subject = at(r, "subject");
      if (onlySubject != null && subject != null && !subject.equals(onlySubject)) continue;
      boolean holds = at(r, "holds");
      System.out.printf("    %s %s%s (%s %s)%n", holds ? "held    " : "NOT held", at(r, "rule"), subject != null ? " [" + subject + "]" : "",
          at(r, "citation", "docNo"), at(r, "citation", "article"));
      System.out.printf("             %s%n", (String) at(r, "message", "en"));
    }
  }

  @SuppressWarnings("unchecked")
  public static void main(String[] args) throws Exception {
    String base = (args.length > 0 ? args[0] : "http://127.0.0.1:8080").replaceAll("/+$", "");
    Map<String, Object> health = call(base, "GET", "/v1/health", null);
    System.out.printf("service %s: %s, zhengdi-rules %s, %s rulesets%n", base, health.get("status"), health.get("engineVersion"), health.get("rulesets"));

    Map<String, Object> payout = call(base, "POST", "/v1/evaluate", """
        {"kind": "payout", "input": {"expropriationDate": "2024-06-30",
          "person": {"id": "GC-01", "sex": "male", "birthDate": "1988-04-12", "pensionStatus": "none", "cooperated": true}}}""");
    Map<String, Object> o = at(payout, "outcome");
    System.out.printf("%npayout (%s, as of %s, ruleset %s):%n", payout.get("jurisdiction"), payout.get("asOf"), at(payout, "ruleset", "id"));
    System.out.printf("  stage %s, aged %s; total %s yuan (%s at expropriation, %s deferred)%n", o.get("stage"), o.get("ageAtExpropriation"),
        at(o, "totals", "amount"), at(o, "totals", "atExpropriation"), at(o, "totals", "deferred"));
    BigDecimal sum = BigDecimal.ZERO;
    for (Object item : (List<Object>) at(o, "items")) {
      String amount = at(item, "amount");
      sum = sum.add(new BigDecimal(amount));
      System.out.printf("    %6s %-24s %12s  %s%n", at(item, "article"), at(item, "code"), amount, at(item, "label", "en"));
    }
    if (sum.compareTo(new BigDecimal((String) at(o, "totals", "amount"))) != 0) throw new IllegalStateException("items do not add up to the total");
    System.out.println("  reasons:");
    printReasons(payout, null);

    Map<String, Object> eligibility = call(base, "POST", "/v1/evaluate", """
        {"kind": "eligibility", "input": {"noticeDate": "2023-05-10",
          "household": {"originalCultivatedMu": "2.4", "expropriatedCultivatedMu": "1.8", "memberCount": 4},
          "applicants": [
            {"id": "A1", "sex": "female", "birthDate": "1980-03-02", "basis": "member", "collectiveMember": true, "holdsContractRight": true},
            {"id": "A2", "sex": "male", "birthDate": "2010-01-01", "basis": "member", "collectiveMember": true, "holdsContractRight": true}]}}""");
    Map<String, Object> e = at(eligibility, "outcome");
    System.out.printf("%neligibility (%s, as of %s): %s mu per person after expropriation%n", eligibility.get("jurisdiction"), eligibility.get("asOf"), e.get("perCapitaAfterMu"));
    for (Object a : (List<Object>) at(e, "applicants")) {
      boolean eligible = at(a, "eligible");
      List<Object> failed = at(a, "failed");
      System.out.printf("  %s: %s%n", at(a, "id"), eligible ? "eligible" : "NOT eligible (failed: " + String.join(", ", failed.stream().map(String::valueOf).toList()) + ")");
      printReasons(eligibility, at(a, "id"));
    }

    try {
      call(base, "POST", "/v1/evaluate", "{\"kind\": \"payout\", \"input\": {\"expropriationDate\": \"2024-02-30\"}}");
      throw new IllegalStateException("a request with 2024-02-30 was not refused");
    } catch (ServiceException x) {
      System.out.printf("%na bad request is refused: %d %s%n", x.status, x.body.get("code"));
      for (Object i : (List<Object>) x.body.get("issues")) {
        List<Object> path = at(i, "path");
        System.out.printf("    %-14s %s: %s%n", at(i, "code"), String.join(".", path.stream().map(String::valueOf).toList()), at(i, "message"));
      }
    }
  }

  /** A small JSON parser (RFC 8259): objects keep their key order; numbers are BigDecimal. */
  static final class Json {
    private final String s;
    private int i;

    private Json(String s) {
      this.s = s;
    }

    static Object parse(String text) {
      Json p = new Json(text);
      Object v = p.value();
      p.ws();
      if (p.i != p.s.length()) throw p.error("trailing characters");
      return v;
    }

    private IllegalArgumentException error(String what) {
      return new IllegalArgumentException("JSON: " + what + " at " + i);
    }

    private void ws() {
      while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) i++;
    }

    private Object value() {
      ws();
      if (i >= s.length()) throw error("unexpected end");
      char c = s.charAt(i);
      switch (c) {
        case '{': return object();
        case '[': return array();
        case '"': return string();
        case 't': return literal("true", Boolean.TRUE);
        case 'f': return literal("false", Boolean.FALSE);
        case 'n': return literal("null", null);
        default: return number();
      }
    }

    private Object literal(String word, Object v) {
      if (!s.startsWith(word, i)) throw error("unexpected token");
      i += word.length();
      return v;
    }

    private Map<String, Object> object() {
      Map<String, Object> m = new LinkedHashMap<>();
      i++;
      ws();
      if (s.charAt(i) == '}') { i++; return m; }
      while (true) {
        ws();
        if (s.charAt(i) != '"') throw error("expected a key");
        String k = string();
        ws();
        if (s.charAt(i++) != ':') throw error("expected ':'");
        m.put(k, value());
        ws();
        char c = s.charAt(i++);
        if (c == '}') return m;
        if (c != ',') throw error("expected ',' or '}'");
      }
    }

    private List<Object> array() {
      List<Object> l = new ArrayList<>();
      i++;
      ws();
      if (s.charAt(i) == ']') { i++; return l; }
      while (true) {
        l.add(value());
        ws();
        char c = s.charAt(i++);
        if (c == ']') return l;
        if (c != ',') throw error("expected ',' or ']'");
      }
    }

    private String string() {
      StringBuilder b = new StringBuilder();
      i++;
      while (true) {
        if (i >= s.length()) throw error("unterminated string");
        char c = s.charAt(i++);
        if (c == '"') return b.toString();
        if (c != '\\') { b.append(c); continue; }
        char e = s.charAt(i++);
        switch (e) {
          case '"': b.append('"'); break;
          case '\\': b.append('\\'); break;
          case '/': b.append('/'); break;
          case 'b': b.append('\b'); break;
          case 'f': b.append('\f'); break;
          case 'n': b.append('\n'); break;
          case 'r': b.append('\r'); break;
          case 't': b.append('\t'); break;
          case 'u': b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
          default: throw error("bad escape");
        }
      }
    }

    private BigDecimal number() {
      int start = i;
      while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
      if (start == i) throw error("unexpected character");
      return new BigDecimal(s.substring(start, i));
    }
  }
}
