package io.trackerhub.events.activity;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.TextStyle;
import java.time.temporal.TemporalQueries;
import java.util.Locale;
import java.util.Map;

/**
 * v3 XML time, e.g. {@code 2013/04/17 20:18:54 UTC} or {@code 2009/12/14 14:12:09 PST}: Rails'
 * {@code %Y/%m/%d %H:%M:%S %Z} in the project's time zone.
 */
final class V3Time {

    static final String EXAMPLE = "2013/04/17 20:18:54 UTC";

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm:ss", Locale.ROOT);

    // A US abbreviation names a fixed offset: PST in July is still -08:00, which a region id such as
    // America/Los_Angeles would turn into -07:00.
    private static final Map<String, ZoneOffset> ABBREVIATIONS = Map.ofEntries(
            Map.entry("UTC", ZoneOffset.UTC), Map.entry("GMT", ZoneOffset.UTC), Map.entry("Z", ZoneOffset.UTC),
            Map.entry("EST", ZoneOffset.ofHours(-5)), Map.entry("EDT", ZoneOffset.ofHours(-4)),
            Map.entry("CST", ZoneOffset.ofHours(-6)), Map.entry("CDT", ZoneOffset.ofHours(-5)),
            Map.entry("MST", ZoneOffset.ofHours(-7)), Map.entry("MDT", ZoneOffset.ofHours(-6)),
            Map.entry("PST", ZoneOffset.ofHours(-8)), Map.entry("PDT", ZoneOffset.ofHours(-7)),
            Map.entry("AKST", ZoneOffset.ofHours(-9)), Map.entry("AKDT", ZoneOffset.ofHours(-8)),
            Map.entry("HST", ZoneOffset.ofHours(-10)));

    private static final DateTimeFormatter ZONE_NAME =
            new DateTimeFormatterBuilder().appendZoneText(TextStyle.SHORT).toFormatter(Locale.ROOT);

    private V3Time() {
    }

    static Instant parse(String text) {
        String trimmed = text.trim();
        int space = trimmed.lastIndexOf(' ');
        if (space < 0) {
            throw new DateTimeException("no time zone in " + text);
        }
        LocalDateTime local = LocalDateTime.parse(trimmed.substring(0, space).trim(), LOCAL);
        return local.atZone(zone(trimmed.substring(space + 1))).toInstant();
    }

    private static ZoneId zone(String name) {
        ZoneOffset known = ABBREVIATIONS.get(name.toUpperCase(Locale.ROOT));
        if (known != null) {
            return known;
        }
        if (name.startsWith("+") || name.startsWith("-")) {
            return ZoneOffset.of(name.length() == 5 ? name.substring(0, 3) + ":" + name.substring(3) : name);
        }
        return ZONE_NAME.parse(name, TemporalQueries.zone());
    }
}
