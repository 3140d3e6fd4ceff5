/**
 * MonitorBot: watches a release after a deploy with health checks and Prometheus metrics, judges it against
 * Keptn-style criteria with weights and baselines, finds anomalies and trends, and announces
 * {@code alert.triggered}, {@code alert.resolved}, {@code prediction.made} and {@code monitor.verdict}.
 */
@DefaultAnnotation(NonNull.class)
package io.lotabots.bot.monitor;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
