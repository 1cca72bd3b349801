package io.customertimeline.connectors;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * A connection URL of the form {@code scheme://user:password@host:port/path?query}, as admins
 * paste them ({@code imaps://me%40shop.co.za:app-password@imap.gmail.com:993},
 * {@code mysql://shop:secret@db:3306/opencart}). The user may contain a raw {@code @}: the last
 * one separates it from the host. {@link #toString()} masks the user-info.
 */
public record SourceUrl(String scheme, String user, String password, String host, int port, String path, String query) {

    /** Parses {@code url}; the message of the exception thrown for a bad URL never repeats it. */
    public static SourceUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("URL is empty");
        }
        String s = url.strip();
        int schemeEnd = s.indexOf("://");
        if (schemeEnd <= 0) {
            throw new IllegalArgumentException("URL must look like scheme://user:password@host:port/...");
        }
        String scheme = s.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        String rest = s.substring(schemeEnd + 3);
        int pathStart = indexOfAny(rest, '/', '?');
        String authority = pathStart < 0 ? rest : rest.substring(0, pathStart);
        String tail = pathStart < 0 ? "" : rest.substring(pathStart);
        String user = null;
        String password = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String info = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        String host = authority;
        int port = -1;
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && !authority.endsWith("]")) {
            host = authority.substring(0, colon);
            try {
                port = Integer.parseInt(authority.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("URL has a port that is not a number");
            }
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("URL has no host");
        }
        String path = tail;
        String query = null;
        int q = tail.indexOf('?');
        if (q >= 0) {
            path = tail.substring(0, q);
            query = tail.substring(q + 1);
        }
        return new SourceUrl(scheme, user, password, host, port, path, query);
    }

    public int portOr(int fallback) {
        return port > 0 ? port : fallback;
    }

    /** The path without its leading slash ({@code opencart} for {@code /opencart}), if any. */
    public Optional<String> pathName() {
        String p = path == null ? "" : path.replaceFirst("^/+", "");
        return p.isEmpty() ? Optional.empty() : Optional.of(URLDecoder.decode(p, StandardCharsets.UTF_8));
    }

    /** The URL with user-info replaced by {@code ****}, safe for logs and status pages. */
    @Override
    public String toString() {
        return scheme + "://" + (user != null || password != null ? "****@" : "") + host
                + (port > 0 ? ":" + port : "") + (path == null ? "" : path) + (query == null ? "" : "?" + maskQuery(query));
    }

    /** Masks {@code password=} and {@code user=} values in a query string. */
    public static String maskQuery(String query) {
        return query.replaceAll("(?i)((?:^|&)(?:password|pass|pwd|user|username|key|apikey|token)=)[^&]*", "$1****");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static int indexOfAny(String s, char a, char b) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == a || s.charAt(i) == b) {
                return i;
            }
        }
        return -1;
    }
}
