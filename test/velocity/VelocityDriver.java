// Renders API Gateway REST mapping templates with Apache Velocity 1.7, the engine API Gateway's mapping
// templates are written for, with $input, $context and $util mocked as the API Gateway developer guide's
// "mapping template and access logging variable reference" documents them. Used by velocity.test.ts.
//
// stdin: one case per line, tab-separated base64 (UTF-8) fields: the template, then request headers as
// name:value pairs. stdout: one line per case: "OK" then base64 name:value pairs of
// $context.responseOverride.header, or "ERR" and the base64 error text.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;

public class VelocityDriver {
  /** $input: params() is the map of path, querystring and header parameter maps. */
  public static class Input {
    private final Map<String, Object> params = new LinkedHashMap<>();
    Input(Map<String, String> headers) {
      params.put("path", new LinkedHashMap<String, String>());
      params.put("querystring", new LinkedHashMap<String, String>());
      params.put("header", headers);
    }
    public Map<String, Object> params() { return params; }
    public Object params(String name) {
      for (String part : new String[] {"path", "querystring", "header"}) {
        @SuppressWarnings("unchecked")
        Map<String, String> values = (Map<String, String>) params.get(part);
        if (values.containsKey(name)) return values.get(name);
      }
      return "";
    }
    public String json(String path) { return "{}"; }
    public String body() { return ""; }
  }

  private static String decode(String field) {
    return new String(Base64.getDecoder().decode(field), StandardCharsets.UTF_8);
  }

  private static String encode(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  public static void main(String[] args) throws Exception {
    VelocityEngine engine = new VelocityEngine();
    engine.setProperty("runtime.log.logsystem.class", "org.apache.velocity.runtime.log.NullLogChute");
    engine.init();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    StringBuilder out = new StringBuilder();
    for (String line; (line = in.readLine()) != null; ) {
      if (line.isEmpty()) continue;
      String[] fields = line.split("\t", -1);
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < fields.length; i++) {
        if (fields[i].isEmpty()) continue;
        String[] pair = fields[i].split(":", 2);
        headers.put(decode(pair[0]), decode(pair[1]));
      }
      Map<String, Object> override = new LinkedHashMap<>();
      Map<String, String> overrideHeaders = new TreeMap<>();
      override.put("header", overrideHeaders);
      Map<String, Object> context = new LinkedHashMap<>();
      context.put("responseOverride", override);
      context.put("httpMethod", "OPTIONS");
      context.put("requestId", "c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
      VelocityContext vc = new VelocityContext();
      vc.put("input", new Input(headers));
      vc.put("context", context);
      try {
        StringWriter body = new StringWriter();
        engine.evaluate(vc, body, "template", decode(fields[0]));
        out.append("OK");
        for (Map.Entry<String, String> header : overrideHeaders.entrySet()) {
          out.append('\t').append(encode(header.getKey())).append(':').append(encode(String.valueOf(header.getValue())));
        }
      } catch (Throwable error) {
        out.append("ERR\t").append(encode(error.getClass().getSimpleName() + ": " + error.getMessage()));
      }
      out.append('\n');
    }
    System.out.print(out);
  }
}
