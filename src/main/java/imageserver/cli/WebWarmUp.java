package imageserver.cli;

import imageserver.web.ImageServer;

/**
 * Loads the web server's classes on a second thread (see {@link ImageServer#warmUp}). {@link Main}
 * begins it as soon as the command line names {@code serve}, so that it overlaps picocli reading
 * the command line and the index opening, the two other parts of a cold start.
 */
final class WebWarmUp {
    private Thread thread;

    /** Starts the warm-up unless it has started already. */
    synchronized void begin() {
        if (thread == null) {
            thread = Thread.ofPlatform().daemon().name("warm-up").start(ImageServer::warmUp);
        }
    }

    /** Waits for the warm-up, starting it first if nobody has. */
    void await() throws InterruptedException {
        Thread started;
        synchronized (this) {
            begin();
            started = thread;
        }
        started.join();
    }
}
