/**
 * HTTP checks shared by the bots that ask a running service whether it is healthy: DeployBot's smoke tests and
 * MonitorBot's health checks. A check is a URL, the status and body text expected, a timeout and a number of
 * retries; its result says how the last attempt went and how many were made.
 */
@DefaultAnnotation(NonNull.class)
package io.lotabots.http;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
