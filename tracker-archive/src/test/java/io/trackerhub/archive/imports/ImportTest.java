package io.trackerhub.archive.imports;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.trackerhub.testkit.Fixtures;
import io.trackerhub.testkit.PostgresDatabase;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Real Tracker CSV exports (fixtures/tracker/csv) through {@code POST /api/archives}: counts equal to what the CSV
 * holds (counted here without the service's reader), the same export again changes nothing, a changed row changes
 * one story, a dry run stores nothing, a zip with attachment folders lists them, and a file that is no export is a
 * 400 naming the field.
 */
@QuarkusTest
@WithTestResource(PostgresDatabase.class)
class ImportTest {

    static final String ADMIN = "Bearer dev-admin-token-not-for-production-0000";

    /** What the CSV holds, counted cell by cell. */
    record Counted(int stories, int epics, int comments, int storyComments, int tasks) {
    }

    static Counted count(String csv) throws IOException {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<String[]> rows = mapper.readerFor(String[].class).readValues(csv)) {
            String[] header = rows.next();
            int stories = 0;
            int epics = 0;
            int comments = 0;
            int storyComments = 0;
            int tasks = 0;
            while (rows.hasNext()) {
                String[] row = rows.next();
                if (row.length == 0 || row[0].isBlank()) {
                    continue;
                }
                boolean epic = false;
                int rowComments = 0;
                for (int i = 0; i < Math.min(row.length, header.length); i++) {
                    String name = header[i].replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
                    String cell = row[i];
                    if ((name.equals("type") || name.equals("story type")) && cell.strip().equalsIgnoreCase("epic")) {
                        epic = true;
                    }
                    if (!cell.isBlank() && (name.equals("comment") || name.equals("note"))) {
                        rowComments++;
                    }
                    if (!cell.isBlank() && name.equals("task")) {
                        tasks++;
                    }
                }
                comments += rowComments;
                if (epic) {
                    epics++;
                } else {
                    stories++;
                    storyComments += rowComments;
                }
            }
            return new Counted(stories, epics, comments, storyComments, tasks);
        }
    }

    static JsonPath upload(String fileName, byte[] body, String projectName, boolean dryRun, int status) {
        return given().header("Authorization", ADMIN).multiPart("file", fileName, body, "application/octet-stream")
                .multiPart("project_name", projectName).queryParam("dry_run", dryRun)
                .post("/api/archives").then().statusCode(status).extract().jsonPath();
    }

    static long rows(String sql) throws SQLException {
        try (Connection c = PostgresDatabase.database().connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<Path> exports() {
        return Fixtures.list("csv", ".csv");
    }

    @Test
    void everyRealExportImportsWithItsCountsAndAgainChangesNothing() throws Exception {
        assertThat(exports()).as("real exports under fixtures/tracker/csv").isNotEmpty();
        int n = 0;
        for (Path export : exports()) {
            String csv = Files.readString(export, StandardCharsets.UTF_8);
            Counted expected = count(csv);
            String project = "Import test " + (++n) + " " + export.getFileName();
            JsonPath dry = upload(export.getFileName().toString(), csv.getBytes(StandardCharsets.UTF_8), project, true, 200);
            assertThat(dry.getInt("report.stories")).as(export + " stories (dry run)").isEqualTo(expected.stories());
            assertThat(rows("select count(*) from archive.project where name = '" + project.replace("'", "''") + "'")).as("a dry run stores nothing").isZero();

            JsonPath first = upload(export.getFileName().toString(), csv.getBytes(StandardCharsets.UTF_8), project, false, 201);
            long projectId = first.getLong("project_ids[0]");
            assertThat(first.getInt("report.stories")).as(export + " stories").isEqualTo(expected.stories());
            assertThat(first.getInt("report.epics")).as(export + " epics").isEqualTo(expected.epics());
            assertThat(first.getInt("report.comments")).as(export + " comments").isEqualTo(expected.comments());
            assertThat(first.getInt("report.tasks")).as(export + " tasks").isEqualTo(expected.tasks());
            assertThat(first.getInt("stories_changed")).isEqualTo(expected.stories());
            assertThat(first.getList("report.unknown_columns")).as(export + ": every column of a real export is known").isEmpty();
            assertThat(first.getList("report.unreadable_cells")).as(export + ": every cell of a real export is read").isEmpty();
            assertThat(rows("select count(*) from archive.story where project_id = " + projectId)).isEqualTo(expected.stories());
            assertThat(rows("select count(*) from archive.comment c join archive.story s on s.id = c.story_id where s.project_id = " + projectId))
                    .isEqualTo(expected.storyComments());
            assertThat(rows("select count(*) from archive.epic where project_id = " + projectId)).isEqualTo(expected.epics());
            long version = rows("select version from archive.project where id = " + projectId);
            assertThat(rows("select count(*) from archive.import where project_id = " + projectId
                    + " and jsonb_typeof(report) = 'object' and (report->>'stories')::int = " + expected.stories()))
                    .as("the import's report is stored as a JSON object, not a JSON string").isEqualTo(1);

            JsonPath again = upload(export.getFileName().toString(), csv.getBytes(StandardCharsets.UTF_8), project, false, 201);
            assertThat(again.getLong("project_ids[0]")).isEqualTo(projectId);
            assertThat(again.getInt("stories_changed")).as("the same export again").isZero();
            assertThat(rows("select version from archive.project where id = " + projectId)).isEqualTo(version);
        }
    }

    @Test
    void aZipWithAttachmentFoldersListsThemAndAChangedRowChangesOneStory() throws Exception {
        Path export = Fixtures.root().resolve("csv/gschool_hash_basics_2014_story_header_new_order.csv");
        String csv = Files.readString(export, StandardCharsets.UTF_8);
        String firstId = csv.lines().skip(1).filter(l -> !l.isBlank()).findFirst().orElseThrow().split(",")[0].replace("\"", "").strip();
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("zip_test_20250301_1402/zip_test_20250301_1402.csv"));
            out.write(csv.getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("zip_test_20250301_1402/" + firstId + "/screenshot.png"));
            out.write(new byte[1234]);
        }
        JsonPath imported = upload("zip_test_20250301_1402.zip", zip.toByteArray(), "", false, 201);
        long projectId = imported.getLong("project_ids[0]");
        assertThat(rows("select count(*) from archive.project where id = " + projectId + " and name = 'zip test'")).as("named after the zip").isOne();
        assertThat(rows("select size from archive.attachment where story_id = " + firstId + " and file_name = 'screenshot.png'")).isEqualTo(1234);

        // the same export with the first story's title edited: that one story changes, and takes the next version
        long version = rows("select version from archive.project where id = " + projectId);
        String title = firstTitle(csv);
        String edited = csv.replaceFirst(java.util.regex.Pattern.quote(title), java.util.regex.Matcher.quoteReplacement(title + " (edited)"));
        JsonPath again = upload("zip_test_20250301_1402.csv", edited.getBytes(StandardCharsets.UTF_8), "zip test", false, 201);
        assertThat(again.getLong("project_ids[0]")).isEqualTo(projectId);
        assertThat(again.getInt("stories_changed")).isOne();
        assertThat(rows("select version from archive.story where id = " + firstId)).isEqualTo(version + 1);
        assertThat(rows("select count(*) from archive.story where id = " + firstId + " and name = '" + (title + " (edited)").replace("'", "''") + "'")).isOne();
        // the bare CSV has no attachment folders: the story's list is now empty
        assertThat(rows("select count(*) from archive.attachment where story_id = " + firstId)).isZero();
    }

    /** The second cell (Title or Story) of the first data row. */
    static String firstTitle(String csv) throws IOException {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<String[]> rows = mapper.readerFor(String[].class).readValues(csv)) {
            rows.next();
            return rows.next()[1];
        }
    }

    @Test
    void aFileThatIsNoExportIsA400NamingTheField() {
        given().header("Authorization", ADMIN).multiPart("file", "notes.csv", "just,some\ntext,here\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/archives").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("file")).body("detail", containsString("no Id column"));
        given().header("Authorization", ADMIN).multiPart("project_name", "x").post("/api/archives").then().statusCode(400)
                .body("errors[0].field", equalTo("file"));
        given().multiPart("file", "a.csv", "Id\n1\n".getBytes(StandardCharsets.UTF_8)).post("/api/archives").then().statusCode(401);
    }
}
