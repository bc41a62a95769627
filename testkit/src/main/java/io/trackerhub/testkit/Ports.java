package io.trackerhub.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Listening ports for processes a test starts later (a broker, a service jar, the simulator).
 *
 * <p>A port found free by binding port 0 is taken from the kernel's ephemeral range (32768–60999 here), the range
 * every later {@code bind(0)} and every outgoing connection draws from too: between the test choosing it and the
 * process binding it (or between a stop and a restart on the same port) another listener of the run can be given
 * the same number. The reliability suite saw exactly that once: a receiver took the simulator's port, answered its
 * readiness probe with 200 "ok", and the set-up read "ok" where it expected the simulator's JSON. So the ports come
 * from below the ephemeral range, start at a random offset (two builds on one machine rarely meet) and are never
 * handed out twice by one JVM.
 */
public final class Ports {

    private static final int LOW = 15_000;
    private static final int HIGH = 32_000;   // below /proc/sys/net/ipv4/ip_local_port_range's default 32768
    private static final Set<Integer> GIVEN = new HashSet<>();
    private static int next = LOW + ThreadLocalRandom.current().nextInt(HIGH - LOW);

    private Ports() {
    }

    /** A port nobody listens on now and this JVM has not handed out before. */
    public static synchronized int free() {
        for (int tried = 0; tried < HIGH - LOW; tried++) {
            int port = next;
            next = next + 1 >= HIGH ? LOW : next + 1;
            if (!GIVEN.contains(port) && bindable(port)) {
                GIVEN.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + LOW + " and " + HIGH);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
