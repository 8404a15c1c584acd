package dev.tailor.progress;

/** The listener that ignores everything. */
enum NoProgress implements ProgressListener {
    INSTANCE;

    @Override
    public void start(String task, long total) {
    }

    @Override
    public void advance(long units) {
    }

    @Override
    public void finish() {
    }
}
