/**
 * The LotaBots message bus as Jenkins build actions: each build's journal, its action and REST API, the stage of each
 * message, the bus steps, the project trend and the trigger that starts jobs on another build's messages.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.lotabots.bus;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
