/**
 * SecurityBot's policy: suppressions with a reason and an expiry date, the comparison with the findings of a
 * baseline the user names (new, fixed, outstanding), and the severity gate with its criticality, as the quality
 * gates of the Jenkins warnings plugin work.
 */
@DefaultAnnotation(NonNull.class)
package io.lotabots.bot.security.policy;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
