/**
 * What a workspace's Git repository says about the code being built: branch, commit and changed files.
 */
@DefaultAnnotation(NonNull.class)
package io.lotabots.git;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
