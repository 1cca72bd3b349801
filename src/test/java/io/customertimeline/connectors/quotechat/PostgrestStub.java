package io.customertimeline.connectors.quotechat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.customertimeline.connectors.CanonicalJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An in-process stand-in for a Supabase project's PostgREST, speaking its wire format: the
 * {@code apikey}/{@code Authorization} check, {@code select}, {@code gte.}/{@code is.null} filters,
 * {@code order}, {@code Range-Unit}/{@code Range} paging answered with {@code Content-Range} and
 * 200 (all rows) or 206 (a part), 416 past the end, and errors as
 * {@code {"code","details","hint","message"}}. It refuses requests that are not in that format,
 * so tests also check what the client sends.
 */
public final class PostgrestStub implements AutoCloseable {

    record Request(String path, Map<String, String> query, String range, String rangeUnit, String prefer, String apikey,
                   String authorization) {
    }

    public static final String KEY = "eyJhbGciOiJIUzI1NiJ9.service-role.Zm9vYmFy";
    private static final Pattern RANGE = Pattern.compile("^(\\d+)-(\\d*)$");

    final List<Request> requests = new CopyOnWriteArrayList<>();
    final List<Integer> statuses = new CopyOnWriteArrayList<>();
    final List<ObjectNode> rows = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final String table;

    public PostgrestStub(String table) throws IOException {
        this.table = table;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/rest/v1/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public ObjectNode session(String id, String lastActivity, String status) {
        ObjectNode row = CanonicalJson.object();
        row.put("id", rows.size() + 1);
        row.put("session_id", id);
        row.put("customer_name", "Bob Wilson");
        row.put("customer_email", "bob@wilsoncorp.co.za");
        row.put("customer_phone", "+27987654321");
        row.put("company_name", "Wilson Corp");
        row.put("status", status);
        row.put("total_amount", new java.math.BigDecimal("5499.99"));
        row.put("currency", "ZAR");
        ArrayNode items = row.putArray("quote_items");
        items.addObject().put("product", "Sonos Arc").put("qty", 1).put("price", new java.math.BigDecimal("5499.99"));
        row.put("created_at", "2024-01-15T09:00:00+00:00");
        if (lastActivity == null) {
            row.putNull("last_activity_at");
        } else {
            row.put("last_activity_at", lastActivity);
        }
        row.putObject("metadata").put("channel", "web");
        rows.add(row);
        return row;
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            respond(ex);
        } catch (RuntimeException e) {
            send(ex, 500, null, error("XX000", e.toString(), null, null));
        }
    }

