/**
 * Offers over HTTP ({@code tailor serve}): {@link dev.tailor.server.OffersServer} serves a saved offers model with
 * live events, reloads, health and metrics; {@link dev.tailor.server.OffersJson} is the JSON of offers, reminders,
 * size advice and events.
 */
package dev.tailor.server;
