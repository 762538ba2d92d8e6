package dev.freshet.engine.monitoring;

/**
 * What came of a batch of labels.
 *
 * @param joined  labels whose prediction id is in the log for the model (a repeated id replaced its earlier label)
 * @param unknown labels whose prediction id is not (yet) in the log for the model; they were not kept
 */
public record FeedbackResult(int joined, int unknown) {}
