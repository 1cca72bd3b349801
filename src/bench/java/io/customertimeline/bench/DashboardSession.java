package io.customertimeline.bench;

import java.io.IOException;
import java.io.Reader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A person signed in to an instance's dashboard, for the bench tools that read what people see. */
final class DashboardSession {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private DashboardSession() {
    }

    /** A value the service generated and stored in {@code --data-dir}'s secrets.properties, if any. */
    static String stored(Args args, String name) throws IOException {
        if (!args.has("data-dir")) {
            return null;
        }
        Path file = Path.of(args.get("data-dir", null)).resolve("secrets.properties");
        if (!Files.exists(file)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        String v = p.getProperty(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /**
     * {@code --password}, else the admin password the data dir stored (the admin was made with
     * it), then env TIMELINE_ADMIN_PASSWORD.
     */
    static List<String> passwords(Args args) throws IOException {
        LinkedHashSet<String> candidates = new LinkedHashSet<>();
        if (args.has("password")) {
            candidates.add(args.get("password", null));
        } else {
            String stored = stored(args, "TIMELINE_ADMIN_PASSWORD");
            if (stored != null) {
                candidates.add(stored);
            }
            String env = System.getenv("TIMELINE_ADMIN_PASSWORD");
            if (env != null && !env.isBlank()) {
                candidates.add(env);
            }
        }
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no dashboard password: pass --password, set TIMELINE_ADMIN_PASSWORD or pass "
                    + "--data-dir with a generated one");
        }
        return new ArrayList<>(candidates);
    }

    /** Form sign-in (CSRF token from the page); a client and cookie store of its own, since cookies ignore ports. */
    static HttpClient signIn(URI base, String user, List<String> passwords) throws IOException, InterruptedException {
        String outcome = null;
        for (String password : passwords) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(base.resolve("/signin")).timeout(Duration.ofSeconds(30))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = CSRF_FIELD.matcher(page.body());
            if (page.statusCode() != 200 || !m.find()) {
                throw new IllegalStateException(base + ": no sign-in form at /signin (HTTP " + page.statusCode() + ")");
            }
            String form = "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(m.group(1));
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve("/signin")).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                    .build(), HttpResponse.BodyHandlers.ofString());
            String location = r.headers().firstValue("Location").orElse("");
            if (r.statusCode() / 100 == 3 && !location.contains("/signin")) {
                return client;
            }
            outcome = "HTTP " + r.statusCode() + (location.isEmpty() ? "" : " to " + location);
        }
        throw new IllegalStateException(base + ": sign-in as '" + user + "' failed with " + passwords.size()
                + " password(s) (" + outcome + ")");
    }

    /** The session cookie of a signed-in client, as a Cookie header value. */
    static String cookie(HttpClient client) {
        CookieManager cookies = (CookieManager) client.cookieHandler().orElseThrow();
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(c -> "JSESSIONID=" + c.getValue()).findFirst().orElseThrow();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
