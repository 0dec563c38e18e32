package dev.cairn.review.internal;

import static dev.cairn.shared.Times.db;

import dev.cairn.review.ReviewDepth;
import dev.cairn.review.ReviewPolicy;
import dev.cairn.shared.Times;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The review policy rules, in SQL. */
@Repository
public class ReviewPolicyStore {

    private final JdbcClient jdbc;

    ReviewPolicyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<ReviewPolicy> all() {
        return jdbc.sql("select rule_key, depth, required, updated_at from review_policies order by"
                        + " case when rule_key = 'drill' then 1 else 0 end, rule_key")
                .query((rs, n) -> new ReviewPolicy(
                        rs.getString("rule_key"),
                        ReviewDepth.parse(rs.getString("depth")),
                        rs.getBoolean("required"),
                        Times.instant(rs, "updated_at")))
                .list();
    }

    public Optional<ReviewPolicy> find(String rule) {
        return all().stream().filter(p -> p.rule().equals(rule)).findFirst();
    }

    public void save(String rule, ReviewDepth depth, boolean required, long by, Instant now) {
        int updated = jdbc.sql("update review_policies set depth = ?, required = ?, updated_at = ?, updated_by = ?"
                        + " where rule_key = ?")
                .params(depth.json(), required, db(now), by, rule)
                .update();
        if (updated == 0) {
            jdbc.sql("insert into review_policies (rule_key, depth, required, updated_at, updated_by)"
                            + " values (?, ?, ?, ?, ?) on conflict do nothing")
                    .params(rule, depth.json(), required, db(now), by)
                    .update();
        }
    }
}
