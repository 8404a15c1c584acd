/**
 * Files Tailor writes and must never lose or misread: written atomically (temporary file, fsync,
 * atomic rename) and verified on load (format name, version, length, CRC32C checksum).
 */
package dev.tailor.io;
