package io.customertimeline.connectors.quotechat;

import io.customertimeline.connectors.SettingsFromEnvironment;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The quote chat's Supabase project: {@code AUDICO_CHAT_QUOTE_SUPABASE_URL}
 * ({@code https://<project>.supabase.co}, with or without {@code /rest/v1}),
 * {@code AUDICO_CHAT_QUOTE_SUPABASE_KEY} (a key that may read the table; the service-role key
 * bypasses row-level security), {@code AUDICO_CHAT_QUOTE_TABLE} (default {@code quote_sessions}).
 */
public record QuoteChatSettings(URI restUrl, String key, String table, int pageSize, Duration timeout) {

    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    public QuoteChatSettings {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("AUDICO_CHAT_QUOTE_TABLE must be a plain table name: " + table);
        }
        if (pageSize < 1) {
            throw new IllegalArgumentException("AUDICO_CHAT_QUOTE_PAGE_SIZE must be at least 1, not " + pageSize);
        }
    }

    public static Optional<QuoteChatSettings> fromEnvironment(Function<String, String> env) {
        String url = env.apply("AUDICO_CHAT_QUOTE_SUPABASE_URL");
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        String key = env.apply("AUDICO_CHAT_QUOTE_SUPABASE_KEY");
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("AUDICO_CHAT_QUOTE_SUPABASE_URL is set but AUDICO_CHAT_QUOTE_SUPABASE_KEY is not");
        }
        String base = url.strip().replaceAll("/+$", "");
        if (!base.endsWith("/rest/v1")) {
            base = base + "/rest/v1";
        }
        URI uri;
        try {
            uri = URI.create(base + "/");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("AUDICO_CHAT_QUOTE_SUPABASE_URL is not a URL");
        }
        if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("AUDICO_CHAT_QUOTE_SUPABASE_URL must be an http(s) URL without credentials");
        }
        var settings = new SettingsFromEnvironment(env);
        String table = settings.text("AUDICO_CHAT_QUOTE_TABLE", "quote_sessions");
        int page = settings.wholeNumber("AUDICO_CHAT_QUOTE_PAGE_SIZE", 1000);
        return Optional.of(new QuoteChatSettings(uri, key.strip(), table, page, Duration.ofSeconds(30)));
    }

    public QuoteChatSettings withPageSize(int size) {
        return new QuoteChatSettings(restUrl, key, table, size, timeout);
    }

    @Override
    public String toString() {
        return "QuoteChatSettings[url=" + restUrl + ", key=****, table=" + table + ", pageSize=" + pageSize + "]";
    }
}
