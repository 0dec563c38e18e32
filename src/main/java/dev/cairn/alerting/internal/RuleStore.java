package dev.cairn.alerting.internal;

import static dev.cairn.shared.Times.db;

import dev.cairn.alerting.RoutingRule;
import dev.cairn.shared.InvalidInputException;
import dev.cairn.shared.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Routing rules, in SQL; matchers are stored as JSON. */
@Repository
public class RuleStore {

    /** The size of {@code routing_rules.matchers}. */
    private static final int MAX_MATCHERS_JSON = 4000;

    private final JdbcClient jdbc;

    RuleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insertRule(
            String name,
            int position,
            List<RoutingRule.Matcher> matchers,
            Long serviceId,
            RoutingRule.Action action,
            String severity,
            Long policyId,
            Instant now) {
        String json = Payloads.JSON.writeValueAsString(matchers);
        if (json.length() > MAX_MATCHERS_JSON) {
            throw new InvalidInputException(
                    "matchers", "are too long: at most " + MAX_MATCHERS_JSON + " characters in all, as stored");
        }
        return Sql.insert(jdbc.sql("insert into routing_rules (position, name, matchers, service_id, action, severity,"
                        + " policy_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(position, name, json, serviceId, action.name(), severity, policyId, db(now)));
    }

    public List<RoutingRule> rules() {
        return jdbc.sql("select * from routing_rules order by position, id")
                .query(RuleStore::rule)
                .list();
    }

    public Optional<RoutingRule> rule(long id) {
        return jdbc.sql("select * from routing_rules where id = ?")
                .param(id)
                .query(RuleStore::rule)
                .optional();
    }

    public void updateRule(long id, int position, boolean active) {
        jdbc.sql("update routing_rules set position = ?, active = ? where id = ?")
                .params(position, active, id)
                .update();
    }

    public void deleteRule(long id) {
        jdbc.sql("delete from routing_rules where id = ?").param(id).update();
    }

    private static RoutingRule rule(ResultSet rs, int n) throws SQLException {
        return new RoutingRule(
                rs.getLong("id"),
                rs.getInt("position"),
                rs.getString("name"),
                List.of(Payloads.JSON.readValue(rs.getString("matchers"), RoutingRule.Matcher[].class)),
                (Long) rs.getObject("service_id", Long.class),
                RoutingRule.Action.valueOf(rs.getString("action")),
                rs.getString("severity"),
                rs.getBoolean("active"),
                (Long) rs.getObject("policy_id", Long.class));
    }
}
