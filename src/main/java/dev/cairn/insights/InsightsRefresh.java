package dev.cairn.insights;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import dev.cairn.identity.Actor;
import dev.cairn.identity.Actors;
import dev.cairn.identity.Audit;
import dev.cairn.insights.internal.FactBuilder;
import dev.cairn.shared.DatabaseDialect;
import dev.cairn.shared.jobs.Jobs;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the insights facts up to date. {@link #refresh()} recomputes what changed since the last
 * run: incidents marked dirty by their change events, incidents with timeline entries past the
 * watermark, and incidents still open (their time keeps growing). {@link #rebuildAll()}
 * recomputes every incident in batches and records its progress, for bulk loads.
 */
@Service
public class InsightsRefresh {

    public static final String REFRESH_TASK = "insights-refresh";
    public static final String REBUILD_TASK = "insights-rebuild";
    static final int BATCH = 500;
    /** Entry ids are handed out before commit, so a late commit can land below the watermark. */
    static final long WATERMARK_OVERLAP = 1000;

    private static final List<String> FACT_TABLES =
            List.of("insights_people", "insights_service_people", "insights_incident_services", "insights_incidents");

    private static final Logger log = LoggerFactory.getLogger(InsightsRefresh.class);

    private final JdbcClient jdbc;
    private final FactBuilder builder;
    private final Jobs jobs;
    private final OneTimeTask<Void> rebuildTask;
    private final Audit audit;
    private final Clock clock;
    private final DatabaseDialect dialect;

    InsightsRefresh(
            JdbcClient jdbc,
            FactBuilder builder,
            Jobs jobs,
            OneTimeTask<Void> insightsRebuildTask,
            Audit audit,
            Clock clock,
            DatabaseDialect dialect) {
        this.dialect = dialect;
        this.jdbc = jdbc;
        this.builder = builder;
        this.jobs = jobs;
        this.rebuildTask = insightsRebuildTask;
        this.audit = audit;
        this.clock = clock;
    }

    /** How far a rebuild got: {@code running} until done equals total. */
    public record Progress(boolean running, long done, long total, Instant lastRefresh) {}

    /** Recomputes changed and open incidents; returns how many incidents were recomputed. */
    public int refresh() {
        Instant started = clock.instant();
        long watermark = state("entry_watermark").orElse(0L);
        long maxEntry = jdbc.sql("select coalesce(max(id), 0) from timeline_entries")
                .query(Long.class)
                .single();
        TreeSet<Long> ids = new TreeSet<>();
        ids.addAll(jdbc.sql("select incident_id from insights_dirty")
                .query(Long.class)
                .list());
        ids.addAll(jdbc.sql("select distinct incident_id from timeline_entries where id > ? and id <= ?")
                .params(Math.max(0, watermark - WATERMARK_OVERLAP), maxEntry)
                .query(Long.class)
                .list());
        ids.addAll(jdbc.sql("select incident_id from insights_incidents where resolved = false")
                .query(Long.class)
                .list());
        FactBuilder.Context ctx = builder.context();
        List<Long> batch = new ArrayList<>();
        for (long id : ids) {
            batch.add(id);
            if (batch.size() == BATCH) {
                builder.rebuild(batch, ctx);
                batch.clear();
            }
        }
        builder.rebuild(batch, ctx);
        if (!ids.isEmpty()) {
            jdbc.sql("delete from insights_dirty where marked_at <= ?")
                    .param(dev.cairn.shared.Times.db(started))
                    .update();
        }
        setState("entry_watermark", maxEntry);
        setState("last_refresh", started.toEpochMilli());
        return ids.size();
    }

    /** Recomputes every incident, batch by batch, recording progress; drops facts of deleted incidents. */
    public long rebuildAll() {
        Instant started = clock.instant();
        long maxEntry = jdbc.sql("select coalesce(max(id), 0) from timeline_entries")
                .query(Long.class)
                .single();
        long total =
                jdbc.sql("select count(*) from incidents").query(Long.class).single();
        setState("rebuild_total", total);
        setState("rebuild_done", 0);
        FactBuilder.Context ctx = builder.context();
        long after = 0;
        long done = 0;
        while (true) {
            List<Long> ids = jdbc.sql("select id from incidents where id > ? order by id limit " + BATCH)
                    .param(after)
                    .query(Long.class)
                    .list();
            if (ids.isEmpty()) {
                break;
            }
            builder.rebuild(ids, ctx);
            done += ids.size();
            after = ids.getLast();
            // Not "done" before the tables are tidied below: readers would measure a half-vacuumed database.
            setState("rebuild_done", Math.max(0, Math.min(done, total - 1)));
        }
        for (String table : FACT_TABLES) {
            jdbc.sql("delete from " + table + " where not exists (select 1 from incidents i where i.id = " + table
                            + ".incident_id)")
                    .update();
        }
        tidy();
        jdbc.sql("delete from insights_dirty where marked_at <= ?")
                .param(dev.cairn.shared.Times.db(started))
                .update();
        setState("rebuild_done", done);
        setState("rebuild_total", done);
        setState("entry_watermark", maxEntry);
        setState("last_refresh", started.toEpochMilli());
        log.info("insights rebuild done incidents={} millis={}", done, clock.millis() - started.toEpochMilli());
        return done;
    }

    /**
     * A rebuild replaces every row of the fact tables, leaving as many dead rows as live ones and
     * planner statistics from before: on 100,000 incidents the views were up to 1.5× slower until
     * autovacuum came by. VACUUM ANALYZE right away (PostgreSQL; it cannot run in a transaction, and
     * this method runs outside one). A failure only costs speed, so it is logged, not thrown.
     */
    private void tidy() {
        if (!dialect.postgres()) {
            return;
        }
        try {
            jdbc.sql("vacuum (analyze) " + String.join(", ", FACT_TABLES)).update();
        } catch (RuntimeException e) {
            log.warn("insights rebuild: vacuum analyze of the fact tables failed: {}", e.getMessage());
        }
    }

    /** Asks a background job to rebuild everything (admins); answers the progress so far. */
    @Transactional
    public Progress requestRebuild(Actor actor) {
        Actors.requireAdmin(actor);
        setState("rebuild_done", 0);
        setState(
                "rebuild_total",
                jdbc.sql("select count(*) from incidents").query(Long.class).single());
        jobs.schedule(rebuildTask.instance("all-" + clock.millis()), clock.instant());
        audit.record(actor, "insights.rebuild", "insights", null, "");
        return progress();
    }

    public Progress progress() {
        long done = state("rebuild_done").orElse(0L);
        long total = state("rebuild_total").orElse(0L);
        Instant last = state("last_refresh").map(Instant::ofEpochMilli).orElse(null);
        return new Progress(done < total, done, total, last);
    }

    private Optional<Long> state(String name) {
        return jdbc.sql("select state_value from insights_state where name = ?")
                .param(name)
                .query(Long.class)
                .optional();
    }

    private void setState(String name, long value) {
        int updated = jdbc.sql("update insights_state set state_value = ? where name = ?")
                .params(value, name)
                .update();
        if (updated == 0) {
            jdbc.sql("insert into insights_state (name, state_value) values (?, ?) on conflict do nothing")
                    .params(name, value)
                    .update();
        }
    }
}
