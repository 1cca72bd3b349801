package io.customertimeline.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import io.customertimeline.system.BadSetting;
import io.customertimeline.system.TimelineProperties;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Turns what senders write into identifiers: emails trimmed and lower-cased, phones parsed into
 * E.164 in the shop's default region, handles per platform without {@code @}.
 */
@Component
public class IdentifierParser {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern NOT_DIGITS = Pattern.compile("[^0-9]");
    private static final Pattern HANDLE = Pattern.compile("^[\\p{L}\\p{N}._-]{1,100}$");
    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    private final String region;

    public IdentifierParser(TimelineProperties props) {
        this.region = props.defaultRegion().toUpperCase(Locale.ROOT);
        if (!phones.getSupportedRegions().contains(region)) {
            throw new BadSetting("TIMELINE_DEFAULT_REGION", "must be a two-letter region code such as ZA, GB or US, not '"
                    + props.defaultRegion() + "'");
        }
    }

    public String region() {
        return region;
    }

    public int callingCode() {
        return phones.getCountryCodeForRegion(region);
    }

    public Optional<Identifier> email(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String email = raw.strip().toLowerCase(Locale.ROOT);
        return EMAIL.matcher(email).matches() && email.length() <= 254
                ? Optional.of(new Identifier(Identifier.Kind.EMAIL, email))
                : Optional.empty();
    }

    /** A valid number in E.164; {@code 082 555 1234}, {@code 27825551234} and {@code +27 82 555 1234} agree. */
    public Optional<Identifier> phone(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > 40) {
            return Optional.empty();
        }
        String text = raw.strip();
        try {
            // Each check of validity runs the region's number patterns: once per parse, no more.
            var number = phones.parse(text, region);
            boolean valid = phones.isValidNumber(number);
            if (!valid && !text.startsWith("+")) {
                // "27825551234": the country code written without its plus sign
                number = phones.parse("+" + NOT_DIGITS.matcher(text).replaceAll(""), region);
                valid = phones.isValidNumber(number);
            }
            return valid
                    ? Optional.of(new Identifier(Identifier.Kind.PHONE, phones.format(number, PhoneNumberFormat.E164)))
                    : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    public Optional<Identifier> handle(String platform, String raw) {
        if (platform == null || platform.isBlank() || raw == null) {
            return Optional.empty();
        }
        String handle = raw.strip();
        handle = handle.startsWith("@") ? handle.substring(1) : handle;
        handle = handle.toLowerCase(Locale.ROOT);
        if (!HANDLE.matcher(handle).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Identifier(Identifier.Kind.HANDLE, platform.strip().toLowerCase(Locale.ROOT) + ":" + handle));
    }

    public Optional<Identifier> opencartCustomer(Long id) {
        return id == null || id <= 0 ? Optional.empty() : Optional.of(new Identifier(Identifier.Kind.OPENCART, Long.toString(id)));
    }

    /** Whatever a person types into "customerId": an email, a phone in any format, a handle, or a profile id. */
    public String normaliseLookup(String raw) {
        String text = raw.strip();
        if (text.contains("@") && !text.startsWith("@")) {
            return email(text).map(Identifier::value).orElse(text.toLowerCase(Locale.ROOT));
        }
        if (text.matches("^[+0-9 ()./-]{6,}$")) {
            return phone(text).map(Identifier::value).orElse(text);
        }
        return text;
    }
}
