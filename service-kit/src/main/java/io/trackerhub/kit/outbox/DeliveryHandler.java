package io.trackerhub.kit.outbox;

/**
 * Sends the deliveries of one channel ({@code "slack"}, {@code "jira"}, {@code "webhook"}), or of several that are
 * sent the same way ({@link #channels()}). Implement it as an
 * {@code @ApplicationScoped} bean; the dispatcher calls it outside any transaction. Throwing is the same as
 * {@link DeliveryResult#retry(String)}.
 */
public interface DeliveryHandler {

    String channel();

    /** Every channel this handler sends; by default just {@link #channel()}. */
    default java.util.Set<String> channels() {
        return java.util.Set.of(channel());
    }

    DeliveryResult deliver(Delivery delivery) throws Exception;
}
