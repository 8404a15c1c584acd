/**
 * {@code tailor serve}: offers, size advice and live events over HTTP (the JDK's server), one offers model file
 * loaded and hot-swapped; HTTP stays out of the core.
 */
module dev.tailor.server {
    requires transitive dev.tailor.core;
    requires com.fasterxml.jackson.core;
    requires jdk.httpserver;
    requires org.slf4j;

    exports dev.tailor.server;
}
