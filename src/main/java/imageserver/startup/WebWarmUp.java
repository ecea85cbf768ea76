package imageserver.startup;

import imageserver.web.ImageServer;

/**
 * Runs the web server's start-up code once on a second thread, by building a server that is never
 * started: begun as soon as the command line names {@code serve}, it overlaps picocli reading the
 * command line and the index opening (see {@link imageserver.startup}).
 */
public final class WebWarmUp {
    private Thread thread;

    /** Starts the warm-up unless it has started already. */
    public synchronized void begin() {
        if (thread == null) {
            thread = Thread.ofPlatform().daemon().name("warm-up").start(ImageServer::warmUp);
        }
    }

    /** Waits for the warm-up, starting it first if nobody has. */
    public void await() throws InterruptedException {
        Thread started;
        synchronized (this) {
            begin();
            started = thread;
        }
        started.join();
    }
}
