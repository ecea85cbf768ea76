package imageserver.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine;

/** A duration on the command line: a whole number with a unit (30s, 15m, 2h), or 0. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})([smh]?)");

    @Override
    public Duration convert(String value) {
        Matcher m = FORM.matcher(value.trim());
        if (!m.matches() || m.group(2).isEmpty() && Long.parseLong(m.group(1)) != 0) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a duration: give a number with s, m or h (30s, 15m, 2h), or 0");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "h" -> Duration.ofHours(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
    }
}
