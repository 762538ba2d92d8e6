package dev.freshet.engine.run;

/** A successor marked running in the commit that ended the try before it, to run next on the same worker. */
record CarriedTry(TryKey key, StartedTry started) {}
