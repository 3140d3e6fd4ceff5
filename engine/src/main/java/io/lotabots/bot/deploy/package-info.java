/**
 * DeployBot: deploys a version to an environment on Kubernetes or into release directories, with rolling,
 * blue-green and canary strategies, a backup first, smoke tests before traffic moves, and rollback.
 */
@DefaultAnnotation(NonNull.class)
package io.lotabots.bot.deploy;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
