package io.trackerhub.kit.outbox;

/**
 * Sends the deliveries of one channel ({@code "slack"}, {@code "jira"}, {@code "webhook"}). Implement it as an
 * {@code @ApplicationScoped} bean; the dispatcher calls it outside any transaction. Throwing is the same as
 * {@link DeliveryResult#retry(String)}.
 */
public interface DeliveryHandler {

    String channel();

    DeliveryResult deliver(Delivery delivery) throws Exception;
}
