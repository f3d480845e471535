/**
 * What the hub needs from a MongoDB client, whichever server answers: paged reads by id, group-commit
 * inserts, the durability an acknowledgement waits for, recognising a store failure. Features use these and
 * the {@code orderhubMongo} client; none of them knows whether a real MongoDB or the embedded store answers.
 */
package io.orderhub.mongo;
