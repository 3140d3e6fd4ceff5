/**
 * The workflow runner that executes scenarios outside Jenkins: sequences, parallel branches, conditions, approvals and rollback.
 */
@DefaultAnnotation(NonNull.class)
package io.lotabots.workflow;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
