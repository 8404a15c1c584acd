/** Progress reporting from long library steps to whoever shows it (a command line, a job log). */
package dev.tailor.progress;
