package io.trackerhub.notification.channels;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import io.trackerhub.events.activity.Activity;
import io.trackerhub.kit.outbox.Outbox;
import io.trackerhub.kit.secrets.SecretBox;
import io.trackerhub.kit.secrets.SecretBoxException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.net.URI;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The channels, in table {@code channel}, with their URLs sealed by {@link SecretBox}. Every activity is matched
 * against all channels, so they are also held in memory (URLs opened), reloaded after each change here and every few
 * seconds for changes made through another replica.
 */
@ApplicationScoped
public class Channels {

    private static final Logger LOG = Logger.getLogger(Channels.class);
    private static final String COLUMNS = "id, type, name, project_ids, publish, kinds, url_sealed, url_hint, version, "
            + "rate_per_second, created_at, updated_at";

    private final AgroalDataSource dataSource;
    private final SecretBox box;
    private final Outbox outbox;
    private final AtomicReference<Map<Long, Channel>> cache = new AtomicReference<>();

    public Channels(AgroalDataSource dataSource, SecretBox box, Outbox outbox) {
        this.dataSource = dataSource;
        this.box = box;
        this.outbox = outbox;
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
        long id = queryLong("select nextval('channel_id_seq')");
        update("insert into channel (id, type, name, project_ids, publish, kinds, url_sealed, url_hint, version, rate_per_second) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (c, s) -> {
            s.setLong(1, id);
            s.setString(2, spec.type().wire());
            s.setString(3, spec.name());
            s.setArray(4, longs(c, spec.projectIds()));
            s.setArray(5, texts(c, spec.publish().stream().map(Publish::wire).toList()));
            s.setArray(6, texts(c, spec.kinds()));
            s.setString(7, box.seal(spec.url(), secretContext(id)));
            s.setString(8, hint(spec.url()));
            s.setString(9, spec.version());
            setDouble(s, 10, spec.ratePerSecond());
        });
        outbox.limitRate(Channel.destination(id), spec.ratePerSecond() != null ? spec.ratePerSecond() : spec.type().defaultRatePerSecond());
        return id;
    }

    /** Replaces a channel's settings; false if there is none. A null URL keeps the stored one. */
    @Transactional
    public boolean replace(long id, ChannelSpec spec) {
        int changed = update("update channel set type = ?, name = ?, project_ids = ?, publish = ?, kinds = ?, version = ?, "
                + "rate_per_second = ?, updated_at = now()" + (spec.url() == null ? "" : ", url_sealed = ?, url_hint = ?") + " where id = ?", (c, s) -> {
            s.setString(1, spec.type().wire());
            s.setString(2, spec.name());
            s.setArray(3, longs(c, spec.projectIds()));
            s.setArray(4, texts(c, spec.publish().stream().map(Publish::wire).toList()));
            s.setArray(5, texts(c, spec.kinds()));
            s.setString(6, spec.version());
            setDouble(s, 7, spec.ratePerSecond());
            int next = 8;
            if (spec.url() != null) {
                s.setString(next++, box.seal(spec.url(), secretContext(id)));
                s.setString(next++, hint(spec.url()));
            }
            s.setLong(next, id);
        });
        if (changed == 1) {
            outbox.limitRate(Channel.destination(id), spec.ratePerSecond() != null ? spec.ratePerSecond() : spec.type().defaultRatePerSecond());
        }
        return changed == 1;
    }

    /** Deletes a channel; its undelivered deliveries fail with that reason when their turn comes (nothing silently). */
    @Transactional
    public boolean delete(long id) {
        boolean deleted = update("delete from channel where id = ?", (c, s) -> s.setLong(1, id)) == 1;
        if (deleted) {
            outbox.forget(Channel.destination(id));
        }
        return deleted;
    }

    /** Says at start, in one line, which channels hold a URL none of this service's keys opens. */
    void reportUnopenable(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent started) {
        try {
            List<Channel> broken = all().values().stream().filter(c -> !c.openable()).toList();
            if (!broken.isEmpty()) {
                LOG.warnf("%d of %d channels cannot be opened and deliver nothing until their URL is set again (PUT /api/channels/{id}): "
                        + "channels %s; %s", broken.size(), all().size(), broken.stream().map(c -> Long.toString(c.id())).toList(), broken.get(0).secretError());
            }
        } catch (RuntimeException e) {
            LOG.debugf("channels not checked at start: %s", e.getMessage());
        }
    }

    public Optional<Channel> find(long id) {
        return Optional.ofNullable(all().get(id));
    }

    /** The channel as stored now (not the cached copy). */
    public Optional<Channel> load(long id) {
        return query("select " + COLUMNS + " from channel where id = ?", s -> s.setLong(1, id)).stream().findFirst();
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
    public Map<Long, Channel> reload() {
        Map<Long, Channel> channels = new LinkedHashMap<>();
        for (Channel channel : query("select " + COLUMNS + " from channel order by id", s -> {
        })) {
            channels.put(channel.id(), channel);
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

    private interface Binder {
        void bind(Connection connection, PreparedStatement statement) throws SQLException;
    }

    private int update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(c, s);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("channel update failed: " + e.getMessage(), e);
        }
    }

    private long queryLong(String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("channel query failed: " + e.getMessage(), e);
        }
    }

    private List<Channel> query(String sql, PreparedStatementBinder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            List<Channel> rows = new java.util.ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("channel query failed: " + e.getMessage(), e);
        }
    }

    private interface PreparedStatementBinder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private Channel read(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        Array projects = rs.getArray("project_ids");
        Array kinds = rs.getArray("kinds");
        Set<Publish> publish = EnumSet.noneOf(Publish.class);
        for (String p : (String[]) rs.getArray("publish").getArray()) {
            Publish.of(p).ifPresent(publish::add);
        }
        double rate = rs.getDouble("rate_per_second");
        Double ratePerSecond = rs.wasNull() ? null : rate;
        String url = null;
        String secretError = null;
        try {
            url = box.open(rs.getString("url_sealed"), secretContext(id));
        } catch (SecretBoxException e) {
            // this channel only: the others load, match and deliver
            secretError = e.getMessage();
        }
        return new Channel(id, ChannelType.of(rs.getString("type")).orElseThrow(), rs.getString("name"),
                projects == null ? null : Arrays.asList((Long[]) projects.getArray()), Set.copyOf(publish),
                kinds == null ? null : Arrays.asList((String[]) kinds.getArray()),
                url, rs.getString("url_hint"), rs.getString("version"),
                ratePerSecond, rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(), secretError);
    }

    private static Array longs(Connection c, List<Long> values) throws SQLException {
        return values == null ? null : c.createArrayOf("bigint", values.toArray());
    }

    private static Array texts(Connection c, List<String> values) throws SQLException {
        return values == null ? null : c.createArrayOf("text", values.toArray());
    }

    private static void setDouble(PreparedStatement s, int index, Double value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.DOUBLE);
        } else {
            s.setDouble(index, value);
        }
    }
}
