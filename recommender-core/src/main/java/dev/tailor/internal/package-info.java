/**
 * Tailor's own plumbing, shared by its packages and modules: top-N selection, the model-file codec
 * (header, checksum, atomic write), array codecs, the parallel loop and scratch pool, the model basis
 * engines are built on. <strong>Not API</strong>: public only so Tailor's packages and modules can share
 * one implementation; it changes without notice, is left out of the published javadoc, and a backend
 * should never import it.
 */
package dev.tailor.internal;
