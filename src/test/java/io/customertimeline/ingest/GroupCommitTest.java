package io.customertimeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.customertimeline.Events;
import io.customertimeline.TestApp;
import io.customertimeline.Waits;
import io.customertimeline.identity.Identifier;
import io.customertimeline.identity.IdentityResolver;
import io.customertimeline.system.BusyException;
import io.customertimeline.system.Transactions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Against the real database: events that arrive while a batch is written are committed together,
 * one bad event costs the others nothing, and an event is either answered with what was committed
 * or refused with nothing written.
 */
class GroupCommitTest {

    private final TestApp app = TestApp.get();
    private final JdbcClient jdbc = app.jdbc();
    private final Transactions transactions = app.bean(Transactions.class);
    private final ExecutorService senders = Executors.newFixedThreadPool(40);
    private final List<GroupCommit> started = new ArrayList<>();

    @BeforeAll
    static void probeTable() {
        TestApp.get().jdbc().sql("CREATE TABLE IF NOT EXISTS group_commit_probe (k text PRIMARY KEY, tx bigint NOT NULL)").update();
    }

    @AfterEach
    void stop() throws InterruptedException {
        senders.shutdownNow();
        for (GroupCommit g : started) {
            g.close();
        }
    }

    @Test
    void eventsThatArriveWhileABatchIsWrittenAreCommittedTogether() throws Exception {
        GroupCommit group = oneCommitter(Duration.ofSeconds(30));
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger firstRuns = new AtomicInteger();
        String a = TestApp.unique("a");
        Future<Long> first = senders.submit(() -> group.submit(null, keys(a), () -> {
            long tx = write(a);
            firstRuns.incrementAndGet();
            Waits.await(release);
            return tx;
        }));
        Waits.until(() -> firstRuns.get() == 1);
        List<String> later = List.of(TestApp.unique("b"), TestApp.unique("c"), TestApp.unique("d"));
        List<Future<Long>> queued = new ArrayList<>();
        for (String k : later) {
            queued.add(senders.submit(() -> group.submit(null, keys(k), () -> write(k))));
        }
        Waits.until(() -> group.waiting() == later.size());
        assertThat(queued).as("nothing of the later ones is answered before they are committed").noneMatch(Future::isDone);

        release.countDown();

        long alone = first.get(30, TimeUnit.SECONDS);
        List<Long> together = new ArrayList<>();
        for (Future<Long> f : queued) {
            together.add(f.get(30, TimeUnit.SECONDS));
        }
        assertThat(together).as("one transaction for the three that gathered").containsOnly(together.get(0));
        assertThat(together.get(0)).isNotEqualTo(alone);
        for (String k : later) {
            assertThat(committedTx(k)).as("committed, by the transaction its answer named").isEqualTo(together.get(0));
        }
    }

