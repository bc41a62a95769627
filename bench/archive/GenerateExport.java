import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;

/**
 * bench/archive: a Tracker CSV export of N stories in the real 2025 layout — the header row is read from the recorded
 * export fixtures/tracker/csv/audience1st_2025_priority_blocker_pr_epic_rows.csv, cells written as Tracker wrote them
 * (dates "Feb 11, 2016", comments "text (Author - Mon D, YYYY)", "p2 - medium", task pairs, multi-line descriptions).
 * Usage: java GenerateExport.java HEADER_SOURCE OUT STORIES SEED
 */
public class GenerateExport {

    static final String[] STATES = {"unscheduled", "unstarted", "started", "finished", "delivered", "accepted", "rejected"};
    static final String[] TYPES = {"feature", "feature", "feature", "bug", "chore"};
    static final String[] PEOPLE = {"Ada Lovelace", "Grace Hopper", "Alan Turing", "Katherine Johnson", "Edsger Dijkstra", "Barbara Liskov",
            "Donald Knuth", "Margaret Hamilton", "Ken Thompson", "Frances Allen"};
    static final String[] LABELS = {"api", "ux", "billing", "mobile", "needs design", "tech debt", "performance", "security"};
    static final String[] PRIORITIES = {"p0 - critical", "p1 - high", "p2 - medium", "p3 - low", "none"};
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.US);

    public static void main(String[] args) throws IOException {
        String header = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8).get(0);
        String[] columns = header.split(",", -1);
        int stories = Integer.parseInt(args[2]);
        Random random = new Random(Long.parseLong(args[3]));
        LocalDate start = LocalDate.of(2019, 1, 7);
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
            out.write(header);
            out.write('\n');
            for (int n = 0; n < stories; n++) {
                long id = 160_000_000L + n;
                int iteration = 1 + n / 250;
                LocalDate created = start.plusDays(n / 40);
                String state = STATES[random.nextInt(STATES.length)];
                String[] row = new String[columns.length];
                int owner = 0;
                int comment = 0;
                int task = 0;
                for (int c = 0; c < columns.length; c++) {
                    String name = columns[c];
                    row[c] = switch (name) {
                        case "Id" -> Long.toString(id);
                        case "Title" -> "Story " + n + ": customers can " + LABELS[random.nextInt(LABELS.length)] + " \"quickly\"";
                        case "Labels" -> random.nextInt(3) == 0 ? "" : LABELS[random.nextInt(LABELS.length)] + ", " + LABELS[random.nextInt(LABELS.length)];
                        case "Iteration" -> Integer.toString(iteration);
                        case "Iteration Start" -> start.plusWeeks(iteration - 1).format(DAY);
                        case "Iteration End" -> start.plusWeeks(iteration).minusDays(1).format(DAY);
                        case "Type" -> TYPES[random.nextInt(TYPES.length)];
                        case "Estimate" -> random.nextBoolean() ? Integer.toString(random.nextInt(4)) : "";
                        case "Priority" -> PRIORITIES[random.nextInt(PRIORITIES.length)];
                        case "Current State" -> state;
                        case "Created at" -> created.format(DAY);
                        case "Accepted at" -> state.equals("accepted") ? created.plusDays(3).format(DAY) : "";
                        case "Requested By" -> PEOPLE[random.nextInt(PEOPLE.length)];
                        case "Description" -> "As a customer\nI want story " + n + "\nso that \"things\" work, even with commas, quotes and lines.";
                        case "URL" -> "https://www.pivotaltracker.com/story/show/" + id;
                        case "Owned By" -> owner++ < 1 + random.nextInt(2) ? PEOPLE[random.nextInt(PEOPLE.length)] : "";
                        case "Comment" -> comment++ < random.nextInt(3) ? "Looked at this (" + PEOPLE[random.nextInt(PEOPLE.length)] + " - "
                                + created.plusDays(1).format(DAY) + ")" : "";
                        case "Task" -> task++ < random.nextInt(4) ? "step " + task + " of story " + n : "";
                        case "Task Status" -> task > 0 && row[c - 1] != null && !row[c - 1].isEmpty() ? (random.nextBoolean() ? "completed" : "not completed") : "";
                        case "Blocker" -> random.nextInt(20) == 0 ? "#" + (id - 1) : "";
                        case "Blocker Status" -> row[c - 1] != null && !row[c - 1].isEmpty() ? (random.nextBoolean() ? "resolved" : "blocked") : "";
                        case "Pull Request" -> random.nextInt(10) == 0 ? "https://github.com/example/shop/pull/" + n : "";
                        default -> "";
                    };
                }
                for (int c = 0; c < row.length; c++) {
                    if (c > 0) {
                        out.write(',');
                    }
                    String v = row[c];
                    if (v.contains(",") || v.contains("\"") || v.contains("\n")) {
                        out.write('"');
                        out.write(v.replace("\"", "\"\""));
                        out.write('"');
                    } else {
                        out.write(v);
                    }
                }
                out.write('\n');
            }
        }
    }
}
