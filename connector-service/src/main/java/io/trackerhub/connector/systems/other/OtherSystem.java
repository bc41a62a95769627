package io.trackerhub.connector.systems.other;

import io.trackerhub.connector.connectors.Connector;
import io.trackerhub.connector.connectors.ConnectorType;
import io.trackerhub.connector.systems.Calls;
import io.trackerhub.connector.systems.ConfigCheck;
import io.trackerhub.connector.systems.ExternalItem;
import io.trackerhub.connector.systems.ExternalSystem;
import io.trackerhub.connector.systems.ImportPage;
import io.trackerhub.connector.systems.RestClients;
import io.trackerhub.connector.systems.SystemFailure;
import io.trackerhub.events.vocabulary.StoryTypes;
import io.trackerhub.kit.errors.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A custom ticket system ("Other" in Tracker): links go to the base URL followed by the external id; the optional
 * Import API URL answers Tracker's XML {@code <external_stories type="array"><external_story>…}, read with HTTP Basic
 * when the connector has {@code import_api_username} and {@code import_api_password} (as Tracker's form had).
 * {@code story_type} is read without regard to case, an unknown one becomes a feature with a note in the description;
 * an estimate that is not a whole number of 0 or more is left out. Nothing is written back.
 */
@ApplicationScoped
class OtherSystem implements ExternalSystem {


    private final RestClients clients;

    public OtherSystem(RestClients clients) {
        this.clients = clients;
    }

    @Override
    public ConnectorType type() {
        return ConnectorType.OTHER;
    }

    @Override
    public String exampleUrl() {
        return "https://tickets.acme.org/ticket/";
    }

    /** The Import API's credentials come as a pair, with its URL. */
    @Override
    public void checkConfig(ConfigCheck config) {
        // the base URL is a prefix the external id is appended to: kept as given
        config.settings().put("base_url", config.given("base_url").asText().trim());
        boolean user = config.has("import_api_username");
        if (user != config.hasSecret("import_api_password")) {
            throw ProblemException.invalid(user ? "config.import_api_password" : "config.import_api_username",
                    "is required with " + (user ? "import_api_username" : "import_api_password")
                            + ": the Import API is read with HTTP Basic when both are given");
        }
        if (user && !config.has("import_api_url")) {
            throw ProblemException.invalid("config.import_api_url", "is required with import_api_username: the URL the credentials are for");
        }
    }

    private static String system(Connector c) {
        return "the Import API of \"" + c.name() + "\"";
    }

    @Override
    public ImportPage importList(Connector c, String cursor, int perPage) {
        // the Import API answers everything at once: pages are cut from it here
        int page = ImportPage.number(cursor);
        List<ExternalItem> all = all(c);
        int from = Math.min(all.size(), (page - 1) * perPage);
        int to = Math.min(all.size(), from + perPage);
        return ImportPage.numbered(all.subList(from, to), page, to < all.size());
    }

    @Override
    public ExternalItem item(Connector c, String externalId) {
        if (c.setting("import_api_url") == null) {
            return new ExternalItem(externalId, c.name() + " " + externalId, null, null, null, url(c, externalId), null, StoryTypes.FEATURE, null);
        }
        return all(c).stream().filter(item -> item.id().equals(externalId)).findFirst().orElseThrow(() ->
                new SystemFailure(SystemFailure.Kind.REJECTED, system(c) + " lists no external story " + externalId, 404, null));
    }

    @Override
    public String url(Connector c, String externalId) {
        return c.setting("base_url") + externalId;
    }

    private List<ExternalItem> all(Connector c) {
        String url = c.setting("import_api_url");
        if (url == null) {
            return List.of();
        }
        String user = c.setting("import_api_username");
        RestClients.Auth auth = user == null ? RestClients.none()
                : RestClients.header("Authorization", Calls.basic(user, Objects.requireNonNullElse(c.secret("import_api_password"), "")));
        ImportApi api = clients.of(c, ImportApi.class, system(c), url, auth);
        return parse(c, Calls.call(system(c), "the import list", api::externalStories));
    }

    List<ExternalItem> parse(Connector c, String xml) {
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            document = builder.parse(new ByteArrayInputStream(xml == null ? new byte[0] : xml.getBytes(StandardCharsets.UTF_8)));
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw SystemFailure.malformed(system(c), "the import list", "not XML (" + e.getMessage() + ")");
        }
        Element root = document.getDocumentElement();
        if (!"external_stories".equals(root.getTagName())) {
            throw SystemFailure.malformed(system(c), "the import list", "<" + root.getTagName() + "> where <external_stories type=\"array\"> was expected");
        }
        List<ExternalItem> items = new ArrayList<>();
        NodeList stories = root.getElementsByTagName("external_story");
        for (int i = 0; i < stories.getLength(); i++) {
            Element story = (Element) stories.item(i);
            String id = child(story, "external_id");
            if (id == null || id.isBlank()) {
                throw SystemFailure.malformed(system(c), "the import list", "an <external_story> without <external_id> (number " + (i + 1) + ")");
            }
            String type = orElse(child(story, "story_type"), StoryTypes.FEATURE);
            String storyType = type.toLowerCase(Locale.ROOT);
            String description = child(story, "description");
            if (!StoryTypes.ALL.contains(storyType)) {
                storyType = StoryTypes.FEATURE;
                description = (description == null || description.isBlank() ? "" : description.strip() + "\n\n")
                        + "(" + c.name() + " gave the story type \"" + type + "\", which Tracker does not have: imported as a feature.)";
            }
            String estimate = orElse(child(story, "estimate"), "");
            // Tracker's estimates are points of 0 or more; -1 and other "unestimated" markers are left out
            Double points = estimate.matches("[0-9]{1,6}") ? Double.valueOf(estimate) : null;
            items.add(new ExternalItem(id.trim(), orElse(child(story, "name"), c.name() + " " + id.trim()), type,
                    child(story, "requested_by"), child(story, "created_at"), url(c, id.trim()), description, storyType, points));
        }
        return items;
    }

    private static String orElse(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value.trim();
    }

    private static String child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element.getTextContent();
            }
        }
        return null;
    }
}
