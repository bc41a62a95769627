package io.trackerhub.timesheet.reports;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.trackerhub.kit.jdbc.Sql;
import io.trackerhub.timesheet.tasks.Task;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sums of tracked time over a period, grouped by project, story, user or day, each entry rounded first. */
@ApplicationScoped
class Reports {

    public enum GroupBy { PROJECT, STORY, USER, DAY }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Row(String key, String name, long seconds, long billableSeconds) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Report(String from, String to, String groupBy, String rounding, Integer roundTo, List<Row> rows,
                         long totalSeconds, long totalBillableSeconds) {
    }

    private record Line(long userId, String userName, long taskId, String taskName, String kind, Long parentId, String parentName,
                        Instant start, Instant end, boolean billable) {
    }

    private final Sql sql;

    public Reports(Sql sql) {
        this.sql = sql;
    }

    public Report time(String fromText, String toText, Instant from, Instant to, ZoneId zone, GroupBy groupBy, Rounding rounding, Long userId) {
        List<Object> params = new ArrayList<>(List.of(from, to));
        String where = "where e.start_at >= ? and e.start_at < ?";
        if (userId != null) {
            where += " and e.user_id = ?";
            params.add(userId);
        }
        // SQL: one set-based read joining entries, users, tasks and projects for the period (no entity graph needed)
        List<Line> lines = sql.list("select e.user_id, u.name as user_name, e.task_id, t.name as task_name, t.kind, t.parent_id, "
                        + "p.name as parent_name, e.start_at, e.end_at, e.billable from time_entry e join app_user u on u.id = e.user_id "
                        + "join task t on t.id = e.task_id left join task p on p.id = t.parent_id " + where + " order by e.start_at, e.id",
                rs -> new Line(rs.getLong("user_id"), rs.getString("user_name"), rs.getLong("task_id"), rs.getString("task_name"),
                        rs.getString("kind"), Sql.nullableLong(rs, "parent_id"), rs.getString("parent_name"),
                        Sql.instant(rs, "start_at"), Sql.instant(rs, "end_at"), rs.getBoolean("billable")),
                params.toArray());
        Map<String, long[]> sums = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        long total = 0;
        long totalBillable = 0;
        for (Line line : lines) {
            String key;
            String name;
            switch (groupBy) {
                case PROJECT -> {
                    boolean story = Task.STORY.equals(line.kind());
                    key = Long.toString(story ? line.parentId() : line.taskId());
                    name = story ? line.parentName() : line.taskName();
                }
                case STORY -> {
                    key = Long.toString(line.taskId());
                    name = line.taskName();
                }
                case USER -> {
                    key = Long.toString(line.userId());
                    name = line.userName();
                }
                default -> {
                    key = line.start().atZone(zone).toLocalDate().toString();
                    name = key;
                }
            }
            long seconds = rounding.apply(Duration.between(line.start(), line.end()).toSeconds());
            long[] sum = sums.computeIfAbsent(key, k -> new long[2]);
            names.putIfAbsent(key, name);
            sum[0] += seconds;
            total += seconds;
            if (line.billable()) {
                sum[1] += seconds;
                totalBillable += seconds;
            }
        }
        List<Row> rows = new ArrayList<>();
        sums.forEach((key, sum) -> rows.add(new Row(key, names.get(key), sum[0], sum[1])));
        if (groupBy == GroupBy.DAY) {
            rows.sort(Comparator.comparing(Row::key));
        } else {
            rows.sort(Comparator.comparing(Row::seconds).reversed().thenComparing(Row::name, Comparator.nullsLast(Comparator.naturalOrder())));
        }
        return new Report(fromText, toText, groupBy.name().toLowerCase(java.util.Locale.ROOT),
                rounding == Rounding.NONE ? null : rounding.mode(), rounding == Rounding.NONE ? null : rounding.roundToMinutes(),
                rows, total, totalBillable);
    }

    /** One header row, then one row per group: ISO dates, durations in decimal hours (2 places) and in seconds. */
    public static String csv(Report report) {
        StringBuilder out = new StringBuilder("from,to,group_by,key,name,hours,seconds,billable_hours,billable_seconds\r\n");
        for (Row row : report.rows()) {
            out.append(String.join(",", cell(report.from()), cell(report.to()), report.groupBy(), cell(row.key()), cell(row.name()),
                    hours(row.seconds()), Long.toString(row.seconds()), hours(row.billableSeconds()), Long.toString(row.billableSeconds())))
                    .append("\r\n");
        }
        return out.toString();
    }

    static String hours(long seconds) {
        return BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP).toPlainString();
    }

    static String cell(String value) {
        if (value == null) {
            return "";
        }
        // RFC 4180 quoting; a leading =, +, - or @ is defused so that a spreadsheet does not run it as a formula
        String v = value.matches("^[=+\\-@].*") ? "'" + value : value;
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || !v.equals(value)
                ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
