package io.customertimeline;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A person's browser session without a browser: cookies, CSRF token, form posts; redirects not followed. */
final class WebSession {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
    private final TestApp app;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private String csrf;

    WebSession(TestApp app) {
        this.app = app;
    }

    /** The session cookie, for clients of one's own (event streams). */
    String cookie() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(c -> "JSESSIONID=" + c.getValue()).findFirst().orElseThrow();
    }

    record Page(int status, String location, String body, HttpResponse<byte[]> raw) {
    }

    /** Signs in through the form; the answer is where the form sends the person. */
    Page signIn(String username, String password) {
        Page form = get("/signin");
        Matcher m = CSRF_FIELD.matcher(form.body());
        if (!m.find()) {
            throw new IllegalStateException("no CSRF field on the sign-in page");
        }
        return post("/signin", Map.of("username", username, "password", password, "_csrf", m.group(1)));
    }

    Page get(String path) {
        return send(HttpRequest.newBuilder(app.uri(path)).GET());
    }

    Page post(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(app.uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A POST as htmx sends it: the CSRF token of the last page in a header. */
    Page htmxPost(String path, Map<String, String> form) {
        return htmxPost(path, form, null);
    }

    /** ... aimed at the element {@code target} names, as htmx says in {@code HX-Target}. */
    Page htmxPost(String path, Map<String, String> form, String target) {
        if (csrf == null) {
            get("/timeline");
        }
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("HX-Request", "true").header("X-CSRF-TOKEN", csrf);
        if (target != null) {
            request.header("HX-Target", target);
        }
        return send(request.POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> r = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
            String body = new String(r.body(), StandardCharsets.UTF_8);
            Matcher m = CSRF_META.matcher(body);
            if (m.find()) {
                csrf = m.group(1);
            }
            return new Page(r.statusCode(), r.headers().firstValue("Location").orElse(null), body, r);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
