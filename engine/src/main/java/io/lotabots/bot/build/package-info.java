/**
 * BuildBot: builds the project with its build tool, stores the artifacts with their checksums and announces the
 * outcome as {@code build.completed} or {@code build.failed}.
 */
@DefaultAnnotation(NonNull.class)
package io.lotabots.bot.build;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
