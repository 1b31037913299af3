/**
 * Model versions: every set of weights a model can serve (the module's shipped ones as version
 * {@code 1}, or each version it ships in a folder of its own, read in place; each finished
 * training's model folder; each upload), kept immutable in the database with the files of the last
 * two under {@code <data-dir>/models/<model>/versions/<id>/}; the aliases that point at
 * them ({@code production} is what the unversioned routes serve); the per-model policy that decides
 * whether a new version becomes {@code production}. No HTTP types here.
 */
package io.jdeepaas.runtime.versions;
