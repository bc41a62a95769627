package io.trackerhub.connector.systems;

import java.util.List;

/**
 * One page of the items a connector's filter, view, bin or product holds; {@code next} the system's cursor of the
 * next page (a page number, Jira Cloud's {@code nextPageToken}), null at the end.
 */
public record ImportPage(List<ExternalItem> items, String next) {

    /** A page of a system that pages by number. */
    public static ImportPage numbered(List<ExternalItem> items, int page, boolean more) {
        return new ImportPage(items, more ? String.valueOf(page + 1) : null);
    }

    /** The page number a numbered system's cursor stands for (null: the first). */
    public static int number(String cursor) {
        if (cursor == null) {
            return 1;
        }
        try {
            int page = Integer.parseInt(cursor);
            if (page >= 1) {
                return page;
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        throw new IllegalArgumentException("not a page number: " + cursor);
    }
}
