package dev.rowcast.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Simulated hosts on one machine: a network namespace each, an underlay bridge in a "switch" namespace, and a VXLAN
 * overlay between the hosts (the mechanism of Docker's overlay driver). Safety: both subnets are blackholed in the
 * root namespace before anything is created, every client runs inside a namespace, and {@link #close()} removes
 * processes (by pid), namespaces and routes, also after a failure.
 */
final class Hosts implements AutoCloseable {

    static final String UNDERLAY = "10.231.0.0/24";
    static final String OVERLAY = "10.232.0.0/24";
    static final String SWITCH = "rc-sw";

    private final List<String> namespaces = new ArrayList<>();
    private final Deque<Process> processes = new ArrayDeque<>();
    private final List<Integer> hostIds = new ArrayList<>();
    private boolean routes;

    Hosts() throws Exception {
        for (String subnet : List.of(UNDERLAY, OVERLAY)) {
            sh("ip", "route", "replace", "blackhole", subnet);
        }
        routes = true;
        namespace(SWITCH);
        sh("ip", "netns", "exec", SWITCH, "ip", "link", "add", "br0", "type", "bridge");
        sh("ip", "netns", "exec", SWITCH, "ip", "link", "set", "br0", "up");
    }

    static String underlay(int id) {
        return "10.231.0." + id;
    }

    static String overlay(int id) {
        return "10.232.0." + id;
    }

    static String ns(String host) {
        return "rc-" + host;
    }

    /** A host on the underlay (eth0) with the overlay (vx0) to every other host, both ways. */
    void add(String host, int id) throws Exception {
        String ns = ns(host);
        namespace(ns);
        String sw = "sw-" + host;
        sh("ip", "link", "add", "eth0", "netns", ns, "type", "veth", "peer", "name", sw, "netns", SWITCH);
        sh("ip", "netns", "exec", SWITCH, "ip", "link", "set", sw, "master", "br0", "up");
        in(host, "ip", "addr", "add", underlay(id) + "/24", "dev", "eth0");
        in(host, "ip", "link", "set", "eth0", "up");
        in(host, "ip", "link", "add", "vx0", "type", "vxlan", "id", "42", "dstport", "4789", "local", underlay(id), "dev", "eth0", "nolearning");
        in(host, "ip", "link", "set", "vx0", "mtu", "1450");
        in(host, "ip", "addr", "add", overlay(id) + "/24", "dev", "vx0");
        in(host, "ip", "link", "set", "vx0", "up");
        for (int other : hostIds) {
            String otherHost = hostNames.get(hostIds.indexOf(other));
            in(host, "bridge", "fdb", "append", "00:00:00:00:00:00", "dev", "vx0", "dst", underlay(other));
            in(otherHost, "bridge", "fdb", "append", "00:00:00:00:00:00", "dev", "vx0", "dst", underlay(id));
        }
        hostIds.add(id);
        hostNames.add(host);
    }

    private final List<String> hostNames = new ArrayList<>();

    private void namespace(String ns) throws Exception {
        sh("ip", "netns", "add", ns);
        namespaces.add(ns);
        sh("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
    }

    /** Cuts (or restores) a host's underlay link at the switch. */
    void link(String host, boolean up) throws Exception {
        sh("ip", "netns", "exec", SWITCH, "ip", "link", "set", "sw-" + host, up ? "up" : "down");
    }

    void in(String host, String... command) throws Exception {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns(host)));
        c.addAll(List.of(command));
        sh(c.toArray(String[]::new));
    }

    /** Output of a command in a host, or null when it fails. */
    String output(String host, String... command) throws Exception {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns(host)));
        c.addAll(List.of(command));
        Process p = new ProcessBuilder(c).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return null;
        }
        return p.exitValue() == 0 ? out : null;
    }

    /** Starts a long-running process in a host; {@link #close()} ends it by pid. */
    Process start(String host, Path log, List<String> command) throws IOException {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns(host)));
        c.addAll(command);
        Process p = new ProcessBuilder(c).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        processes.push(p);
        return p;
    }

    static void sh(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    @Override
    public void close() {
        while (!processes.isEmpty()) {
            Process p = processes.pop();
            p.destroy();
            try {
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }
        for (int i = namespaces.size() - 1; i >= 0; i--) {
            try {
                sh("ip", "netns", "del", namespaces.get(i));
            } catch (Exception ignored) {
                // already gone
            }
        }
        if (routes) {
            for (String subnet : List.of(UNDERLAY, OVERLAY)) {
                try {
                    sh("ip", "route", "del", "blackhole", subnet);
                } catch (Exception ignored) {
                    // already gone
                }
            }
        }
    }
}
