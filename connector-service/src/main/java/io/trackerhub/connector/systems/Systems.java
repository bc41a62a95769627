package io.trackerhub.connector.systems;

import io.trackerhub.connector.connectors.ConnectorType;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import java.util.EnumMap;
import java.util.Map;

/** The {@link ExternalSystem} of each connector type. */
@Singleton
public class Systems {

    private final Map<ConnectorType, ExternalSystem> byType = new EnumMap<>(ConnectorType.class);

    public Systems(Instance<ExternalSystem> systems) {
        systems.forEach(system -> byType.put(system.type(), system));
        for (ConnectorType type : ConnectorType.values()) {
            if (!byType.containsKey(type)) {
                throw new IllegalStateException("no external system for connector type " + type.wire());
            }
        }
    }

    public ExternalSystem of(ConnectorType type) {
        return byType.get(type);
    }
}
