/**
 * What makes {@code serve} answer within a second of launch, in one place: the training run the
 * build records the JVM's startup cache from ({@link imageserver.startup.StartupTraining}), and the
 * web warm-up that overlaps Helidon's start-up code with picocli and the index opening
 * ({@link imageserver.startup.WebWarmUp}). Two more pieces live where they act: picocli compiled
 * from its source (pom.xml), so that its classes join the cache, and the schema check that skips
 * Flyway for a current index ({@code index.Schema}). Measurements, and what was removed:
 * docs/decisions/0006-start-up.md.
 */
package imageserver.startup;
