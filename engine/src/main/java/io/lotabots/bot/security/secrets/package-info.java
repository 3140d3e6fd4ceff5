/**
 * Finds secrets (cloud keys, tokens, private keys, passwords in URLs) in the files of a workspace, by keyword
 * pre-filtered regular expressions, and reports them masked.
 */
@DefaultAnnotation(NonNull.class)
package io.lotabots.bot.security.secrets;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
