package org.newsindex.opensearchtest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * One OpenSearch node for newsindex's tests, started from the Maven
 * artifacts: the server, the HTTP transport (Netty4Plugin) and the common
 * analysis module (snowball, stemmer, asciifolding...).
 *
 * <p>Usage: {@code TestNode MAX_SECONDS key=value...}, the node's settings.
 * Once the node listens it prints {@code http HOST:PORT} on standard output.
 * It stops, closing the node, when standard input ends (the test that
 * started it is gone), after MAX_SECONDS, or on SIGTERM.
 *
 * <p>Each node runs in a JVM of its own: that is what makes "kill a node"
 * a real SIGKILL of a process, and it keeps the process-wide state that
 * OpenSearch sets once per JVM (the log's node and cluster IDs, Netty's
 * processor count) one per node.
 */
public final class TestNode {
    private static final List<Class<? extends Plugin>> PLUGINS = List.of(Netty4Plugin.class, CommonAnalysisPlugin.class);

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: TestNode MAX_SECONDS key=value...");
            System.exit(2);
        }
        long maxSeconds = Long.parseLong(args[0]);
        Settings.Builder b = Settings.builder();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0) {
                System.err.println("setting " + args[i] + ": want key=value");
                System.exit(2);
            }
            b.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        Settings settings = b.build();
        String name = settings.get("node.name", "node");
        LogConfigurator.registerErrorListener();
        LogConfigurator.setNodeName(name);
        Environment env = InternalSettingsPreparer.prepareEnvironment(settings, Collections.emptyMap(), null, () -> name);
        Node node = new Node(env, PLUGINS, true) {};
        Runtime.getRuntime().addShutdownHook(new Thread(() -> close(node), "close-node"));
        node.start();
        HttpServerTransport http = node.injector().getInstance(HttpServerTransport.class);
        System.out.println("http " + http.boundAddress().publishAddress());
        System.out.flush();

        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(maxSeconds));
                System.err.println("TestNode: " + maxSeconds + "s are up, stopping");
            } catch (InterruptedException e) {
                return;
            }
            System.exit(0);
        }, "lifetime");
        watchdog.setDaemon(true);
        watchdog.start();
        drain(System.in);
        System.exit(0); // the shutdown hook closes the node
    }

    private static void drain(InputStream in) {
        byte[] buf = new byte[256];
        try {
            while (in.read(buf) >= 0) {
                // until the parent closes the pipe
            }
        } catch (IOException e) {
            // the pipe broke: the parent is gone
        }
    }

    private static void close(Node node) {
        try {
            node.close();
            node.awaitClose(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("TestNode: close: " + e);
        }
    }
}
