package io.trackerhub.connector.datasets;

import io.trackerhub.kit.errors.ProblemException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Where a page ends: the (updated_at, id) of its last row, opaque to callers (base64url). The next page starts after
 * it (keyset paging), so rows arriving while a client pages never shift the pages: a row that changes moves to the
 * end and is seen again there, nothing present at the start is skipped.
 */
public record Cursor(Instant updatedAt, long id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((updatedAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text.trim()), StandardCharsets.UTF_8);
            int bar = plain.indexOf('|');
            return new Cursor(Instant.parse(plain.substring(0, bar)), Long.parseLong(plain.substring(bar + 1)));
        } catch (IllegalArgumentException | IndexOutOfBoundsException | DateTimeParseException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this API gave out; use next_cursor of the previous page as it is");
        }
    }
}
