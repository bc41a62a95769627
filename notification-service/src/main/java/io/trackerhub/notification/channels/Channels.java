package io.trackerhub.notification.channels;

import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.kit.errors.ProblemException;
import io.trackerhub.kit.jdbc.Sql;
import io.trackerhub.kit.outbox.Outbox;
import io.trackerhub.kit.secrets.SecretBox;
import io.trackerhub.kit.secrets.SecretBoxException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The channels ({@link Channel} entities) with their URLs sealed by {@link SecretBox}. Every activity is matched
 * against all channels, so they are also held in memory (URLs opened): matching and sending cost no query. The copy
 * is read again after each change here and every {@code hub.notification.channels-refresh} for changes made through
 * another replica.
 */
@ApplicationScoped
public class Channels {

    private static final Logger LOG = Logger.getLogger(Channels.class);

    private final SecretBox box;
    private final Outbox outbox;
    private final Sql sql;
    private final AtomicReference<Map<Long, Channel>> cache = new AtomicReference<>();

    public Channels(SecretBox box, Outbox outbox, Sql sql) {
        this.box = box;
        this.outbox = outbox;
        this.sql = sql;
    }

    static String secretContext(long id) {
        return "channel/" + id + "/url";
    }

    /** Scheme and host only: enough to recognise the receiver, nothing of its key. */
    static String hint(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "/…";
    }

    @Transactional
    public long create(ChannelSpec spec) {
        Channel channel = new Channel();
        // SQL: the sealed URL's context names the id, so the id is drawn before the row (url_sealed not null) is written
        channel.id = sql.one("select nextval('channel_id_seq')", rs -> rs.getLong(1)).orElseThrow();
        channel.createdAt = Instant.now();
        spec.applyTo(channel, channel.createdAt);
        seal(channel, spec.url());
        channel.persist();
        outbox.limitRate(channel.destination(), channel.effectiveRatePerSecond());
        return channel.id;
    }

    /** Replaces a channel's settings; false if there is none. A null URL keeps the stored one. */
    @Transactional
    public boolean replace(long id, ChannelSpec spec) {
        Channel channel = Channel.findById(id);
        if (channel == null) {
            return false;
        }
        spec.applyTo(channel, Instant.now());
        if (spec.url() != null) {
            seal(channel, spec.url());
        }
        outbox.limitRate(channel.destination(), channel.effectiveRatePerSecond());
        return true;
    }

    private void seal(Channel channel, String url) {
        channel.urlSealed = box.seal(url, secretContext(channel.id));
        channel.urlHint = hint(url);
    }

    /** Deletes a channel; its undelivered deliveries fail with that reason when their turn comes (nothing silently). */
    @Transactional
    public boolean delete(long id) {
        boolean deleted = Channel.deleteById(id);
        if (deleted) {
            outbox.forget(Channel.destination(id));
        }
        return deleted;
    }

    /** Says at start, in one line, which channels hold a URL none of this service's keys opens. */
    void reportUnopenable(@Observes StartupEvent started) {
        try {
            List<Channel> broken = all().values().stream().filter(c -> !c.openable()).toList();
            if (!broken.isEmpty()) {
                LOG.warnf("%d of %d channels cannot be opened and deliver nothing until their URL is set again (PUT /api/channels/{id}): "
                        + "channels %s; %s", broken.size(), all().size(), broken.stream().map(c -> Long.toString(c.id)).toList(), broken.get(0).secretError);
            }
        } catch (RuntimeException e) {
            LOG.debugf("channels not checked at start: %s", e.getMessage());
        }
    }

    /** The channel as last read (the copy in memory). */
    public Optional<Channel> find(long id) {
        return Optional.ofNullable(all().get(id));
    }

    /** The channel as stored now (not the copy in memory), its URL opened. */
    @Transactional
    public Optional<Channel> load(long id) {
        return Channel.<Channel>findByIdOptional(id).map(this::open);
    }

    /** {@link #load}, or a 404 naming the channel. */
    public Channel existing(long id) {
        return load(id).orElseThrow(() -> notFound(id));
    }

    static ProblemException notFound(long id) {
        return ProblemException.notFound("no channel " + id);
    }

    public Collection<Channel> list() {
        return all().values();
    }

    public List<Channel> matching(Activity activity) {
        return all().values().stream().filter(channel -> channel.takes(activity)).toList();
    }

    private Map<Long, Channel> all() {
        Map<Long, Channel> channels = cache.get();
        if (channels == null) {
            channels = reload();
        }
        return channels;
    }

    /** Reads every channel again: after a change here, and on a schedule for changes made by other replicas. */
    @Transactional
    public Map<Long, Channel> reload() {
        Map<Long, Channel> channels = new LinkedHashMap<>();
        for (Channel channel : Channel.<Channel>listAll(Sort.by("id"))) {
            channels.put(channel.id, open(channel));
        }
        cache.set(channels);
        return channels;
    }

    @Scheduled(every = "${hub.notification.channels-refresh:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.warnf("channels not reloaded, keeping the ones in memory: %s", e.getMessage());
        }
    }

    private Channel open(Channel channel) {
        try {
            channel.url = box.open(channel.urlSealed, secretContext(channel.id));
            channel.secretError = null;
        } catch (SecretBoxException e) {
            // this channel only: the others load, match and deliver
            channel.url = null;
            channel.secretError = e.getMessage();
        }
        return channel;
    }
}
