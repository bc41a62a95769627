package io.trackerhub.timesheet.reports;

import io.quarkus.security.Authenticated;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.trackerhub.kit.errors.ProblemException;
import io.trackerhub.timesheet.auth.Caller;
import io.trackerhub.timesheet.entries.TimeParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

/** Time reports: JSON by default, CSV with {@code Accept: text/csv}. Users see their own time, admins everyone's. */
@Path("/api/reports")
@Authenticated
@Blocking
@Tag(name = "reports", description = "Tracked time, summed")
public class ReportResource {

    public static final String CSV = "text/csv";

    private final Reports reports;
    private final SecurityIdentity identity;

    public ReportResource(Reports reports, SecurityIdentity identity) {
        this.reports = reports;
        this.identity = identity;
    }

    @GET
    @Path("/time")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(summary = "Time by project, story, user or day", description = "from, to: dates (to inclusive, in tz, default UTC) or "
            + "times with offset; group_by project | story | user | day; rounding nearest | up | down and round_to minutes, per entry; "
            + "user: a user id (admins)")
    public Response time(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("group_by") String groupBy,
                         @QueryParam("rounding") String rounding, @QueryParam("round_to") Integer roundTo,
                         @QueryParam("user") Long user, @QueryParam("tz") String tz, @Context HttpHeaders headers) {
        ZoneId zone = TimeParam.zone(tz);
        Period period = Period.of(from, to, zone);
        Reports.GroupBy group = groupBy(groupBy);
        Reports.Report report = reports.time(from, to, period.start(), period.end(), zone, group, Rounding.of(rounding, roundTo), whose(user));
        if (wantsCsv(headers)) {
            return Response.ok(Reports.csv(report), CSV + "; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"time-" + report.groupBy() + ".csv\"").build();
        }
        return Response.ok(report, MediaType.APPLICATION_JSON).build();
    }

    /** The report's range: from and to both given, to after from. */
    private record Period(Instant start, Instant end) {

        static Period of(String from, String to, ZoneId zone) {
            Instant start = TimeParam.boundary("from", from, zone, false);
            Instant end = TimeParam.boundary("to", to, zone, true);
            if (start == null) {
                throw ProblemException.invalid("from", "is required, a date like 2026-11-23 or a time with offset");
            }
            if (end == null) {
                throw ProblemException.invalid("to", "is required, a date like 2026-11-29 (inclusive) or a time with offset");
            }
            if (!end.isAfter(start)) {
                throw ProblemException.invalid("to", "'" + to + "' is not after from '" + from + "'");
            }
            return new Period(start, end);
        }
    }

    /** Whose time: anyone's (or one user's) for an admin, one's own for everyone else. */
    private Long whose(Long user) {
        Caller caller = Caller.of(identity);
        if (caller.admin()) {
            return user;
        }
        if (user != null && !user.equals(caller.person().id)) {
            throw new ForbiddenException("you may report only your own time");
        }
        return caller.person().id;
    }

    private static boolean wantsCsv(HttpHeaders headers) {
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !type.isWildcardType()) {
                return false;
            }
            if ("text".equals(type.getType()) && "csv".equals(type.getSubtype())) {
                return true;
            }
        }
        return false;
    }

    private static Reports.GroupBy groupBy(String value) {
        if (value == null || value.isBlank()) {
            return Reports.GroupBy.PROJECT;
        }
        try {
            return Reports.GroupBy.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("group_by", "'" + value + "' is not one of project, story, user, day");
        }
    }
}
