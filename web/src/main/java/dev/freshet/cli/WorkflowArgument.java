package dev.freshet.cli;

import dev.freshet.engine.error.NotFoundException;

import java.nio.file.Files;
import java.nio.file.Path;

/** The WORKFLOW argument of {@code run} and {@code backfill}: a workflow file, or the id of one in the folder. */
record WorkflowArgument(String text) {

    boolean isFile() {
        return Files.isRegularFile(Path.of(text));
    }

    /** Fails before anything starts when the argument is no file and the workflows folder it would be in is missing. */
    void requireFolder(Path workflowsDir) {
        if (!isFile() && !Files.isDirectory(workflowsDir)) {
            throw new NotFoundException("'" + text + "' is not a workflow file, and the workflows folder "
                    + workflowsDir + " where a workflow id is looked up does not exist; pass the file's path, or "
                    + "--workflows DIR with the folder of workflow files");
        }
    }

    NotFoundException unknown(Path workflowsDir) {
        return new NotFoundException("'" + text + "' is neither a file nor a workflow id in " + workflowsDir);
    }
}
