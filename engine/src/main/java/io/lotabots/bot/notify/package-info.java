/**
 * NotificationBot: tells people about every stage of a run on Slack, PagerDuty, e-mail, generic webhooks, SMS, the
 * console or a local file, records each delivery as {@code notification.sent} or {@code notification.failed}, and
 * never breaks the pipeline it reports on unless asked to; and, over the same channels, IncidentBot's paging,
 * escalation and Slack war room ({@link io.lotabots.bot.notify.IncidentPaging}).
 */
@DefaultAnnotation(NonNull.class)
package io.lotabots.bot.notify;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
