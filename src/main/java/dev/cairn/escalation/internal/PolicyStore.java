package dev.cairn.escalation.internal;

import static dev.cairn.shared.Times.db;

import dev.cairn.escalation.EscalationPolicy;
import dev.cairn.escalation.EscalationPolicy.Step;
import dev.cairn.escalation.EscalationPolicy.Target;
import dev.cairn.escalation.TargetKind;
import dev.cairn.shared.Sql;
import dev.cairn.shared.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Policies, their steps and targets, and which policy pages for a service. */
@Repository
public class PolicyStore {

    private final JdbcClient jdbc;

    PolicyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A step as stored; target names are filled in by the service. */
    public record StoredTarget(TargetKind kind, long id) {}

    public long insert(String name, String description, Long teamId, int repeat, Instant now) {
        return Sql.insert(jdbc.sql("insert into escalation_policies (name, description, team_id, repeat_count,"
                        + " created_at, updated_at) values (?, ?, ?, ?, ?, ?)")
                .params(name, description, teamId, repeat, db(now), db(now)));
    }

    public void update(long id, String name, String description, Long teamId, int repeat, Instant now) {
        jdbc.sql("update escalation_policies set name = ?, description = ?, team_id = ?, repeat_count = ?,"
                        + " updated_at = ? where id = ?")
                .params(name, description, teamId, repeat, db(now), id)
                .update();
    }

    public void replaceSteps(long policyId, List<Integer> delays, List<List<StoredTarget>> targets) {
        jdbc.sql("delete from escalation_steps where policy_id = ?")
                .param(policyId)
                .update();
        for (int i = 0; i < delays.size(); i++) {
            long stepId = Sql.insert(
                    jdbc.sql("insert into escalation_steps (policy_id, position, delay_minutes) values (?, ?, ?)")
                            .params(policyId, i, delays.get(i)));
            for (StoredTarget t : targets.get(i)) {
                jdbc.sql("insert into escalation_targets (step_id, target_kind, target_id) values (?, ?, ?)")
                        .params(stepId, t.kind().name(), t.id())
                        .update();
            }
        }
    }

    public void replaceServices(long policyId, List<Long> serviceIds) {
        jdbc.sql("delete from service_escalation where policy_id = ?")
                .param(policyId)
                .update();
        for (Long serviceId : serviceIds) {
            // A service pages through one policy: naming it here moves it from any other policy.
            jdbc.sql("delete from service_escalation where service_id = ?")
                    .param(serviceId)
                    .update();
            jdbc.sql("insert into service_escalation (service_id, policy_id) values (?, ?)")
                    .params(serviceId, policyId)
                    .update();
        }
    }

    public void delete(long id) {
        jdbc.sql("delete from escalation_policies where id = ?").param(id).update();
    }

    public Optional<Long> policyForService(long serviceId) {
        return jdbc.sql("select policy_id from service_escalation where service_id = ?")
                .param(serviceId)
                .query(Long.class)
                .optional();
    }

    public boolean nameTaken(String name, Long exceptId) {
        return jdbc.sql("select count(*) from escalation_policies where lower(name) = lower(?) and id <> ?")
                        .params(name, exceptId == null ? -1L : exceptId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Policies with steps whose targets carry no names yet (the service names them). */
    public List<EscalationPolicy> load(Long onlyId) {
        String where = onlyId == null ? "" : " where p.id = " + onlyId;
        Map<Long, List<Step>> steps = new HashMap<>();
        Map<Long, List<Target>> targets = new HashMap<>();
        jdbc.sql("select t.step_id, t.target_kind, t.target_id from escalation_targets t"
                        + " join escalation_steps s on s.id = t.step_id join escalation_policies p on p.id = s.policy_id"
                        + where + " order by t.target_kind, t.target_id")
                .query(rs -> {
                    targets.computeIfAbsent(rs.getLong("step_id"), k -> new ArrayList<>())
                            .add(new Target(
                                    TargetKind.valueOf(rs.getString("target_kind")), rs.getLong("target_id"), null));
                });
        jdbc.sql("select s.* from escalation_steps s join escalation_policies p on p.id = s.policy_id" + where
                        + " order by s.policy_id, s.position")
                .query(rs -> {
                    steps.computeIfAbsent(rs.getLong("policy_id"), k -> new ArrayList<>())
                            .add(new Step(
                                    rs.getInt("position"),
                                    rs.getInt("delay_minutes"),
                                    List.copyOf(targets.getOrDefault(rs.getLong("id"), List.of()))));
                });
        Map<Long, List<Long>> services = new LinkedHashMap<>();
        jdbc.sql("select policy_id, service_id from service_escalation order by service_id")
                .query(rs -> {
                    services.computeIfAbsent(rs.getLong("policy_id"), k -> new ArrayList<>())
                            .add(rs.getLong("service_id"));
                });
        return jdbc.sql("select * from escalation_policies p" + where + " order by lower(p.name)")
                .query((rs, n) -> new EscalationPolicy(
                        rs.getLong("id"),
                        rs.getString("name"),
                        rs.getString("description"),
                        (Long) rs.getObject("team_id", Long.class),
                        rs.getInt("repeat_count"),
                        List.copyOf(steps.getOrDefault(rs.getLong("id"), List.of())),
                        List.copyOf(services.getOrDefault(rs.getLong("id"), List.of())),
                        Times.instant(rs, "created_at"),
                        Times.instant(rs, "updated_at")))
                .list();
    }
}
