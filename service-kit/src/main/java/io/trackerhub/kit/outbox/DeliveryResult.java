package io.trackerhub.kit.outbox;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** How an attempt went: delivered, worth retrying (perhaps not before {@code retryAfter}), or rejected for good. */
public record DeliveryResult(Outcome outcome, String detail, Integer httpStatus, Duration retryAfter) {

    public enum Outcome { DELIVERED, RETRY, REJECTED }

    public static DeliveryResult delivered() {
        return new DeliveryResult(Outcome.DELIVERED, null, null, null);
    }

    public static DeliveryResult retry(String why) {
        return new DeliveryResult(Outcome.RETRY, why, null, null);
    }

    public static DeliveryResult rejected(String why) {
        return new DeliveryResult(Outcome.REJECTED, why, null, null);
    }

    /**
     * The usual reading of an HTTP answer: 2xx delivered; 408, 425, 429 and 5xx retried, honouring
     * {@code Retry-After} (seconds or an HTTP date); any other status rejected, since sending it again
     * would get the same answer.
     */
    public static DeliveryResult fromHttp(int status, String retryAfterHeader, String body, Instant now) {
        String detail = "HTTP " + status + (body == null || body.isBlank() ? "" : ": " + abbreviate(body));
        if (status >= 200 && status < 300) {
            return new DeliveryResult(Outcome.DELIVERED, null, status, null);
        }
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            return new DeliveryResult(Outcome.RETRY, detail, status, parseRetryAfter(retryAfterHeader, now));
        }
        return new DeliveryResult(Outcome.REJECTED, detail, status, null);
    }

    static Duration parseRetryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Duration wait = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "…";
    }
}
