package dev.freshet.engine.workflow;

import org.snakeyaml.engine.v2.nodes.Node;

import java.util.List;

/**
 * A task as far as it could be read, with the nodes its problems point at; the dependency checks run on drafts so
 * they find every unknown need and cycle even when other parts of the file are wrong.
 *
 * @param id   null when the task has no usable id
 * @param spec null when the task itself has a problem
 */
record TaskDraft(String id, Node idNode, Node node, List<Need> needs, TaskSpec spec) {
    record Need(String taskId, Node node) {}
}
