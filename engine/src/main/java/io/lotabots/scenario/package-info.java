/**
 * Scenarios: the seven delivery flows (build-test-deploy, security-first deployment, ...) defined once, as YAML
 * files under {@code io/lotabots/scenarios/} that the pipeline library's templates read too, and compiled here to
 * a {@link io.lotabots.workflow.Workflow} for the command line.
 */
@DefaultAnnotation(NonNull.class)
package io.lotabots.scenario;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
