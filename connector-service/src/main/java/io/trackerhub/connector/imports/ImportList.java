package io.trackerhub.connector.imports;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.trackerhub.connector.connectors.Connector;
import io.trackerhub.connector.ledger.Ledger;
import io.trackerhub.connector.links.Links;
import io.trackerhub.connector.systems.ExternalItem;
import io.trackerhub.connector.systems.ExternalSystem;
import io.trackerhub.connector.systems.ImportPage;
import io.trackerhub.connector.systems.Systems;
import io.trackerhub.kit.errors.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The import panel: the items of the connector's filter, view, bin or product that are not linked yet (nor tickets
 * the connector created itself), a page of the external system at a time. Pages are reached by an opaque cursor
 * (which carries the system's own: a page number, or Jira Cloud's page token) or by number.
 */
@ApplicationScoped
public class ImportList {

    /** Pages reached by number on a system that pages by token are walked from the first; no further than this. */
    static final int MAX_WALK = 50;

    /**
     * A page; it may hold fewer than {@code per_page} items, as linked ones are left out. {@code next_cursor} and
     * {@code next_page} null at the end.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Page(List<ExternalItem> items, int page, int perPage, Integer nextPage, String nextCursor) {
    }

    private final Systems systems;
    private final Links links;
    private final Ledger ledger;

    public ImportList(Systems systems, Links links, Ledger ledger) {
        this.systems = systems;
        this.links = links;
        this.ledger = ledger;
    }

    /** The page a cursor of ours names, or page {@code page} (from 1) when there is no cursor. */
    public Page page(Connector c, String cursor, int page, int perPage) {
        ExternalSystem system = systems.of(c.type());
        int number;
        String systemCursor;
        if (cursor != null) {
            String[] decoded = decode(cursor);
            number = Integer.parseInt(decoded[0]);
            systemCursor = decoded[1];
        } else {
            number = page;
            systemCursor = page == 1 ? null : system.cursorOfPage(c, page).orElseGet(() -> walk(c, system, page, perPage));
            if (page > 1 && systemCursor == null) {
                return new Page(List.of(), page, perPage, null, null);
            }
        }
        ImportPage external = system.importList(c, systemCursor, perPage);
        List<String> ids = external.items().stream().map(ExternalItem::id).toList();
        Set<String> linked = links.linkedAmong(c.id(), ids);
        Set<String> ours = ledger.wroteAmong(c.id(), Ledger.Kind.EXTERNAL_TICKET, ids);
        List<ExternalItem> open = external.items().stream().filter(i -> !linked.contains(i.id()) && !ours.contains(i.id())).toList();
        boolean more = external.next() != null;
        return new Page(open, number, perPage, more ? number + 1 : null, more ? encode(number + 1, external.next()) : null);
    }

    /** The system's cursor of page {@code page}, read from the pages before it; null when the list ends before. */
    private static String walk(Connector c, ExternalSystem system, int page, int perPage) {
        if (page > MAX_WALK) {
            throw ProblemException.invalid("page", "a " + c.type().label() + " list of this kind is paged by cursor: pages past " + MAX_WALK
                    + " are reached with next_cursor, not page");
        }
        String cursor = null;
        for (int i = 1; i < page; i++) {
            cursor = system.importList(c, cursor, perPage).next();
            if (cursor == null) {
                return null;
            }
        }
        return cursor;
    }

    static String encode(int page, String systemCursor) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((page + ":" + systemCursor).getBytes(StandardCharsets.UTF_8));
    }

    static String[] decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            if (colon > 0 && text.substring(0, colon).matches("[0-9]{1,6}") && colon < text.length() - 1) {
                return new String[] {text.substring(0, colon), text.substring(colon + 1)};
            }
        } catch (IllegalArgumentException notBase64) {
            // below
        }
        throw ProblemException.invalid("cursor", "is not a cursor this service gave: pass the next_cursor of the page before, as it was");
    }
}
