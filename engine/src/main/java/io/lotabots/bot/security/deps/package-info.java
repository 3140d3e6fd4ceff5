/**
 * Reads the dependencies of a workspace (CycloneDX SBOMs, Maven poms with their resolved lists, npm lockfiles,
 * pip requirements and Poetry lockfiles) into one inventory, and matches it against an OSV advisory database.
 */
@DefaultAnnotation(NonNull.class)
package io.lotabots.bot.security.deps;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
