package io.trackerhub.archive.csv;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Tracker CSV export (the stories CSV, or the epics CSV) row by row, handing each story or epic on as it is
 * read: memory stays bounded by one row whatever the export's size. Columns are found by their names (older exports
 * say {@code Story} and {@code Story Type} for {@code Title} and {@code Type}, {@code Note} for {@code Comment}); the
 * repeated groups ({@code Owned By}, {@code Comment}, {@code Task}/{@code Task Status}, {@code Blocker}/{@code Blocker
 * Status}, {@code Reviewer}/{@code Review Type}/{@code Review Status}, {@code Pull Request}, {@code Git Branch}) may
 * come any number of times. A column it does not know is reported and left out; a cell it cannot read is reported
 * and the row kept without that value; a row without a readable id is reported and skipped.
 */
public final class ExportReader {

    /** Columns read once per row, by every name an export has used for them. */
    enum Column {
        ID("Id"), TITLE("Title", "Story", "Name"), LABELS("Labels", "Label"), ITERATION("Iteration"), ITERATION_START("Iteration Start"),
        ITERATION_END("Iteration End"), TYPE("Type", "Story Type"), ESTIMATE("Estimate"), PRIORITY("Priority"), CURRENT_STATE("Current State"),
        CREATED_AT("Created at"), ACCEPTED_AT("Accepted at"), DEADLINE("Deadline"), REQUESTED_BY("Requested By"), DESCRIPTION("Description"),
        URL("URL");

        final List<String> names;

        Column(String... names) {
            this.names = List.of(names);
        }
    }

    /** Older names of repeated columns: {@code Note} was {@code Comment} until 2012. */
    private static final Map<String, String> GROUP_ALIASES = Map.of("note", "Comment");

    /** Repeated columns; a group's first name starts an occurrence, the others attach to the latest one. */
    enum Group {
        OWNER("Owned By"), COMMENT("Comment"), PULL_REQUEST("Pull Request"), BRANCH("Git Branch"), TASK("Task", "Task Status"),
        BLOCKER("Blocker", "Blocker Status"), REVIEW("Reviewer", "Review Type", "Review Status");

        final List<String> names;

        Group(String... names) {
            this.names = List.of(names);
        }
    }