    @Test
    void whenOneEventOfABatchFailsTheOthersAreCommittedAndOnlyItIsRefused() throws Exception {
        GroupCommit group = oneCommitter(Duration.ofSeconds(30));
        String taken = TestApp.unique("taken");
        write(taken);
        CountDownLatch release = new CountDownLatch(1);
        Future<Integer> blocker = holdTheCommitter(group, release);
        String before = TestApp.unique("before");
        String after = TestApp.unique("after");
        Future<Long> good1 = senders.submit(() -> group.submit(null, keys(before), () -> write(before)));
        Waits.until(() -> group.waiting() == 1);
        Future<Long> bad = senders.submit(() -> group.submit(null, keys(taken), () -> write(taken)));
        Waits.until(() -> group.waiting() == 2);
        Future<Long> good2 = senders.submit(() -> group.submit(null, keys(after), () -> write(after)));
        Waits.until(() -> group.waiting() == 3);

        release.countDown();

        assertThat(blocker.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(good1.get(30, TimeUnit.SECONDS)).isEqualTo(committedTx(before));
        assertThat(good2.get(30, TimeUnit.SECONDS)).isEqualTo(committedTx(after));
        assertThatThrownBy(() -> bad.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(DuplicateKeyException.class);
        assertThat(committedTx(before)).as("recorded again alone once the batch was rolled back").isNotEqualTo(committedTx(after));
    }

    @Test
    void anEventStillQueuedWhenItsWaitRunsOutIsRefusedAndNeverWritten() throws Exception {
        GroupCommit group = oneCommitter(Duration.ofMillis(300));
        CountDownLatch release = new CountDownLatch(1);
        Future<Integer> blocker = holdTheCommitter(group, release);
        String refused = TestApp.unique("refused");

        assertThatThrownBy(() -> group.submit(null, keys(refused), () -> write(refused))).isInstanceOf(BusyException.class);

        release.countDown();
        assertThat(blocker.get(30, TimeUnit.SECONDS)).as("the one being written when its wait ran out is still answered")
                .isEqualTo(1);
        String next = TestApp.unique("next");
        group.submit(null, keys(next), () -> write(next));
        assertThat(exists(next)).isTrue();
        assertThat(exists(refused)).as("taken back before it was written, and never written later").isFalse();
    }

    @Test
    void closingCommitsWhatIsQueuedAndRefusesWhatComesAfter() throws Exception {
        GroupCommit group = oneCommitter(Duration.ofSeconds(30));
        CountDownLatch release = new CountDownLatch(1);
        Future<Integer> blocker = holdTheCommitter(group, release);
        String queued = TestApp.unique("queued");
        Future<Long> pending = senders.submit(() -> group.submit(null, keys(queued), () -> write(queued)));
        Waits.until(() -> group.waiting() == 1);

        Future<?> closing = senders.submit(() -> {
            group.close();
            return null;
        });
        Waits.until(() -> !group.open());
        release.countDown();
        closing.get(30, TimeUnit.SECONDS);

        assertThat(blocker.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(pending.get(30, TimeUnit.SECONDS)).isEqualTo(committedTx(queued));
        assertThatThrownBy(() -> group.submit(null, keys("late"), () -> 1)).isInstanceOf(BusyException.class);
    }

    @Test
    void aBatchTakesItsLeadsFirstThenItsEventsKeysThenItsIdentifiersEachSortedOnce() {
        List<String[]> events = List.of(
                new String[] {"order#9", "email:b@example.com", "phone:+27821234567"},
                new String[] {"email#1", "email:a@example.com"},
                new String[] {"chat#5", "email:b@example.com", "email:a@example.com"});

        assertThat(GroupCommit.lockOrder(List.of("inbox#timeline#id:z", "inbox#timeline#id:a"), events)).containsExactly(
                "inbox#timeline#id:a", "inbox#timeline#id:z", "chat#5", "email#1", "order#9",
                "email:a@example.com", "email:b@example.com", "phone:+27821234567");
    }

    @Test
    void aCommitterPerCoreAtLeastTwoAndNeverMoreThanHalfTheWriteSlots() {
        assertThat(GroupCommit.committers(2, 6)).isEqualTo(2);
        assertThat(GroupCommit.committers(1, 1)).isEqualTo(2);
        assertThat(GroupCommit.committers(4, 6)).isEqualTo(3);
        assertThat(GroupCommit.committers(16, 48)).isEqualTo(16);
    }

    @Test
    void manySendersAtOnceAreAllAnsweredAllCommittedAndShareCommits() throws Exception {
        int senderCount = 32;
        int perSender = 4;
        String shared = TestApp.unique("shared") + "@example.co.za";
        CyclicBarrier start = new CyclicBarrier(senderCount);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int s = 0; s < senderCount; s++) {
            int sender = s;
            results.add(senders.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < perSender; i++) {
                    // every fourth order names the shared customer, the rest a customer of their own
                    String email = (sender + i) % 4 == 0 ? shared : TestApp.unique("own") + "@example.co.za";
                    TestApp.Response r = app.sync("sync_opencart_order", Events.order(TestApp.uniqueNumber(), email).json());
                    assertThat(r.status()).as(r.body()).isEqualTo(200);
                    ids.add(r.json().path("interaction_id").asString());
                }
                return ids;
            }));
        }
        List<String> ids = new ArrayList<>();
        for (Future<List<String>> f : results) {
            ids.addAll(f.get(60, TimeUnit.SECONDS));
        }

