package io.customertimeline.system;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Secrets configured by environment, or generated once, kept in {@code secrets.properties} in the
 * data directory (mode 600); the log names the file, never a value.
 */
@Component
public class Secrets {

    private static final Logger log = LoggerFactory.getLogger(Secrets.class);
    private final Path file;

    Secrets(TimelineProperties props) {
        this.file = props.dataDir().toAbsolutePath().normalize().resolve("secrets.properties");
    }

    /** The configured value of {@code name}, or the stored one, or a new one made by {@code prefix + random}. */
    public String get(String name, String configured, String prefix) {
        return get(name, configured, random -> prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(random));
    }

    /**
     * As {@link #get(String, String, String)}, with the new value made from 32 random bytes by
     * {@code format} (webhook secrets are {@code whsec_} + standard base64, as Standard Webhooks senders expect).
     */
    public synchronized String get(String name, String configured, Function<byte[], String> format) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Properties stored = load();
        String value = stored.getProperty(name);
        if (value == null) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            value = format.apply(random);
            stored.setProperty(name, value);
            save(stored);
            log.warn("{} was not set; generated one and stored it in {} (readable by this user only)", name, file);
        }
        return value;
    }

    /** Constant-time comparison of a presented secret with the expected one. */
    public static boolean matches(String presented, String expected) {
        if (presented == null || expected == null) {
            return false;
        }
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    private Properties load() {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return p;
    }

    private void save(Properties p) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("secrets.properties.tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            // plain NAME=value lines, so a value can be copied as it stands (Properties.store writes '=' as '\=');
            // the generated values hold no backslash, and Properties.load reads them back
            try (Writer w = Files.newBufferedWriter(tmp)) {
                w.write("# Customer Timeline generated secrets; keep private\n");
                for (String name : new TreeSet<>(p.stringPropertyNames())) {
                    w.write(name + "=" + p.getProperty(name) + "\n");
                }
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
