package io.jenkins.plugins.lotabots.bus;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import org.jenkinsci.plugins.workflow.actions.LabelAction;
import org.jenkinsci.plugins.workflow.actions.ThreadNameAction;
import org.jenkinsci.plugins.workflow.graph.BlockStartNode;
import org.jenkinsci.plugins.workflow.graph.FlowNode;

/**
 * Finds the Pipeline stage a step runs in, the way the stage views decide what a stage is: the innermost enclosing
 * block that has a {@link LabelAction} (set by the {@code stage} step on its body) and no {@link ThreadNameAction}
 * (which marks a branch of {@code parallel}, not a stage).
 */
public final class StageNames {
    private StageNames() {
    }

    /**
     * Returns the display name of the innermost stage that encloses the node.
     *
     * @param node the step's node
     * @return the stage name, or {@code null} if the node runs outside any stage
     */
    @CheckForNull
    public static String of(final FlowNode node) {
        for (BlockStartNode block : node.iterateEnclosingBlocks()) {
            if (isStage(block)) {
                LabelAction label = block.getPersistentAction(LabelAction.class);
                return label == null ? null : label.getDisplayName();
            }
        }
        return null;
    }

    /**
     * Returns whether the node starts the body of a stage.
     *
     * @param node a node
     * @return {@code true} for a stage, {@code false} for a parallel branch or any other block
     */
    static boolean isStage(final FlowNode node) {
        return node.getPersistentAction(LabelAction.class) != null
                && node.getPersistentAction(ThreadNameAction.class) == null;
    }
}