    private void respond(HttpExchange ex) throws IOException {
        var h = ex.getRequestHeaders();
        Map<String, String> query = new LinkedHashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        requests.add(new Request(ex.getRequestURI().getPath(), query, h.getFirst("Range"), h.getFirst("Range-Unit"),
                h.getFirst("Prefer"), h.getFirst("apikey"), h.getFirst("Authorization")));
        if (!KEY.equals(h.getFirst("apikey"))) {
            // What the Supabase gateway answers before PostgREST sees the request.
            send(ex, 401, null, "{\"message\":\"Invalid API key\",\"hint\":\"Double check your Supabase `anon` or `service_role` API key.\"}");
            return;
        }
        if (!("Bearer " + KEY).equals(h.getFirst("Authorization"))) {
            send(ex, 401, null, error("PGRST301", "No suitable key or wrong key type", null, "JWSError JWSInvalidSignature"));
            return;
        }
        String requested = ex.getRequestURI().getPath().substring("/rest/v1/".length());
        if (!requested.equals(table)) {
            send(ex, 404, null, error("PGRST205", "Could not find the table 'public." + requested + "' in the schema cache",
                    "Perhaps you meant the table 'public." + table + "'", null));
            return;
        }
        if (!"GET".equals(ex.getRequestMethod()) || !"*".equals(query.get("select"))) {
            send(ex, 400, null, error("PGRST100", "\"failed to parse select parameter\"", null, null));
            return;
        }
        List<ObjectNode> result = new ArrayList<>(rows);
        String filter = query.get("last_activity_at");
        if (filter != null) {
            if (filter.equals("is.null")) {
                result.removeIf(r -> !r.get("last_activity_at").isNull());
            } else if (filter.startsWith("gte.")) {
                OffsetDateTime from;
                try {
                    from = OffsetDateTime.parse(filter.substring(4));
                } catch (RuntimeException e) {
                    send(ex, 400, null, error("22007", "invalid input syntax for type timestamp with time zone: \"" + filter.substring(4) + "\"", null, null));
                    return;
                }
                result.removeIf(r -> r.get("last_activity_at").isNull() || at(r).isBefore(from));
            } else {
                send(ex, 400, null, error("PGRST100", "\"failed to parse filter (" + filter + ")\" (line 1, column 1)", null, "unexpected filter"));
                return;
            }
        }
        String order = query.get("order");
        Comparator<ObjectNode> byId = Comparator.comparing(r -> r.get("session_id").asString());
        if ("last_activity_at.asc,session_id.asc".equals(order)) {
            result.sort(Comparator.<ObjectNode, OffsetDateTime>comparing(r -> r.get("last_activity_at").isNull() ? null : at(r),
                    Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(byId));
        } else if ("session_id.asc".equals(order)) {
            result.sort(byId);
        } else {
            send(ex, 400, null, error("PGRST100", "\"failed to parse order (" + order + ")\"", null, null));
            return;
        }
        int total = result.size();
        long offset = 0;
        long end = total - 1L;
        String range = h.getFirst("Range");
        if (range != null) {
            if (!"items".equals(h.getFirst("Range-Unit"))) {
                send(ex, 400, null, error("PGRST103", "Range-Unit must be items", null, null));
                return;
            }
            Matcher m = RANGE.matcher(range);
            if (!m.matches()) {
                send(ex, 416, "*/" + total, error("PGRST103", "Requested range not satisfiable", null, null));
                return;
            }
            offset = Long.parseLong(m.group(1));
            if (!m.group(2).isEmpty()) {
                end = Math.min(end, Long.parseLong(m.group(2)));
            }
        }
        boolean counted = "count=exact".equals(h.getFirst("Prefer"));
        String totalText = counted ? String.valueOf(total) : "*";
        if (offset > 0 && offset >= total) {
            send(ex, 416, "*/" + totalText, error("PGRST103", "Requested range not satisfiable", null,
                    "An offset of " + offset + " was requested, but there are only " + total + " rows."));
            return;
        }
        List<ObjectNode> slice = offset >= total ? List.of() : result.subList((int) offset, (int) end + 1);
        ArrayNode body = CanonicalJson.MAPPER.createArrayNode();
        slice.forEach(body::add);
        String contentRange = slice.isEmpty() ? "*/" + totalText : offset + "-" + end + "/" + totalText;
        int status = counted && slice.size() < total ? 206 : 200;
        send(ex, status, contentRange, CanonicalJson.MAPPER.writeValueAsString(body));
    }

    private static OffsetDateTime at(ObjectNode row) {
        return OffsetDateTime.parse(row.get("last_activity_at").asString());
    }

    private static String error(String code, String message, String hint, String details) {
        ObjectNode e = CanonicalJson.object();
        e.put("code", code);
        if (details == null) {
            e.putNull("details");
        } else {
            e.put("details", details);
        }
        if (hint == null) {
            e.putNull("hint");
        } else {
            e.put("hint", hint);
        }
        e.put("message", message);
        return CanonicalJson.MAPPER.writeValueAsString(e);
    }

    private void send(HttpExchange ex, int status, String contentRange, String body) throws IOException {
        statuses.add(status);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        if (contentRange != null) {
            ex.getResponseHeaders().set("Content-Range", contentRange);
        }
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
