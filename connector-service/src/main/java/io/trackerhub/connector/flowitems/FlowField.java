package io.trackerhub.connector.flowitems;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;

/**
 * The Planview Viz field-type table: each story field a flow item carries, with the type Viz maps it to. Viz knows
 * string, single-select, multi-select and boolean fields; numbers and dates that are not one of the flow item's own
 * times are given as the field type a Viz user filters them by.
 */
public record FlowField(String name, String source, Type type) {

    public enum Type {
        STRING("string"), SINGLE_SELECT("single-select"), MULTI_SELECT("multi-select"), BOOLEAN("boolean");

        private final String wire;

        Type(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }
    }

    /** In the order a flow item lists them. */
    public static final List<FlowField> TABLE = List.of(
            new FlowField("name", "name", Type.STRING),
            new FlowField("description", "description", Type.STRING),
            new FlowField("url", "url", Type.STRING),
            new FlowField("integration_url", "integration_url", Type.STRING),
            new FlowField("external_id", "external_id", Type.STRING),
            new FlowField("deadline", "deadline", Type.STRING),
            new FlowField("project", "project_name", Type.SINGLE_SELECT),
            new FlowField("story_type", "story_type", Type.SINGLE_SELECT),
            new FlowField("current_state", "current_state", Type.SINGLE_SELECT),
            // a point scale is a short list of values (0,1,2,3,5,8): a single-select, not free text
            new FlowField("estimate", "estimate", Type.SINGLE_SELECT),
            new FlowField("requested_by_id", "requested_by_id", Type.SINGLE_SELECT),
            new FlowField("labels", "labels", Type.MULTI_SELECT),
            new FlowField("epics", "epics", Type.MULTI_SELECT),
            new FlowField("owner_ids", "owner_ids", Type.MULTI_SELECT),
            new FlowField("estimated", "estimate", Type.BOOLEAN),
            new FlowField("linked", "integration_url", Type.BOOLEAN));
}
