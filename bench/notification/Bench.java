// bench/notification/Bench.java: the load side of bench/notification/run (run as a source file with kafka-clients on
// the class path). A local web hook receiver, a webhook channel pointing at it, activity posted to the ingest service
// as Tracker would; measures end-to-end latency (ingest's 200 -> the receiver's request) at a fixed rate, and
// activities/s delivered by the notification service when a backlog is written straight to tracker.activity.
import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class Bench {

    static final Pattern GUID = Pattern.compile("\"guid\":\"([0-9]+_[0-9]+)\"");
    static final Map<String, Long> arrived = new ConcurrentHashMap<>();
    static final Map<String, Long> stored = new ConcurrentHashMap<>();
    static final AtomicInteger failedPosts = new AtomicInteger();
    /** Activities whose post has been answered (or failed): only then is it known whether one should arrive. */
    static final java.util.Set<String> answered = ConcurrentHashMap.newKeySet();
    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(8)).build();

    static String ingest, webhookPath, template;
    static long[] projects;
    static final Map<Long, AtomicLong> versions = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        try {
            run();
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(2);
        }
    }

    static void run() throws Exception {
        ingest = env("INGEST_URL");
        String notification = env("NOTIFICATION_URL");
        String admin = env("HUB_ADMIN_TOKEN");
        int rate = Integer.parseInt(env("BENCH_RATE"));
        int warmup = Integer.parseInt(env("BENCH_WARMUP"));
        int duration = Integer.parseInt(env("BENCH_DURATION"));
        int burst = Integer.parseInt(env("BENCH_BURST"));
        template = Files.readString(Path.of(env("BENCH_FIXTURE"))).replaceAll("\\s*\n\\s*", "").replaceAll("\":\\s+", "\":");

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(env("HUB_WEBHOOK_KEY").getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        webhookPath = "/webhooks/tracker/1/" + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal("1".getBytes(StandardCharsets.UTF_8)));

        startPosters(32);
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1000);
        receiver.setExecutor(Executors.newFixedThreadPool(16));
        receiver.createContext("/hook", exchange -> {
            long now = System.nanoTime();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int at = body.indexOf("\"guid\":\"");
            if (at >= 0) {
                arrived.putIfAbsent(body.substring(at + 8, body.indexOf('"', at + 8)), now);
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();

        projects = new long[Integer.parseInt(env("BENCH_PROJECTS"))];
        long base = ThreadLocalRandom.current().nextLong(1_000_000_000L, 8_000_000_000L);
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < projects.length; i++) {
            projects[i] = base + i;
            versions.put(projects[i], new AtomicLong());
            ids.append(i == 0 ? "" : ",").append(projects[i]);
        }
        String channel = "{\"type\":\"webhook\",\"name\":\"bench\",\"project_ids\":[" + ids + "],\"config\":{\"url\":\"http://127.0.0.1:"
                + receiver.getAddress().getPort() + "/hook\",\"version\":\"v5\"}}";
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(notification + "/api/channels"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(channel)).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("creating the channel: " + created.statusCode() + " " + created.body());
        }

        int warmBurst = Integer.parseInt(env("BENCH_WARMUP_BURST"));
        if (warmBurst > 0) {
            // The JIT compiles the consumer, the dispatcher and the HTTP client during their first tens of thousands of
            // deliveries (at first half the service's CPU goes to the compiler): that start is not the service's rate.
            System.out.printf("warm-up: %d activities written to tracker.activity, not measured%n", warmBurst);
            long warmStart = System.nanoTime();
            int warmMissing = awaitArrival(produce(warmBurst), Duration.ofSeconds(300));
            System.out.printf("warm-up burst delivered in %.1f s (%d missing)%n", (System.nanoTime() - warmStart) / 1e9, warmMissing);
        }
        System.out.printf("warm-up: %d activities/s for %d s%n", rate, warmup);
        List<String> warm = atRate(rate, warmup);
        awaitArrival(warm, Duration.ofSeconds(60));

        System.out.printf("latency: %d activities/s for %d s%n", rate, duration);
        List<String> measured = atRate(rate, duration);
        int missing = awaitArrival(measured, Duration.ofSeconds(60));
        long[] latencies = measured.stream().filter(g -> arrived.containsKey(g) && stored.containsKey(g))
                .mapToLong(g -> arrived.get(g) - stored.get(g)).sorted().toArray();
        if (latencies.length == 0) {
            System.out.printf("no activity was stored and delivered (%d posts failed): see the logs%n", failedPosts.get());
            System.exit(2);
        }
        // the same by 5 s of posting: a backlog building up shows as p99 climbing, a hiccup (GC, vacuum) as one window
        long first = measured.stream().filter(stored::containsKey).mapToLong(stored::get).min().orElse(0);
        StringBuilder windows = new StringBuilder("p99 per 5 s (ms):");
        measured.stream().filter(g -> arrived.containsKey(g) && stored.containsKey(g))
                .collect(java.util.stream.Collectors.groupingBy(g -> (stored.get(g) - first) / 5_000_000_000L, java.util.TreeMap::new,
                        java.util.stream.Collectors.mapping(g -> arrived.get(g) - stored.get(g), java.util.stream.Collectors.toList())))
                .forEach((window, values) -> windows.append(String.format(" %.0f", ms(pct(values.stream().mapToLong(Long::longValue).sorted().toArray(), 0.99)))));
        System.out.println(windows);
        System.out.printf("RESULT latency_p50_ms=%.1f latency_p99_ms=%.1f latency_max_ms=%.1f sent=%d missing=%d failed_posts=%d%n",
                ms(pct(latencies, 0.50)), ms(pct(latencies, 0.99)), ms(latencies[latencies.length - 1]), measured.size(), missing, failedPosts.get());

        System.out.printf("throughput: %d activities written to tracker.activity at once, delivered as fast as the service can%n", burst);
        long start = System.nanoTime();
        List<String> flood = produce(burst);
        long produced = System.nanoTime();
        missing = awaitArrival(flood, Duration.ofSeconds(300));
        long[] arrivals = flood.stream().filter(arrived::containsKey).mapToLong(arrived::get).sorted().toArray();
        if (arrivals.length == 0) {
            System.out.println("nothing of the burst arrived: see the logs");
            System.exit(2);
        }
        double seconds = (arrivals[arrivals.length - 1] - start) / 1e9;
        System.out.printf("RESULT delivered_per_s=%.0f produced_per_s=%.0f delivered=%d missing=%d seconds=%.1f%n",
                arrivals.length / seconds, flood.size() / ((produced - start) / 1e9), arrivals.length, missing, seconds);
        receiver.stop(0);
        System.exit(0);
    }

    static String body() {
        long project = projects[ThreadLocalRandom.current().nextInt(projects.length)];
        long version = versions.get(project).incrementAndGet();
        String guid = project + "_" + version;
        return template.replace("\"guid\":\"807213_78\"", "\"guid\":\"" + guid + "\"")
                .replace("\"project_version\":78", "\"project_version\":" + version)
                .replace("\"id\":807213", "\"id\":" + project)
                .replace("1389218898000,\"guid\"", System.currentTimeMillis() + ",\"guid\"");
    }

    /**
     * Posts one activity; on 200 remembers when ingest answered. A small pool of plain keep-alive HTTP/1.1 connections
     * (the JDK's HttpClient took so much of the 2 cores at 1,000 posts/s that it read the ingest's answers hundreds of
     * milliseconds late, and the receiver saw activities "before" their 200).
     */
    static void post(String body, String guid) {
        posts.add(new String[] {body, guid});
    }

    static final java.util.concurrent.BlockingQueue<String[]> posts = new java.util.concurrent.LinkedBlockingQueue<>();

    /** One kept-alive connection to the ingest service. */
    static final class Connection {
        final java.net.Socket socket;
        final java.io.InputStream in;
        final java.io.OutputStream out;
        boolean closing;

        Connection(URI uri) throws java.io.IOException {
            socket = new java.net.Socket(uri.getHost(), uri.getPort());
            socket.setTcpNoDelay(true);
            in = new java.io.BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = new java.io.BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        }

        void close() {
            try {
                socket.close();
            } catch (java.io.IOException ignored) {
            }
        }
    }

    static void startPosters(int connections) {
        URI uri = URI.create(ingest);
        for (int i = 0; i < connections; i++) {
            Thread poster = new Thread(() -> {
                Connection connection = null;
                while (true) {
                    String[] next;
                    try {
                        next = posts.take();
                    } catch (InterruptedException e) {
                        return;
                    }
                    try {
                        if (connection == null) {
                            connection = new Connection(uri);
                        }
                        int status = exchange(connection, uri, next[0]);
                        long now = System.nanoTime();
                        if (status == 200) {
                            stored.put(next[1], now);
                        } else {
                            failedPosts.incrementAndGet();
                        }
                        if (connection.closing) {
                            connection.close();
                            connection = null;
                        }
                    } catch (java.io.IOException | RuntimeException e) {
                        failedPosts.incrementAndGet();
                        if (connection != null) {
                            connection.close();
                        }
                        connection = null;
                    }
                    answered.add(next[1]);
                }
            }, "poster-" + i);
            poster.setDaemon(true);
            poster.start();
        }
    }

    /** One POST on a kept-alive connection; returns the status, having read the whole answer. */
    static int exchange(Connection connection, URI uri, String body) throws java.io.IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + webhookPath + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + content.length + "\r\n\r\n";
        connection.out.write(head.getBytes(StandardCharsets.US_ASCII));
        connection.out.write(content);
        connection.out.flush();
        java.io.InputStream in = connection.in;
        String status = line(in);
        if (status == null || status.length() < 12) {
            throw new java.io.EOFException("no answer");
        }
        long length = 0;
        boolean chunked = false;
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            String lower = h.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                connection.closing = true;
            }
        }
        if (chunked) {
            for (long size = chunk(in); size > 0; size = chunk(in)) {
                in.skipNBytes(size);
                line(in);
            }
            line(in);
        } else {
            in.skipNBytes(length);
        }
        return Integer.parseInt(status.substring(9, 12));
    }

    static long chunk(java.io.InputStream in) throws java.io.IOException {
        String size = line(in);
        if (size == null) {
            throw new java.io.EOFException("answer cut short");
        }
        return Long.parseLong(size.split(";")[0].trim(), 16);
    }

    static String line(java.io.InputStream in) throws java.io.IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1; c = in.read()) {
            if (c == '\n') {
                int n = line.length();
                return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : line.toString();
    }

    static String guidOf(String body) {
        Matcher m = GUID.matcher(body);
        m.find();
        return m.group(1);
    }

    static List<String> atRate(int perSecond, int seconds) throws InterruptedException {
        List<String> guids = java.util.Collections.synchronizedList(new ArrayList<>());
        var timer = Executors.newSingleThreadScheduledExecutor();
        long periodNanos = 1_000_000_000L / perSecond;
        AtomicInteger left = new AtomicInteger(perSecond * seconds);
        timer.scheduleAtFixedRate(() -> {
            try {
                if (left.getAndDecrement() > 0) {
                    String body = body();
                    String guid = guidOf(body);
                    guids.add(guid);
                    post(body, guid);
                }
            } catch (RuntimeException e) {
                failedPosts.incrementAndGet();   // a throwing task would stop the timer for good
            }
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        while (left.get() > 0) {
            Thread.sleep(50);
        }
        timer.shutdown();
        return guids;
    }

    /** Writes {@code count} activities to tracker.activity as the ingest service would (same key and headers). */
    static List<String> produce(int count) {
        java.util.Properties props = new java.util.Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env("KAFKA_BOOTSTRAP_SERVERS"));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        List<String> guids = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                String body = body();
                String guid = guidOf(body);
                String project = guid.substring(0, guid.indexOf('_'));
                ProducerRecord<String, byte[]> record = new ProducerRecord<>("tracker.activity", project, body.getBytes(StandardCharsets.UTF_8));
                header(record, "ce_specversion", "1.0");
                header(record, "ce_id", guid);
                header(record, "ce_source", "/tracker/projects/" + project);
                header(record, "ce_type", "tracker.activity.story_update_activity");
                header(record, "ce_time", java.time.Instant.now().toString());
                header(record, "content-type", "application/json");
                header(record, "hub-origin", "webhook");
                header(record, "hub-integration", "1");
                guids.add(guid);
                stored.put(guid, System.nanoTime());
                answered.add(guid);
                producer.send(record);
            }
            producer.flush();
        }
        return guids;
    }

    static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Waits until every post was answered and every activity that ingest stored has arrived; returns how many did not. */
    static int awaitArrival(List<String> guids, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long missing = guids.stream().filter(g -> !answered.contains(g) || stored.containsKey(g) && !arrived.containsKey(g)).count();
            if (missing == 0) {
                return 0;
            }
            Thread.sleep(200);
        }
        return (int) guids.stream().filter(g -> stored.containsKey(g) && !arrived.containsKey(g)).count();
    }

    static long pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    static String env(String name) {
        String v = System.getenv(name);
        if (v == null) {
            throw new IllegalStateException(name + " is not set");
        }
        return v;
    }
}