    private static final Pattern COMMENT = Pattern.compile("(?s)(.*?)\\s*\\(([^()\\n]+) - ([A-Z][a-z]{2} \\d{1,2}, \\d{4})\\)\\s*$");
    private static final Pattern PRIORITY = Pattern.compile("(?i)\\s*(p[0-3]|none)\\b.*");
    private static final Pattern EPIC_URL = Pattern.compile(".*/epic/show/(\\d+).*");
    private static final List<DateTimeFormatter> DATES = List.of(
            DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.US), DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US),
            DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.ofPattern("M/d/yyyy", Locale.US));
    private static final List<DateTimeFormatter> DATE_TIMES = List.of(
            DateTimeFormatter.ofPattern("MMM d, yyyy h:mm a", Locale.US), DateTimeFormatter.ofPattern("MMM d, yyyy HH:mm", Locale.US),
            DateTimeFormatter.ISO_LOCAL_DATE_TIME);

    private final Map<Column, Integer> single = new LinkedHashMap<>();
    /** Per group, its occurrences in header order, each the column index of each of its names (-1: absent). */
    private final Map<Group, List<int[]>> groups = new LinkedHashMap<>();
    private final List<String> header = new ArrayList<>();
    private final List<String> unknown = new ArrayList<>();
    private final List<Report.Unreadable> unreadable = new ArrayList<>();
    private int stories;
    private int epics;
    private int tasks;
    private int comments;

    private ExportReader() {
    }

    /**
     * Reads {@code csv} to its end, calling {@code onStory} and {@code onEpic} for each row (in file order); returns
     * what it read. Throws {@link IOException} only when the text is no CSV at all or lacks an {@code Id} column.
     */
    public static Report read(Reader csv, Consumer<ExportStory> onStory, Consumer<ExportEpic> onEpic) throws IOException {
        ExportReader reader = new ExportReader();
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<String[]> rows = mapper.readerFor(String[].class).readValues(csv)) {
            if (!rows.hasNext()) {
                throw new IOException("the file is empty: a Tracker export starts with a header row (Id,Title,…)");
            }
            reader.header(rows.next());
            long row = 0;
            while (rows.hasNext()) {
                String[] cells = rows.next();
                row++;
                if (cells.length == 0 || (cells.length == 1 && cells[0].isBlank())) {
                    continue;
                }
                reader.row(row, cells, onStory, onEpic);
            }
        } catch (RuntimeException e) {
            throw new IOException("not a readable CSV: " + e.getMessage(), e);
        }
        return new Report(reader.stories, reader.epics, reader.tasks, reader.comments, List.copyOf(reader.unknown), List.copyOf(reader.unreadable));
    }

    private void header(String[] names) throws IOException {
        for (int i = 0; i < names.length; i++) {
            String name = names[i].replace("\uFEFF", "").strip();
            header.add(name);
            if (name.isEmpty()) {
                continue;
            }
            Column column = column(name);
            if (column != null && !single.containsKey(column)) {
                single.put(column, i);
                continue;
            }
            if (column != null) {
                unknown.add(name + " (again, column " + (i + 1) + ")");
                continue;
            }
            if (!group(GROUP_ALIASES.getOrDefault(name.toLowerCase(Locale.ROOT), name), i)) {
                unknown.add(name);
            }
        }
        if (!single.containsKey(Column.ID)) {
            throw new IOException("no Id column: the header row is " + header + "; a Tracker export's first column is Id");
        }
    }

    private static Column column(String name) {
        for (Column c : Column.values()) {
            for (String n : c.names) {
                if (n.equalsIgnoreCase(name)) {
                    return c;
                }
            }
        }
        return null;
    }

    private boolean group(String name, int index) {
        for (Group g : Group.values()) {
            for (int member = 0; member < g.names.size(); member++) {
                if (!g.names.get(member).equalsIgnoreCase(name)) {
                    continue;
                }
                List<int[]> occurrences = groups.computeIfAbsent(g, k -> new ArrayList<>());
                // a group's first name starts an occurrence (Task); the others fill the latest one (Task Status)
                boolean start = member == 0 || occurrences.isEmpty()
                        || occurrences.get(occurrences.size() - 1)[member] >= 0;
                if (start) {
                    int[] columns = new int[g.names.size()];
                    java.util.Arrays.fill(columns, -1);
                    occurrences.add(columns);
                }
                occurrences.get(occurrences.size() - 1)[member] = index;
                return true;
            }
        }
        return false;
    }

    private void row(long row, String[] cells, Consumer<ExportStory> onStory, Consumer<ExportEpic> onEpic) {
        Cells c = new Cells(row, cells);
        Long id = c.number(Column.ID);
        if (id == null) {
            unreadable.add(new Report.Unreadable(row, "Id", c.text(Column.ID), "no Tracker id: the row is left out"));
            return;
        }
        String type = lower(c.text(Column.TYPE));
        String url = c.text(Column.URL);
        List<ExportStory.Comment> commentList = new ArrayList<>();
        for (String[] occurrence : c.group(Group.COMMENT)) {
            if (occurrence[0] != null) {
                commentList.add(comment(occurrence[0]));
            }
        }
        comments += commentList.size();
        if ("epic".equals(type) || (url != null && EPIC_URL.matcher(url).matches())) {
            epics++;
            onEpic.accept(new ExportEpic(id, c.text(Column.TITLE), first(labels(c.text(Column.LABELS))), c.text(Column.DESCRIPTION), url,
                    c.instant(Column.CREATED_AT), commentList));
            return;
        }
        List<String> owners = new ArrayList<>();
        c.group(Group.OWNER).forEach(o -> add(owners, o[0]));
        List<String> pulls = new ArrayList<>();
        c.group(Group.PULL_REQUEST).forEach(o -> add(pulls, o[0]));
        List<String> branches = new ArrayList<>();
        c.group(Group.BRANCH).forEach(o -> add(branches, o[0]));
        List<ExportStory.Task> taskList = new ArrayList<>();
        for (String[] o : c.group(Group.TASK)) {
            if (o[0] != null) {
                taskList.add(new ExportStory.Task(o[0], c.status(o[1], "Task Status", "completed", "not completed")));
            }
        }
        tasks += taskList.size();
        List<ExportStory.Blocker> blockers = new ArrayList<>();
        for (String[] o : c.group(Group.BLOCKER)) {
            if (o[0] != null) {
                blockers.add(new ExportStory.Blocker(o[0], c.status(o[1], "Blocker Status", "resolved", "blocked", "unresolved")));
            }
        }
        List<ExportStory.Review> reviews = new ArrayList<>();
        for (String[] o : c.group(Group.REVIEW)) {
            if (o[0] != null || o[1] != null) {
                reviews.add(new ExportStory.Review(o[0], o[1], lower(o[2])));
            }
        }
        stories++;
        onStory.accept(new ExportStory(id, c.text(Column.TITLE), type, lower(c.text(Column.CURRENT_STATE)), c.estimate(), c.priority(),
                labels(c.text(Column.LABELS)), c.integer(Column.ITERATION), c.date(Column.ITERATION_START), c.date(Column.ITERATION_END),
                c.instant(Column.CREATED_AT), c.instant(Column.ACCEPTED_AT), c.instant(Column.DEADLINE), c.text(Column.REQUESTED_BY),
                c.text(Column.DESCRIPTION), url, owners, reviews, blockers, commentList, taskList, pulls, branches));
    }

    /** {@code text (Author - Mon D, YYYY)}. */
    static ExportStory.Comment comment(String cell) {
        Matcher m = COMMENT.matcher(cell);
        if (m.matches()) {
            try {
                return new ExportStory.Comment(m.group(1), m.group(2).strip(), LocalDate.parse(m.group(3), DATES.get(0)));
            } catch (DateTimeParseException e) {
                // not a date after all: the whole cell is the text
            }
        }
        return new ExportStory.Comment(cell, null, null);
    }

    static List<String> labels(String cell) {
        List<String> labels = new ArrayList<>();
        if (cell != null) {
            for (String label : cell.split(",")) {
                add(labels, label);
            }
        }
        return labels;
    }

    private static String first(List<String> values) {
        return values.isEmpty() ? null : values.get(0);
    }

    private static void add(List<String> values, String value) {
        if (value != null && !value.isBlank()) {
            values.add(value.strip());
        }
    }

    private static String lower(String value) {
        return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
    }

    /** The cells of one row, read by column; what cannot be read is reported and read as null. */
    private final class Cells {
        final long row;
        final String[] cells;

        Cells(long row, String[] cells) {
            this.row = row;
            this.cells = cells;
        }

        String at(int index) {
            if (index < 0 || index >= cells.length) {
                return null;
            }
            String value = cells[index];
            return value == null || value.isBlank() ? null : value;
        }

        String text(Column column) {
            Integer index = single.get(column);
            String value = index == null ? null : at(index);
            return value == null ? null : value.strip();
        }

        List<String[]> group(Group group) {
            List<String[]> values = new ArrayList<>();
            for (int[] columns : groups.getOrDefault(group, List.of())) {
                String[] occurrence = new String[columns.length];
                boolean any = false;
                for (int i = 0; i < columns.length; i++) {
                    occurrence[i] = at(columns[i]);
                    if (occurrence[i] != null) {
                        occurrence[i] = occurrence[i].strip();
                        any = true;
                    }
                }
                if (any) {
                    values.add(occurrence);
                }
            }
            return values;
        }

        void problem(String column, String value, String problem) {
            unreadable.add(new Report.Unreadable(row, column, value, problem));
        }

        Long number(Column column) {
            String value = text(column);
            if (value == null) {
                return null;
            }
            try {
                long n = Long.parseLong(value.startsWith("#") ? value.substring(1) : value);
                return n > 0 ? n : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }

        Integer integer(Column column) {
            String value = text(column);
            if (value == null) {
                return null;
            }
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                problem(column.names.get(0), value, "not a whole number");
                return null;
            }
        }

        Float estimate() {
            String value = text(Column.ESTIMATE);
            if (value == null) {
                return null;
            }
            try {
                float points = Float.parseFloat(value);
                return points < 0 ? null : points;   // -1: not estimated
            } catch (NumberFormatException e) {
                problem("Estimate", value, "not a number of points");
                return null;
            }
        }

        String priority() {
            String value = text(Column.PRIORITY);
            if (value == null) {
                return null;
            }
            Matcher m = PRIORITY.matcher(value);
            if (!m.matches()) {
                problem("Priority", value, "not a priority like 'p2 - medium'");
                return null;
            }
            return m.group(1).toLowerCase(Locale.ROOT);
        }

        /** {@code yes}, else false: blank or one of {@code no} quietly, anything else reported. */
        boolean status(String value, String column, String yes, String... no) {
            if (value == null || value.equalsIgnoreCase(yes)) {
                return value != null;
            }
            for (String n : no) {
                if (value.equalsIgnoreCase(n)) {
                    return false;
                }
            }
            problem(column, value, "not one of " + yes + ", " + String.join(", ", no));
            return false;
        }

        LocalDate date(Column column) {
            String value = text(column);
            if (value == null) {
                return null;
            }
            LocalDate date = parseDate(value);
            if (date == null) {
                Instant instant = parseInstant(value);
                if (instant != null) {
                    return instant.atZone(ZoneOffset.UTC).toLocalDate();
                }
                problem(column.names.get(0), value, "not a date like 'Feb 11, 2016'");
            }
            return date;
        }

        Instant instant(Column column) {
            String value = text(column);
            if (value == null) {
                return null;
            }
            Instant instant = parseInstant(value);
            if (instant == null) {
                LocalDate date = parseDate(value);
                if (date != null) {
                    return date.atStartOfDay(ZoneOffset.UTC).toInstant();
                }
                problem(column.names.get(0), value, "not a date like 'Feb 11, 2016'");
            }
            return instant;
        }
    }

    static LocalDate parseDate(String value) {
        for (DateTimeFormatter f : DATES) {
            try {
                return LocalDate.parse(value, f);
            } catch (DateTimeParseException e) {
                // the next pattern
            }
        }
        return null;
    }

    static Instant parseInstant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            // a local time
        }
        for (DateTimeFormatter f : DATE_TIMES) {
            try {
                return LocalDateTime.parse(value, f).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // the next pattern
            }
        }
        return null;
    }
}
