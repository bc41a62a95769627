package io.trackerhub.connector.imports;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.trackerhub.connector.connectors.Connector;
import io.trackerhub.connector.ledger.Ledger;
import io.trackerhub.connector.links.Links;
import io.trackerhub.connector.systems.ExternalItem;
import io.trackerhub.connector.systems.ImportPage;
import io.trackerhub.connector.systems.Systems;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Set;

/**
 * The import panel: the items of the connector's filter, view, bin or product that are not linked yet (nor tickets
 * the connector created itself), a page of the external system at a time.
 */
@ApplicationScoped
public class ImportList {

    /** A page; it may hold fewer than {@code per_page} items, as linked ones are left out. {@code next_page} null at the end. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Page(List<ExternalItem> items, int page, int perPage, Integer nextPage) {
    }

    private final Systems systems;
    private final Links links;
    private final Ledger ledger;

    public ImportList(Systems systems, Links links, Ledger ledger) {
        this.systems = systems;
        this.links = links;
        this.ledger = ledger;
    }

    public Page page(Connector c, int page, int perPage) {
        ImportPage external = systems.of(c.type()).importList(c, page, perPage);
        List<String> ids = external.items().stream().map(ExternalItem::id).toList();
        Set<String> linked = links.linkedAmong(c.id(), ids);
        Set<String> ours = ledger.wroteAmong(c.id(), Ledger.Kind.EXTERNAL_TICKET, ids);
        List<ExternalItem> open = external.items().stream().filter(i -> !linked.contains(i.id()) && !ours.contains(i.id())).toList();
        return new Page(open, page, perPage, external.more() ? page + 1 : null);
    }
}
