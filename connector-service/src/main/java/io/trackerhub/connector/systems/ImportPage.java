package io.trackerhub.connector.systems;

import java.util.List;

/** One page of the items a connector's filter, view, bin or product holds; {@code more} when a next page may have more. */
public record ImportPage(List<ExternalItem> items, boolean more) {
}