        long events = senderCount * perSender;
        var stored = jdbc.sql("""
                SELECT count(*) AS rows, count(DISTINCT xmin::text) AS commits
                FROM customer_interactions WHERE id = ANY(CAST(:ids AS uuid[]))
                """).param("ids", ids.toArray(String[]::new)).query((rs, n) -> new long[] {rs.getLong("rows"), rs.getLong("commits")})
                .single();
        assertThat(stored[0]).as("every answered event is committed").isEqualTo(events);
        assertThat(stored[1]).as("events that arrived together shared commits").isLessThan(events);
        assertThat(app.get("/api/timeline?action=profile&customerId=" + shared).json().path("total_orders").asLong())
                .as("one order of each sender's four named the shared customer").isEqualTo(senderCount);
    }

    @Test
    void aBatchAnswersNewRepeatedChangedAndTwiceSentEventsAsEachWouldBeAnsweredAlone() throws Exception {
        String email = TestApp.unique("batch") + "@example.co.za";
        long repeated = TestApp.uniqueNumber();
        long changed = TestApp.uniqueNumber();
        long fresh = TestApp.uniqueNumber();
        long twice = TestApp.uniqueNumber();
        assertThat(app.sync("sync_opencart_order", Events.order(repeated, email).json()).status()).isEqualTo(200);
        assertThat(app.sync("sync_opencart_order", Events.order(changed, email).json()).status()).isEqualTo(200);
        List<String> events = List.of(
                Events.order(repeated, email).json(),
                Events.order(changed, email).with("order_status", "Refunded").json(),
                Events.order(fresh, email).with("order_total", 100).json(),
                Events.order(twice, email).with("order_total", 50).json(),
                Events.order(twice, email).with("order_total", 70).json());

        List<TestApp.Response> answers = inOneBatch(events);

        assertThat(answers).extracting(r -> r.json().path("outcome").asString())
                .containsExactly("unchanged", "updated", "created", "created", "updated");
        List<String> ids = answers.stream().map(r -> r.json().path("interaction_id").asString()).toList();
        assertThat(ids.get(4)).as("the second of the twice-sent order updated the entry the first created").isEqualTo(ids.get(3));
        assertThat(ids.subList(0, 4)).doesNotHaveDuplicates();
        var stored = jdbc.sql("""
                SELECT count(DISTINCT xmin::text) FROM customer_interactions
                WHERE id = ANY(CAST(:ids AS uuid[])) AND source = 'order'
                """).param("ids", ids.subList(1, 5).toArray(String[]::new)).query(Long.class).single();
        assertThat(stored).as("written together, by one transaction").isEqualTo(1);
        var profile = app.get("/api/timeline?action=profile&customerId=" + email).json();
        assertThat(profile.path("total_orders").asInt()).as("the repeat and the change added no order").isEqualTo(4);
        assertThat(profile.path("paid_orders").asInt()).as("the refunded order no longer counts").isEqualTo(3);
        assertThat(profile.path("lifetime_value").decimalValue()).as("1299.99 + 100 + 70").isEqualByComparingTo("1469.99");
    }

    @Test
    void aBatchOfOneOrderSentTwiceIsCommittedTogetherNotEventByEvent() throws Exception {
        String email = TestApp.unique("twice") + "@example.co.za";
        long order = TestApp.uniqueNumber();

        List<TestApp.Response> answers = inOneBatch(List.of(
                Events.order(order, email).with("order_total", 50).json(),
                Events.order(order, email).with("order_total", 70).json()));

        assertThat(answers).extracting(r -> r.json().path("outcome").asString()).containsExactly("created", "updated");
        var written = jdbc.sql("""
                SELECT count(DISTINCT xmin::text) FROM (
                    SELECT xmin FROM customer_interactions WHERE source = 'order' AND source_key = :key
                    UNION ALL SELECT xmin FROM customer_identities WHERE kind = 'email' AND value = :email) rows
                """).param("key", String.valueOf(order)).param("email", email).query(Long.class).single();
        assertThat(written).as("the identity the first sending claimed and the entry the second rewrote: one transaction")
                .isEqualTo(1);
        var profile = app.get("/api/timeline?action=profile&customerId=" + email).json();
        assertThat(profile.path("lifetime_value").decimalValue()).as("the second sending's total").isEqualByComparingTo("70");
    }

    @Test
    void anEventWhoseProfileAnEarlierEventOfItsBatchMergesAwayLandsOnTheSurvivor() throws Exception {
        String older = TestApp.unique("older") + "@example.co.za";
        String younger = TestApp.unique("younger") + "@example.co.za";
        String youngerPhone = "+2782" + String.format("%07d", TestApp.uniqueNumber() % 10_000_000);
        String stranger = TestApp.unique("stranger") + "@example.co.za";
        app.sync("sync_opencart_order", Events.order(TestApp.uniqueNumber(), older).json());
        app.sync("sync_opencart_order", Events.order(TestApp.uniqueNumber(), younger).with("customer_phone", youngerPhone).json());
        String survivor = app.get("/api/timeline?action=profile&customerId=" + older).json().path("id").asString();

        List<TestApp.Response> answers = inOneBatch(List.of(
                Events.order(TestApp.uniqueNumber(), older).with("customer_phone", youngerPhone).json(),
                Events.order(TestApp.uniqueNumber(), younger).json(),
                Events.order(TestApp.uniqueNumber(), stranger).json()));

        assertThat(answers.get(0).json().path("customer_id").asString()).as("the older profile survives the merge")
                .isEqualTo(survivor);
        assertThat(answers.get(1).json().path("customer_id").asString())
                .as("the younger profile's email, recorded after the merge in the same batch, reaches the survivor")
                .isEqualTo(survivor);
        assertThat(answers.get(2).json().path("customer_id").asString()).isNotEqualTo(survivor);
        var profile = app.get("/api/timeline?action=profile&customerId=" + younger).json();
        assertThat(profile.path("id").asString()).isEqualTo(survivor);
        assertThat(profile.path("total_orders").asInt()).as("two orders before the batch, two in it").isEqualTo(4);
        assertThat(app.get("/api/timeline?action=timeline&customerId=" + older).json().path("timeline")).hasSize(4);
    }

    @Test
    void twoEventsOfABatchThatNameOneNewEmailMakeOneProfile() throws Exception {
        String email = TestApp.unique("newcomer") + "@example.co.za";

        List<TestApp.Response> answers = inOneBatch(List.of(
                Events.order(TestApp.uniqueNumber(), email).json(),
                Events.order(TestApp.uniqueNumber(), email).json()));

        assertThat(answers).extracting(r -> r.json().path("outcome").asString()).containsExactly("created", "created");
        assertThat(answers.get(1).json().path("customer_id").asString()).isEqualTo(answers.get(0).json().path("customer_id").asString());
        assertThat(app.get("/api/timeline?action=profile&customerId=" + email).json().path("total_orders").asInt()).isEqualTo(2);
    }

    @Test
    void anOrderSentTwiceInABatchDoesNotSplitItsCustomerFromTheBatchsOtherOrder() throws Exception {
        String email = TestApp.unique("split") + "@example.co.za";
        long twice = TestApp.uniqueNumber();

        List<TestApp.Response> answers = inOneBatch(List.of(
                Events.order(twice, email).with("order_total", 10).json(),
                Events.order(twice, email).with("order_total", 10).with("order_status", "Processing").json(),
                Events.order(TestApp.uniqueNumber(), email).with("order_total", 20).json()));

        assertThat(answers).extracting(r -> r.json().path("customer_id").asString()).as("one customer, one profile")
                .containsOnly(answers.get(0).json().path("customer_id").asString());
        var profile = app.get("/api/timeline?action=profile&customerId=" + email).json();
        assertThat(profile.path("total_orders").asInt()).isEqualTo(2);
        assertThat(profile.path("lifetime_value").decimalValue()).isEqualByComparingTo("30");
        assertThat(jdbc.sql("""
                SELECT count(*) FROM customer_profiles p WHERE merged_into IS NULL
                  AND NOT EXISTS (SELECT FROM customer_identities i WHERE i.customer_id = p.id)
                  AND EXISTS (SELECT FROM opencart_orders_cache o WHERE o.customer_id = p.id AND o.customer_email = :email)
                """).param("email", email).query(Long.class).single()).as("no profile left without an identifier").isZero();
    }

    @Test
    void anEventOfABatchWhoseOwnerARepeatedRecordMergesAwayLandsOnTheSurvivor() throws Exception {
        String phone = "+2782" + String.format("%07d", TestApp.uniqueNumber() % 10_000_000);
        String email = TestApp.unique("merged") + "@example.co.za";
        app.sync("sync_opencart_order", Events.order(TestApp.uniqueNumber(), TestApp.unique("older") + "@example.co.za")
                .with("customer_phone", phone).json());
        String survivor = app.get("/api/timeline?action=profile&customerId=" + phone).json().path("id").asString();
        app.sync("sync_opencart_order", Events.order(TestApp.uniqueNumber(), email).json());
        long linking = TestApp.uniqueNumber();
        long after = TestApp.uniqueNumber();

        List<TestApp.Response> answers = inOneBatch(List.of(
                Events.order(linking, email).with("customer_phone", phone).with("order_status", "Pending").json(),
                Events.order(linking, email).with("customer_phone", phone).with("order_status", "Processing").json(),
                Events.order(after, email).json()));

        assertThat(answers).extracting(r -> r.json().path("customer_id").asString()).as("all on the survivor of the merge")
                .containsOnly(survivor);
        var timeline = app.get("/api/timeline?action=timeline&customerId=" + email).json().path("timeline");
        assertThat(timeline).extracting(e -> e.path("reference_id").asString()).contains(String.valueOf(after));
        var profile = app.get("/api/timeline?action=profile&customerId=" + email).json();
        assertThat(profile.path("total_orders").asInt()).as("one before each, two in the batch").isEqualTo(4);
        assertThat(jdbc.sql("SELECT count(*) FROM customer_interactions i JOIN customer_profiles p ON p.id = i.customer_id "
                + "WHERE i.source = 'order' AND i.source_key = :key AND p.merged_into IS NOT NULL")
                .param("key", String.valueOf(after)).query(Long.class).single()).as("nothing on a merged-away profile").isZero();
    }

    @Test
    void whenAnOwnerComesBackMergedAwayNoEventOfTheBatchTakesTheBatchsRead() {
        String kept = TestApp.unique("kept") + "@example.co.za";
        String folded = TestApp.unique("folded") + "@example.co.za";
        app.sync("sync_opencart_order", Events.order(TestApp.uniqueNumber(), kept).json());
        app.sync("sync_opencart_order", Events.order(TestApp.uniqueNumber(), folded).json());
        UUID keptId = UUID.fromString(app.get("/api/timeline?action=profile&customerId=" + kept).json().path("id").asString());
        UUID foldedId = UUID.fromString(app.get("/api/timeline?action=profile&customerId=" + folded).json().path("id").asString());
        IdentityResolver identity = app.bean(IdentityResolver.class);
        List<List<Identifier>> both = List.of(List.of(new Identifier(Identifier.Kind.EMAIL, kept)),
                List.of(new Identifier(Identifier.Kind.EMAIL, folded)));
        List<Optional<UUID>> noEntries = List.of(Optional.empty(), Optional.empty());

        Map<Integer, IdentityResolver.Snapshot> each = transactions.run(status -> identity.ownersOfEach(both, noEntries));
        assertThat(each).as("two events with owners of their own each get theirs").containsOnlyKeys(0, 1);
        // as a lock-holder's merge leaves the row when its lock was waited for: merged, its identity not yet seen moved
        transactions.run(status -> {
            jdbc.sql("UPDATE customer_profiles SET merged_into = :kept WHERE id = :folded")
                    .param("kept", keptId).param("folded", foldedId).update();
            assertThat(identity.ownersOfEach(both, noEntries)).as("a batch that meets a merged-away owner").isEmpty();
            assertThat(identity.ownersOfEach(both.subList(1, 2), noEntries.subList(1, 2)))
                    .as("one event alone follows the merge itself").containsOnlyKeys(0);
            status.setRollbackOnly();
            return null;
        });
    }

    /**
     * Sends each body to {@code /api/sync} while every committer of the service is held, so that
     * all of them gather in the queue, then lets one committer take them as one batch; the answers
     * come back in the order the bodies were queued.
     */
    private List<TestApp.Response> inOneBatch(List<String> bodies) throws Exception {
        GroupCommit group = app.bean(GroupCommit.class);
        List<CountDownLatch> releases = new ArrayList<>();
        List<Future<Integer>> holders = new ArrayList<>();
        for (int i = 0; i < group.committerCount(); i++) {
            CountDownLatch release = new CountDownLatch(1);
            releases.add(release);
            AtomicInteger running = new AtomicInteger();
            holders.add(senders.submit(() -> group.submit(null, keys(TestApp.unique("hold")), () -> {
                running.incrementAndGet();
                Waits.await(release);
                return 1;
            })));
            Waits.until(() -> running.get() == 1);
        }
        List<Future<TestApp.Response>> answers = new ArrayList<>();
        for (String body : bodies) {
            int queuedBefore = group.waiting();
            answers.add(senders.submit(() -> app.sync("sync_opencart_order", body)));
            Waits.until(() -> group.waiting() == queuedBefore + 1);
        }
        releases.get(0).countDown();
        List<TestApp.Response> out = new ArrayList<>();
        for (Future<TestApp.Response> f : answers) {
            TestApp.Response r = f.get(30, TimeUnit.SECONDS);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            out.add(r);
        }
        releases.forEach(CountDownLatch::countDown);
        for (Future<Integer> h : holders) {
            h.get(30, TimeUnit.SECONDS);
        }
        return out;
    }

    private GroupCommit oneCommitter(Duration wait) {
        GroupCommit g = new GroupCommit(jdbc, transactions, app.bean(IdentityResolver.class), 1, wait);
        started.add(g);
        return g;
    }

    /** Work that keeps the only committer busy until the test releases it; returns once it is running. */
    private Future<Integer> holdTheCommitter(GroupCommit group, CountDownLatch release) throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        Future<Integer> held = senders.submit(() -> group.submit(null, keys(TestApp.unique("hold")), () -> {
            runs.incrementAndGet();
            Waits.await(release);
            return 1;
        }));
        Waits.until(() -> runs.get() == 1);
        return held;
    }

    private static String[] keys(String event) {
        return new String[] {"test#" + event};
    }

    private long write(String key) {
        return jdbc.sql("INSERT INTO group_commit_probe (k, tx) VALUES (:k, txid_current()) RETURNING tx")
                .param("k", key).query(Long.class).single();
    }

    private boolean exists(String key) {
        return jdbc.sql("SELECT count(*) FROM group_commit_probe WHERE k = :k").param("k", key).query(Long.class).single() == 1;
    }

    private long committedTx(String key) {
        return jdbc.sql("SELECT tx FROM group_commit_probe WHERE k = :k").param("k", key).query(Long.class).single();
    }
}
