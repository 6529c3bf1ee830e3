package io.ghlsync.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.sql.DataSource;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * {@link Inbox} on the {@code inbox} table. Claims are leases written to the row (claimed_by, claimed_until), so every
 * rule holds across nodes: on PostgreSQL candidates are locked with {@code FOR UPDATE SKIP LOCKED} so nodes claim
 * different rows without waiting; on H2 (one process per file) claims are serialised in this JVM. In both, the claiming
 * UPDATE re-checks the whole rule, so a stale read can never lease an item twice or two items of one key.
 */
public final class JdbcInbox implements Inbox {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };
    private static final int MAX_ERROR = 4000;
    private static final String COLUMNS = "i.id, i.source_system, i.event_type, i.event_id, i.ordering_key, i.payload,"
            + " i.headers, i.state, i.attempts, i.last_error, i.received_at";

    /** Due (pending and not backing off, or leased to a node whose lease ran out); ? = now, now. */
    private static final String DUE = "((i.state = 'pending' AND (i.next_attempt_at IS NULL OR i.next_attempt_at <= ?))"
            + " OR (i.state = 'processing' AND i.claimed_until < ?))";
    /**
     * The two kinds of due item, each looked up by its state: an {@code OR} of the states made H2 walk the source's
     * rows in id order through index inbox_source_intake_sequence_ix, finished ones included (3,001 rows read per
     * claim after 3,000 events, on every poll even with nothing pending). With the state named, and ordered as index
     * inbox_source_state_sequence_id_ix is (migration V10), both databases read the due rows in id order and stop at
     * the limit. ? = now.
     */
    private static final List<String> DUE_BY_STATE = List.of(
            "i.state = 'pending' AND (i.next_attempt_at IS NULL OR i.next_attempt_at <= ?)",
            "i.state = 'processing' AND i.claimed_until < ?");
    /**
     * First in its key (in any source: keys are shared), and its key not leased right now; ? = now. The second test
     * covers an item with a smaller id committed after a larger one of the same key was already claimed: it waits
     * rather than run beside it.
     */
    private static final String FIRST_OF_ITS_KEY = "NOT EXISTS (SELECT 1 FROM inbox e WHERE e.ordering_key = i.ordering_key"
            + " AND e.id < i.id AND e.state IN ('pending', 'processing'))"
            + " AND NOT EXISTS (SELECT 1 FROM inbox l WHERE l.ordering_key = i.ordering_key AND l.id <> i.id"
            + " AND l.state = 'processing' AND l.claimed_until >= ?)";
    /**
     * {@link #FIRST_OF_ITS_KEY} for a sequenced item: items of its key with a larger sequence do not count as before it,
     * whatever their ids. A lead's older batch, recovered after a crash, is stored after its newer one; it still runs
     * first, in intake order (with ids alone, as the smallest sequence it would wait behind the newer batch while the
     * newer one waited for it: every sequenced item held back for good). ? = now.
     */
    private static final String FIRST_OF_ITS_KEY_IN_SEQUENCE = "NOT EXISTS (SELECT 1 FROM inbox e"
            + " WHERE e.ordering_key = i.ordering_key AND e.id < i.id AND e.state IN ('pending', 'processing')"
            + " AND (e.intake_sequence IS NULL OR e.intake_sequence <= i.intake_sequence))"
            + " AND NOT EXISTS (SELECT 1 FROM inbox l WHERE l.ordering_key = i.ordering_key AND l.id <> i.id"
            + " AND l.state = 'processing' AND l.claimed_until >= ?)";
    /**
     * The one sequenced item that may run: the source's first unfinished sequence (read just before; ? = that), while no
     * other sequenced item is leased (one committed late with a smaller sequence than a running one waits); ? = now.
     * Whether it is below the release mark is checked before it is looked for.
     */
    private static final String NEXT_IN_SEQUENCE = "i.intake_sequence = ? AND NOT EXISTS (SELECT 1 FROM inbox r"
            + " WHERE r.source_system = i.source_system AND r.state = 'processing' AND r.intake_sequence IS NOT NULL"
            + " AND r.id <> i.id AND r.claimed_until >= ?)";
    /**
     * The smallest sequence of a source's items in one state: the first entry of index
     * inbox_source_state_sequence_id_ix (written so that H2 reads it in index order and stops at the first row).
     */
    private static final String FIRST_SEQUENCE = "SELECT intake_sequence FROM inbox WHERE source_system = ? AND state = ?"
            + " AND intake_sequence >= ? ORDER BY source_system, state, intake_sequence LIMIT 1";

    private final DataSource dataSource;
    private final Clock clock;
    private final String nodeId;
    private final Object h2ClaimLock = new Object();
    private volatile Boolean postgres;

    public JdbcInbox(DataSource dataSource, Clock clock, String nodeId) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.nodeId = nodeId;
    }

    /** The inbox of a state database, leased under this process's node id. */
    public static JdbcInbox on(StateDatabase database) {
        return new JdbcInbox(database.dataSource(), Clock.systemUTC(), defaultNodeId());
    }

    /** Host, process id and a random suffix: a restarted process is another node, so it never mistakes old leases for its own. */
    public static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "localhost";
        }
        String id = host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
        return id.length() <= 128 ? id : id.substring(id.length() - 128);
    }

    public String nodeId() {
        return nodeId;
    }

    @Override
    public Acceptance accept(NewItem item) {
        return acceptAll(List.of(item)).get(0);
    }

    @Override
    public List<Acceptance> acceptAll(List<NewItem> items) {
        if (items.isEmpty()) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection()) {
            Instant now = clock.instant();
            return allOrNothing(c, items, item -> insert(c, item, now));
        } catch (SQLException e) {
            throw new StateStoreException("cannot store " + items.size() + " inbox item(s) of "
                    + items.get(0).source() + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code ON CONFLICT DO NOTHING} (PostgreSQL, and H2 in its PostgreSQL mode) lets a duplicate pass without
     * aborting the surrounding transaction of a batch; a racing duplicate then waits for the first and finds it.
     */
    private Acceptance insert(Connection c, NewItem item, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO inbox (source_system, event_type, event_id,"
                + " ordering_key, payload, headers, received_at, updated_at, intake_sequence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING", new String[] { "id" })) {
            ps.setString(1, item.source());
            ps.setString(2, item.eventType());
            ps.setString(3, item.eventId());
            ps.setString(4, item.orderingKey());
            ps.setString(5, item.payload());
            ps.setString(6, item.headers().isEmpty() ? null : toJson(item.headers()));
            ps.setObject(7, at(now));
            ps.setObject(8, at(now));
            ps.setObject(9, item.sequence());
            if (ps.executeUpdate() == 1) {
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    if (keys.next()) {
                        return new Acceptance(keys.getLong(1), false);
                    }
                }
            }
        } catch (SQLException e) {
            if (!UniqueViolation.isCause(e)) {
                throw e;
            }
            // H2 may still report the racing duplicate as a violation; it is the same verdict
        }
        if (item.eventId() == null) {
            throw new SQLException("inbox insert of an item without event id stored nothing");
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM inbox WHERE source_system = ? AND event_id = ?")) {
            ps.setString(1, item.source());
            ps.setString(2, item.eventId());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    long id = rs.getLong(1);
                    return new Acceptance(id, !reopenIfFailed(c, id, item, now));
                }
            }
        }
        throw new SQLException("inbox item " + item.source() + "/" + item.eventId() + " was neither inserted nor found");
    }

    /**
     * A delivery of an event whose item failed (its dead letter replayed, or the source sending it again) gives the
     * item another run with the new payload; a finished or running item stays as it is, which keeps redeliveries
     * idempotent.
     */
    private static boolean reopenIfFailed(Connection c, long id, NewItem item, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE inbox SET state = 'pending', attempts = 0,"
                + " next_attempt_at = NULL, claimed_by = NULL, claimed_until = NULL, last_error = NULL, payload = ?,"
                + " headers = ?, updated_at = ? WHERE id = ? AND state = 'failed'")) {
            ps.setString(1, item.payload());
            ps.setString(2, item.headers().isEmpty() ? null : toJson(item.headers()));
            ps.setObject(3, at(now));
            ps.setLong(4, id);
            return ps.executeUpdate() == 1;
        }
    }

    @Override
    public List<InboxItem> claim(String source, int limit, Duration lease, LongSupplier releasedBelow) {
        if (limit <= 0) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection()) {
            if (isPostgres(c)) {
                return claim(c, source, limit, lease, releasedBelow, " FOR UPDATE OF i SKIP LOCKED");
            }
            synchronized (h2ClaimLock) {
                return claim(c, source, limit, lease, releasedBelow, "");
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot claim inbox items of " + source + ": " + e.getMessage(), e);
        }
    }

    private List<InboxItem> claim(Connection c, String source, int limit, Duration lease, LongSupplier releasedBelow,
            String lock) throws SQLException {
        Instant now = clock.instant();
        OffsetDateTime until = at(now.plus(lease));
        String rule = DUE + " AND " + FIRST_OF_ITS_KEY;
        String sequencedRule = DUE + " AND " + FIRST_OF_ITS_KEY_IN_SEQUENCE;
        c.setAutoCommit(false);
        try {
            // sequenced items are looked up by their sequence, the others by id: neither query reads the other's rows;
            // the watermark (queries of its own) is read only when a sequenced item is waiting for it
            long next = firstSequence(c, source);
            List<InboxItem> sequenced = next != Long.MAX_VALUE && next < releasedBelow.getAsLong()
                    ? select(c, "SELECT " + COLUMNS + " FROM inbox i WHERE i.source_system = ? AND " + NEXT_IN_SEQUENCE
                            + " AND " + sequencedRule + lock, source, next, at(now), at(now), at(now), at(now))
                    : List.of();
            List<InboxItem> others = unsequenced(c, source, Math.max(limit - sequenced.size(), 0), now, lock);
            List<InboxItem> claimed = new ArrayList<>();
            String update = "UPDATE inbox i SET state = 'processing', claimed_by = ?, claimed_until = ?,"
                    + " attempts = attempts + 1, updated_at = ? WHERE i.id = ? AND ";
            for (InboxItem item : sequenced) {
                lease(c, update + NEXT_IN_SEQUENCE + " AND " + sequencedRule, item, claimed, until, now, next, at(now));
            }
            for (InboxItem item : others) {
                lease(c, update + rule, item, claimed, until, now);
            }
            c.commit();
            return claimed;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** The oldest due items without a sequence, first of their keys: pending ones and expired leases, merged by id. */
    private List<InboxItem> unsequenced(Connection c, String source, int limit, Instant now, String lock)
            throws SQLException {
        if (limit == 0) {
            return List.of();
        }
        List<InboxItem> due = new ArrayList<>();
        for (String state : DUE_BY_STATE) {
            due.addAll(select(c, "SELECT " + COLUMNS + " FROM inbox i WHERE i.source_system = ? AND i.intake_sequence IS NULL"
                    + " AND " + state + " AND " + FIRST_OF_ITS_KEY
                    + " ORDER BY i.source_system, i.state, i.intake_sequence, i.id LIMIT ?" + lock,
                    source, at(now), at(now), limit));
        }
        due.sort(Comparator.comparingLong(InboxItem::id));
        return due.size() <= limit ? due : due.subList(0, limit);
    }

    private List<InboxItem> select(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, 1, parameters);
            List<InboxItem> items = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(item(rs));
                }
            }
            return items;
        }
    }

    /** The claiming UPDATE re-checks the whole rule ({@code sql}: its parameters after the id are {@code rule}, then now x3). */
    private void lease(Connection c, String sql, InboxItem item, List<InboxItem> claimed, OffsetDateTime until, Instant now,
            Object... rule) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, 1, nodeId, until, at(now), item.id());
            int next = bind(ps, 5, rule);
            bind(ps, next, at(now), at(now), at(now));
            if (ps.executeUpdate() == 1) {
                claimed.add(new InboxItem(item.id(), item.source(), item.eventType(), item.eventId(), item.orderingKey(),
                        item.payload(), item.headers(), InboxState.PROCESSING, item.attempts() + 1, item.lastError(),
                        item.receivedAt()));
            }
        }
    }

    /** Binds {@code values} from parameter {@code first}; answers the next parameter's index. */
    private static int bind(PreparedStatement ps, int first, Object... values) throws SQLException {
        for (Object value : values) {
            ps.setObject(first++, value);
        }
        return first;
    }

    /** The smallest sequence among the source's unfinished items; none: {@link Long#MAX_VALUE}. */
    private static long firstSequence(Connection c, String source) throws SQLException {
        long first = Long.MAX_VALUE;
        for (String state : List.of("pending", "processing")) {
            try (PreparedStatement ps = c.prepareStatement(FIRST_SEQUENCE)) {
                bind(ps, 1, source, state, Long.MIN_VALUE);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        first = Math.min(first, rs.getLong(1));
                    }
                }
            }
        }
        return first;
    }

    @Override
    public int extendLeases(List<Long> ids, Duration lease) {
        if (ids.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE inbox SET claimed_until = ?, updated_at = ?"
                     + " WHERE id = ? AND state = 'processing' AND claimed_by = ?")) {
            int held = 0;
            for (long id : ids) {
                ps.setObject(1, at(now.plus(lease)));
                ps.setObject(2, at(now));
                ps.setLong(3, id);
                ps.setString(4, nodeId);
                held += ps.executeUpdate();
            }
            return held;
        } catch (SQLException e) {
            throw new StateStoreException("cannot extend inbox leases: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean complete(long id) {
        return finish(id, "done", null, null);
    }

    @Override
    public boolean retryLater(long id, Duration delay, String reason) {
        return finish(id, "pending", clock.instant().plus(delay), reason);
    }

    @Override
    public boolean fail(long id, String reason) {
        return finish(id, "failed", null, reason);
    }

    /** Ends this node's lease on an item; conditional on still holding it, so a node whose lease moved changes nothing. */
    private boolean finish(long id, String state, Instant nextAttempt, String reason) {
        return finishAll(List.of(new Finish(id, state, nextAttempt, reason))).get(0);
    }

    /** One statement's work on an item, answering its result. */
    @FunctionalInterface
    private interface ItemWork<T, R> {
        R apply(T item) throws SQLException;
    }

    /** {@code work} on every item in one transaction (a single item: its own autocommit), all or nothing. */
    private static <T, R> List<R> allOrNothing(Connection c, List<T> items, ItemWork<T, R> work) throws SQLException {
        boolean single = items.size() == 1;
        c.setAutoCommit(single);
        try {
            List<R> results = new ArrayList<>(items.size());
            for (T item : items) {
                results.add(work.apply(item));
            }
            if (!single) {
                c.commit();
            }
            return results;
        } catch (SQLException | RuntimeException e) {
            if (!single) {
                c.rollback();
            }
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** How an item ends: its new state, when it is due again, and why (may be null). */
    private record Finish(long id, String state, Instant nextAttempt, String reason) {
    }

    /** The finishes in one transaction; answers, per finish, whether this node still held the item. */
    private List<Boolean> finishAll(List<Finish> finishes) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE inbox SET state = ?, next_attempt_at = ?,"
                     + " last_error = COALESCE(?, last_error), claimed_by = NULL, claimed_until = NULL, updated_at = ?"
                     + " WHERE id = ? AND state = 'processing' AND claimed_by = ?")) {
            return allOrNothing(c, finishes, finish -> {
                ps.setString(1, finish.state());
                ps.setObject(2, finish.nextAttempt() == null ? null : at(finish.nextAttempt()));
                ps.setString(3, finish.reason() == null ? null : truncate(finish.reason()));
                ps.setObject(4, at(clock.instant()));
                ps.setLong(5, finish.id());
                ps.setString(6, nodeId);
                return ps.executeUpdate() == 1;
            });
        } catch (SQLException e) {
            Finish first = finishes.get(0);
            throw new StateStoreException("cannot mark inbox item " + first.id() + (finishes.size() > 1 ? " (and "
                    + (finishes.size() - 1) + " more)" : "") + " " + first.state() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, Long> backlog() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT source_system, COUNT(*) FROM inbox"
                     + " WHERE state IN ('pending', 'processing') GROUP BY source_system ORDER BY source_system");
             ResultSet rs = ps.executeQuery()) {
            Map<String, Long> backlog = new LinkedHashMap<>();
            while (rs.next()) {
                backlog.put(rs.getString(1), rs.getLong(2));
            }
            return backlog;
        } catch (SQLException e) {
            throw new StateStoreException("cannot count the inbox backlog: " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, Instant> oldestUnfinished() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT source_system, MIN(received_at) FROM inbox"
                     + " WHERE state IN ('pending', 'processing') GROUP BY source_system ORDER BY source_system");
             ResultSet rs = ps.executeQuery()) {
            Map<String, Instant> oldest = new LinkedHashMap<>();
            while (rs.next()) {
                oldest.put(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant());
            }
            return oldest;
        } catch (SQLException e) {
            throw new StateStoreException("cannot read the inbox's oldest items: " + e.getMessage(), e);
        }
    }

    @Override
    public int purgeFinishedBefore(Instant cutoff) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "DELETE FROM inbox WHERE state IN ('done', 'failed') AND updated_at < ?")) {
            ps.setObject(1, at(cutoff));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StateStoreException("cannot purge the inbox: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<InboxItem> find(long id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM inbox i WHERE i.id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(item(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot read inbox item " + id + ": " + e.getMessage(), e);
        }
    }

    private boolean isPostgres(Connection c) throws SQLException {
        Boolean known = postgres;
        if (known == null) {
            known = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgresql");
            postgres = known;
        }
        return known;
    }

    private static InboxItem item(ResultSet rs) throws SQLException {
        String headers = rs.getString(7);
        return new InboxItem(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), headers == null ? Map.of() : fromJson(headers), InboxState.fromDbName(rs.getString(8)),
                rs.getInt(9), rs.getString(10), rs.getObject(11, OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String truncate(String reason) {
        return reason.length() <= MAX_ERROR ? reason : reason.substring(0, MAX_ERROR);
    }

    private static String toJson(Map<String, String> headers) {
        try {
            return JSON.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("inbox headers are not serialisable: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> fromJson(String headers) throws SQLException {
        try {
            return JSON.readValue(headers, HEADERS);
        } catch (JsonProcessingException e) {
            throw new SQLException("inbox headers column is not a JSON object: " + e.getOriginalMessage(), e);
        }
    }
}
