/**
 * DeployBot's directory target: release directories with an atomic {@code current} link switch, a service started
 * from the release on one of two loopback ports (blue and green slots), health checks before the switch, and
 * rollback by switching the link back.
 */
@DefaultAnnotation(NonNull.class)
package io.lotabots.bot.deploy.directory;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
