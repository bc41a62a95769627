package io.trackerhub.connector.systems.satisfaction;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.connector.ConnectorSettings;
import io.trackerhub.connector.connectors.Connector;
import io.trackerhub.connector.connectors.ConnectorType;
import io.trackerhub.connector.systems.Calls;
import io.trackerhub.connector.systems.ExternalItem;
import io.trackerhub.connector.systems.ExternalSystem;
import io.trackerhub.connector.systems.ImportPage;
import io.trackerhub.connector.systems.RestClients;
import io.trackerhub.events.vocabulary.StoryTypes;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Get Satisfaction: the product's unresolved ideas and problems are the import list (praise and questions are not
 * work); nothing is written back, since topics are public.
 */
@ApplicationScoped
class SatisfactionSystem implements ExternalSystem {

    static final String SYSTEM = "Get Satisfaction";
    static final Set<String> IMPORTED_STYLES = Set.of("idea", "problem");
    static final Set<String> RESOLVED = Set.of("complete", "rejected");

    /** Get Satisfaction answers at most 30 topics a page, whatever limit is asked. */
    static final int MAX_PAGE = 30;

    private final RestClients clients;
    private final String api;
    private final String site;

    public SatisfactionSystem(RestClients clients, ConnectorSettings settings) {
        this.clients = clients;
        this.api = settings.satisfaction().apiUrl().replaceAll("/+$", "");
        this.site = settings.satisfaction().siteUrl().replaceAll("/+$", "");
    }

    @Override
    public ConnectorType type() {
        return ConnectorType.SATISFACTION;
    }

    private SatisfactionApi api(Connector c) {
        return clients.of(c, SatisfactionApi.class, SYSTEM, api, RestClients.none());
    }

    @Override
    public ImportPage importList(Connector c, String cursor, int perPage) {
        int page = ImportPage.number(cursor);
        int limit = Math.min(perPage, MAX_PAGE);
        String what = "the topics of " + c.setting("company") + "/" + c.setting("product");
        JsonNode answer = Calls.present(SYSTEM, what, Calls.call(SYSTEM, what,
                () -> api(c).topics(c.setting("company"), c.setting("product"), page, limit, "recently_created")));
        JsonNode topics = Calls.list(SYSTEM, what, answer, "data");
        List<ExternalItem> items = new ArrayList<>();
        for (JsonNode topic : topics) {
            String style = topic.path("style").asText();
            String status = topic.path("status").asText("");
            if (IMPORTED_STYLES.contains(style) && !RESOLVED.contains(status)) {
                items.add(item(c, topic, what));
            }
        }
        // the page really served is at most 30, whatever was asked
        long total = answer.path("total").canConvertToLong() ? answer.path("total").asLong(-1) : -1;
        boolean more = total >= 0 ? (long) (page - 1) * limit + topics.size() < total : topics.size() >= limit;
        return ImportPage.numbered(items, page, more && !topics.isEmpty());
    }

    @Override
    public ExternalItem item(Connector c, String id) {
        String what = "topic " + id;
        JsonNode topic = Calls.present(SYSTEM, what, Calls.call(SYSTEM, what, () -> api(c).topic(id)));
        return item(c, topic.has("topic") ? topic.get("topic") : topic, what);
    }

    private ExternalItem item(Connector c, JsonNode topic, String what) {
        String id = Calls.required(SYSTEM, what, topic, "id").asText();
        String style = Calls.text(topic, "style");
        String url = Calls.text(topic, "at_sfn");
        return new ExternalItem(id, topic.path("subject").asText("Topic " + id), style, topic.path("author").path("name").asText(null),
                Calls.text(topic, "created_at"), url != null ? url : url(c, id), Calls.text(topic, "content"),
                "problem".equals(style) ? StoryTypes.BUG : StoryTypes.FEATURE, null);
    }

    @Override
    public String url(Connector c, String id) {
        return site + "/" + c.setting("company") + "/topics/" + id;
    }
}
