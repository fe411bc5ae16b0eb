package dev.rowcast.demo;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The site served by Vert.x web when Apache httpd is not installed: the same folder, no listings, no dot files. */
public final class StaticSite implements AutoCloseable {

    private final Vertx vertx;
    private final HttpServer server;

    private StaticSite(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    public static StaticSite start(Path root, int port) throws Exception {
        Vertx vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route().handler(StaticHandler.create(io.vertx.ext.web.handler.FileSystemAccess.ROOT, root.toAbsolutePath().toString())
                .setCachingEnabled(false).setIncludeHidden(false).setDirectoryListing(false).setIndexPage("index.html"));
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return new StaticSite(vertx, server);
    }

    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
