package io.trackerhub.timesheet.reports;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trackerhub.timesheet.Hub;
import io.trackerhub.timesheet.Imported;
import io.trackerhub.testkit.KafkaBroker;
import io.trackerhub.testkit.PostgresDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Reports by project, story, user and day, rounded per entry, as JSON and as CSV. */
@QuarkusTest
@WithTestResource(KafkaBroker.class)
@WithTestResource(PostgresDatabase.class)
class ReportTest {

    static final long RUN = Hub.id();
    static final String FIRST = "Report, \"first\" " + RUN;
    static final String SECOND = "Report second " + RUN;
    static Imported first;
    static Imported second;
    static Hub.Person jo;
    static Hub.Person kim;

    /** Jo and Kim track in a week of 1999 that no other test uses. */
    @BeforeEach
    void track() {
        if (first != null) {
            return;
        }
        first = Imported.project(FIRST, "Refunds", "Invoices");
        second = Imported.project(SECOND, "Exports");
        jo = Hub.user("Jo");
        kim = Hub.user("Kim");
        entry(jo, first.story(0), "1999-03-01T09:00:00+01:00", 7 * 60 + 30, true);     // 7:30 -> 15:00 nearest
        entry(jo, first.story(1), "1999-03-01T10:00:00+01:00", 22 * 60 + 29, false);   // 22:29 -> 15:00 nearest
        entry(jo, second.story(0), "1999-03-02T09:00:00+01:00", 60 * 60 + 1, true);    // 60:01 -> 60:00 nearest
        entry(kim, first.story(0), "1999-03-03T00:30:00+01:00", 45 * 60, true);        // 1999-03-02 in UTC, 03-03 in Berlin
    }

    private static void entry(Hub.Person person, long task, String start, int seconds, boolean billable) {
        Hub.as(person).body(Map.of("task_id", task, "start", start, "duration_seconds", seconds, "billable", billable))
                .post("/api/entries").then().statusCode(201);
    }

    private static Map<String, Object> report(Hub.Person person, String query) {
        var request = person == null ? Hub.admin() : Hub.as(person);
        return request.get("/api/reports/time?from=1999-03-01&to=1999-03-07&" + query).then().statusCode(200)
                .contentType("application/json").extract().jsonPath().getMap("$");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Map<String, Object> report) {
        return (List<Map<String, Object>>) report.get("rows");
    }

    @Test
    void byProjectWithoutRoundingSumsSecondsAndBillableApart() {
        Map<String, Object> report = report(null, "group_by=project");
        assertThat(report).containsEntry("from", "1999-03-01").containsEntry("to", "1999-03-07").containsEntry("group_by", "project")
                .containsEntry("total_seconds", 450 + 1349 + 3601 + 2700).containsEntry("total_billable_seconds", 450 + 3601 + 2700);
        assertThat(rows(report)).containsExactly(
                Map.of("key", Long.toString(first.projectTask()), "name", FIRST, "seconds", 450 + 1349 + 2700,
                        "billable_seconds", 450 + 2700),
                Map.of("key", Long.toString(second.projectTask()), "name", SECOND, "seconds", 3601,
                        "billable_seconds", 3601));
    }

    @Test
    void roundingAppliesToEachEntryBeforeSumming() {
        Map<String, Object> nearest = report(null, "group_by=story&rounding=nearest&round_to=15");
        assertThat(nearest).containsEntry("rounding", "nearest").containsEntry("round_to", 15)
                .containsEntry("total_seconds", 900 + 900 + 3600 + 2700);
        assertThat(rows(nearest)).extracting(r -> r.get("name"), r -> r.get("seconds"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Exports", 3600), org.assertj.core.groups.Tuple.tuple("Refunds", 900 + 2700),
                        org.assertj.core.groups.Tuple.tuple("Invoices", 900));
        assertThat(report(null, "group_by=story&rounding=up&round_to=15")).containsEntry("total_seconds", 900 + 1800 + 4500 + 2700);
        assertThat(report(null, "group_by=story&rounding=down&round_to=15")).containsEntry("total_seconds", 0 + 900 + 3600 + 2700);
    }

    @Test
    void byUserAndByDayInTheAskedTimeZone() {
        assertThat(rows(report(null, "group_by=user"))).extracting(r -> r.get("name"), r -> r.get("seconds"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Jo", 450 + 1349 + 3601), org.assertj.core.groups.Tuple.tuple("Kim", 2700));
        assertThat(rows(report(null, "group_by=day"))).extracting(r -> r.get("key"), r -> r.get("seconds"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("1999-03-01", 450 + 1349),
                        org.assertj.core.groups.Tuple.tuple("1999-03-02", 3601 + 2700));
        assertThat(rows(report(null, "group_by=day&tz=Europe/Berlin"))).extracting(r -> r.get("key"), r -> r.get("seconds"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("1999-03-01", 450 + 1349),
                        org.assertj.core.groups.Tuple.tuple("1999-03-02", 3601), org.assertj.core.groups.Tuple.tuple("1999-03-03", 2700));
        // a user's own report holds only their time
        assertThat(report(kim, "group_by=user")).containsEntry("total_seconds", 2700);
    }

    @Test
    void csvHasOneHeaderRowIsoDatesAndDecimalHours() {
        String csv = Hub.admin().accept("text/csv").get("/api/reports/time?from=1999-03-01&to=1999-03-07&group_by=project&rounding=nearest&round_to=15")
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines).containsExactly(
                "from,to,group_by,key,name,hours,seconds,billable_hours,billable_seconds",
                "1999-03-01,1999-03-07,project," + first.projectTask() + ",\"Report, \"\"first\"\" " + RUN + "\",1.25,4500,1.00,3600",
                "1999-03-01,1999-03-07,project," + second.projectTask() + ",Report second " + RUN + ",1.00,3600,1.00,3600");
        String days = Hub.admin().accept("text/csv").get("/api/reports/time?from=1999-03-01&to=1999-03-07&group_by=day").then().statusCode(200)
                .extract().asString();
        assertThat(days.lines().skip(1)).allSatisfy(line -> assertThat(line).matches("1999-03-01,1999-03-07,day,1999-03-0[12],1999-03-0[12],\\d+\\.\\d{2},\\d+,\\d+\\.\\d{2},\\d+"));
    }

    @Test
    void badReportParametersAreNamed() {
        Hub.admin().get("/api/reports/time?from=1999-03-01&to=1999-03-07&group_by=week").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("group_by"));
        Hub.admin().get("/api/reports/time?to=1999-03-07").then().statusCode(400).body("errors[0].field", equalTo("from"));
        Hub.admin().get("/api/reports/time?from=March&to=1999-03-07").then().statusCode(400).body("errors[0].field", equalTo("from"));
        Hub.admin().get("/api/reports/time?from=1999-03-01&to=1999-03-07&rounding=nearest&round_to=0").then().statusCode(400)
                .body("errors[0].field", equalTo("round_to"));
        Hub.admin().get("/api/reports/time?from=1999-03-07&to=1999-03-01").then().statusCode(400).body("errors[0].field", equalTo("to"));
    }
}
