import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Small helpers for ./hub, run as a single-file source program ({@code java -cp CP tools/hub/HubTool.java ...}) so
 * that a machine with only a JDK needs neither psql nor openssl. Secrets and passwords come from environment
 * variables, never from the command line (which other users can see in ps). Errors are one line on stderr, exit 1.
 *
 * <pre>
 *   ensure-db       HUB_DB_URL, HUB_DB_USER, HUB_DB_PASSWORD: wait up to HUB_DB_WAIT_SECONDS (30) for the server,
 *                   create the URL's database when it does not exist (needs the PostgreSQL driver on -cp)
 *   purge-db yes|no HUB_DB_URL, HUB_DB_USER, HUB_DB_PASSWORD: what ./hub down --purge does to an outside PostgreSQL, so
 *                   that no data stays sealed under the keys it deletes: drop the URL's database when ./hub created it
 *                   (yes), else drop only the services' own schemas in it (no)
 *   webhook-sig ID  HUB_WEBHOOK_KEY: base64url-without-padding(HMAC-SHA256(key, decimal ID))
 * </pre>
 */
public class HubTool {

    public static void main(String[] args) {
        try {
            if (args.length == 1 && args[0].equals("ensure-db")) {
                ensureDatabase();
            } else if (args.length == 2 && args[0].equals("purge-db")) {
                purgeDatabase(args[1].equals("yes"));
            } else if (args.length == 2 && args[0].equals("webhook-sig")) {
                System.out.println(webhookSignature(env("HUB_WEBHOOK_KEY", null), args[1]));
            } else {
                fail("usage: HubTool ensure-db | purge-db yes|no | webhook-sig ID");
            }
        } catch (Failure e) {
            System.err.println(e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            System.err.println(e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(1);
        }
    }

    static String webhookSignature(String key, String id) throws Exception {
        if (key == null || key.isEmpty()) {
            fail("HUB_WEBHOOK_KEY is not set");
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] sig = mac.doFinal(id.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    }

    static void ensureDatabase() throws Exception {
        String url = env("HUB_DB_URL", null);
        String user = env("HUB_DB_USER", "postgres");
        String password = env("HUB_DB_PASSWORD", "");
        long waitMillis = Long.parseLong(env("HUB_DB_WAIT_SECONDS", "30")) * 1000;
        if (url == null) {
            fail("HUB_DB_URL is not set");
        }
        Matcher m = Pattern.compile("^jdbc:postgresql://[^/]*/([^?]+)(\\?.*)?$").matcher(url);
        if (!m.matches()) {
            fail("HUB_DB_URL must look like jdbc:postgresql://HOST:PORT/DATABASE, not " + url);
        }
        String database = m.group(1);
        try {
            Class.forName("org.postgresql.Driver");
        } catch (ClassNotFoundException e) {
            fail("the PostgreSQL JDBC driver is not on the classpath");
        }
        long deadline = System.currentTimeMillis() + waitMillis;
        while (true) {
            try (Connection c = DriverManager.getConnection(url, user, password)) {
                System.out.println("database " + database + " exists");
                return;
            } catch (SQLException e) {
                String state = e.getSQLState() == null ? "" : e.getSQLState();
                if (state.equals("3D000")) { // invalid_catalog_name: the server answers, the database is missing
                    create(url, user, password, database);
                    return;
                }
                if (state.startsWith("28")) { // invalid authorization
                    fail("PostgreSQL refused user " + user + " at " + url + ": " + e.getMessage()
                            + " (set HUB_DB_USER / HUB_DB_PASSWORD)");
                }
                if (System.currentTimeMillis() > deadline) {
                    fail("could not connect to " + url + " as " + user + ": " + e.getMessage());
                }
                Thread.sleep(500); // connection refused or "the database system is starting up": try again
            }
        }
    }

    /** The schemas the services keep their data (sealed secrets included) in. */
    private static final String[] SCHEMAS = {"connector", "notification", "poller", "timesheet", "archive"};

    static void purgeDatabase(boolean createdByHub) throws Exception {
        String url = env("HUB_DB_URL", null);
        Matcher m = Pattern.compile("^jdbc:postgresql://[^/]*/([^?]+)(\\?.*)?$").matcher(url == null ? "" : url);
        if (!m.matches()) {
            fail("HUB_DB_URL must look like jdbc:postgresql://HOST:PORT/DATABASE, not " + url);
        }
        String database = m.group(1);
        String user = env("HUB_DB_USER", "postgres");
        String password = env("HUB_DB_PASSWORD", "");
        if (createdByHub) {
            String adminUrl = url.replaceFirst("/[^/?]+(\\?.*)?$", "/postgres$1");
            try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement s = c.createStatement()) {
                // FORCE (PostgreSQL 13+): a connection left behind does not keep it
                s.execute("DROP DATABASE IF EXISTS \"" + database.replace("\"", "\"\"") + "\" WITH (FORCE)");
            }
            System.out.println("dropped database " + database);
            return;
        }
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            for (String schema : SCHEMAS) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        } catch (SQLException e) {
            if (!"3D000".equals(e.getSQLState())) { // a database dropped meanwhile holds nothing
                throw e;
            }
        }
        System.out.println("dropped the schemas " + String.join(", ", SCHEMAS) + " in database " + database);
    }

    private static void create(String url, String user, String password, String database) throws Exception {
        SQLException last = null;
        for (String maintenance : new String[] {"postgres", "template1"}) {
            String adminUrl = url.replaceFirst("/[^/?]+(\\?.*)?$", "/" + maintenance + "$1");
            try (Connection c = DriverManager.getConnection(adminUrl, user, password)) {
                try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    p.setString(1, database);
                    try (ResultSet r = p.executeQuery()) {
                        if (r.next()) {
                            System.out.println("database " + database + " exists");
                            return;
                        }
                    }
                }
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
                }
                System.out.println("created database " + database);
                return;
            } catch (SQLException e) {
                if ("42P04".equals(e.getSQLState())) { // duplicate_database: created meanwhile
                    System.out.println("database " + database + " exists");
                    return;
                }
                if (!"3D000".equals(e.getSQLState())) {
                    fail("could not create database " + database + " as user " + user + ": " + e.getMessage());
                }
                last = e;
            }
        }
        fail("could not create database " + database + ": " + (last == null ? "" : last.getMessage()));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static void fail(String message) {
        throw new Failure(message);
    }

    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message, null, false, false);
        }
    }
}
