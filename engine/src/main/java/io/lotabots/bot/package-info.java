/**
 * The bot SPI: bots, their descriptors and options, requests, results, the context a bot runs in, and the registry.
 */
@DefaultAnnotation(NonNull.class)
package io.lotabots.bot;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
