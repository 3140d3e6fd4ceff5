/**
 * A small client of the Prometheus HTTP API (instant and range queries) with a timeout on every call, Prometheus'
 * own error text in every failure, and the named PromQL presets MonitorBot offers.
 */
@DefaultAnnotation(NonNull.class)
package io.lotabots.bot.monitor.prometheus;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
