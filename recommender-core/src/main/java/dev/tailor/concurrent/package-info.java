/** Running work on a bounded number of threads, with failures surfacing as the caller's exceptions. */
package dev.tailor.concurrent;
