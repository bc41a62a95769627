package io.trackerhub.connector.systems.satisfaction;

import com.fasterxml.jackson.databind.JsonNode;
import io.trackerhub.connector.connectors.Connector;
import io.trackerhub.connector.connectors.ConnectorType;
import io.trackerhub.connector.systems.ExternalItem;
import io.trackerhub.connector.systems.ExternalSystem;
import io.trackerhub.connector.systems.ImportPage;
import io.trackerhub.connector.systems.Remote;
import io.trackerhub.connector.systems.SystemFailure;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Get Satisfaction: the product's unresolved ideas and problems are the import list (praise and questions are not
 * work); nothing is written back, since topics are public.
 */
@ApplicationScoped
public class SatisfactionSystem implements ExternalSystem {

    static final String SYSTEM = "Get Satisfaction";
    static final Set<String> IMPORTED_STYLES = Set.of("idea", "problem");
    static final Set<String> RESOLVED = Set.of("complete", "rejected");

    private final Remote remote;
    private final String api;
    private final String site;

    public SatisfactionSystem(Remote remote,
                              @ConfigProperty(name = "hub.connector.satisfaction.api-url", defaultValue = "https://api.getsatisfaction.com") String api,
                              @ConfigProperty(name = "hub.connector.satisfaction.site-url", defaultValue = "https://getsatisfaction.com") String site) {
        this.remote = remote;
        this.api = api.replaceAll("/+$", "");
        this.site = site.replaceAll("/+$", "");
    }

    @Override
    public ConnectorType type() {
        return ConnectorType.SATISFACTION;
    }

    @Override
    public ImportPage importList(Connector c, int page, int perPage) {
        String what = "the topics of " + c.setting("company") + "/" + c.setting("product");
        JsonNode answer = Remote.json(SYSTEM, what, remote.get(SYSTEM, api + "/companies/" + Remote.encode(c.setting("company"))
                + "/products/" + Remote.encode(c.setting("product")) + "/topics.json"
                + Remote.query(Map.of("page", page, "limit", perPage, "sort", "recently_created")), Map.of()));
        JsonNode topics = Remote.required(SYSTEM, what, answer, "data");
        if (!topics.isArray()) {
            throw SystemFailure.malformed(SYSTEM, what, "\"data\" that is not a list");
        }
        List<ExternalItem> items = new ArrayList<>();
        for (JsonNode topic : topics) {
            String style = topic.path("style").asText();
            String status = topic.path("status").asText("");
            if (IMPORTED_STYLES.contains(style) && !RESOLVED.contains(status)) {
                items.add(item(c, topic, what));
            }
        }
        long total = answer.path("total").asLong(-1);
        boolean more = total >= 0 ? (long) page * perPage < total : topics.size() >= perPage;
        return new ImportPage(items, more);
    }

    @Override
    public ExternalItem item(Connector c, String id) {
        String what = "topic " + id;
        JsonNode topic = Remote.json(SYSTEM, what, remote.get(SYSTEM, api + "/topics/" + Remote.encode(id) + ".json", Map.of()));
        return item(c, topic.has("topic") ? topic.get("topic") : topic, what);
    }

    private ExternalItem item(Connector c, JsonNode topic, String what) {
        String id = Remote.required(SYSTEM, what, topic, "id").asText();
        String style = Remote.text(topic, "style");
        String url = Remote.text(topic, "at_sfn");
        return new ExternalItem(id, topic.path("subject").asText("Topic " + id), style, topic.path("author").path("name").asText(null),
                Remote.text(topic, "created_at"), url != null ? url : url(c, id), Remote.text(topic, "content"),
                "problem".equals(style) ? "bug" : "feature", null);
    }

    @Override
    public String url(Connector c, String id) {
        return site + "/" + c.setting("company") + "/topics/" + id;
    }
}
