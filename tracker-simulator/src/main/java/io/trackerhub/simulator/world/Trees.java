package io.trackerhub.simulator.world;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trackerhub.events.TrackerJson;

import java.util.function.Consumer;

/** Edits an immutable tracker-events record through its JSON tree, so that fields the record does not name survive. */
public final class Trees {

    private Trees() {
    }

    @SuppressWarnings("unchecked")
    public static <T> T with(T record, Consumer<ObjectNode> edit) {
        ObjectNode tree = TrackerJson.toTree(record);
        edit.accept(tree);
        return (T) TrackerJson.convert(tree, record.getClass());
    }

    public static <T> T of(ObjectNode tree, Class<T> type) {
        return TrackerJson.convert(tree, type);
    }

    public static ObjectNode object() {
        return TrackerJson.mapper().createObjectNode();
    }
}
