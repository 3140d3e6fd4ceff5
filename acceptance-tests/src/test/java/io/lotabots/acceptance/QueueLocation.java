package io.lotabots.acceptance;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the queue item number from the {@code Location} header Jenkins answers a build request with, for example
 * {@code http://jenkins:8080/queue/item/42/}. The host is ignored: Jenkins writes its configured root URL there,
 * which need not be the address the tests reach it by.
 */
final class QueueLocation {
    private static final Pattern ITEM = Pattern.compile("/queue/item/(\\d{1,18})/?");

    private QueueLocation() {
    }

    /**
     * The queue item number of a {@code Location} header.
     *
     * @param location the header's value
     * @return the item number
     * @throws IllegalArgumentException when the header names no queue item
     */
    static long itemNumber(final String location) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("The build request was answered without a Location header; "
                    + "is the job buildable and JENKINS_URL the Jenkins root?");
        }
        String path;
        try {
            path = URI.create(location.strip()).getPath();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The Location header '" + location + "' is not a URL", e);
        }
        Matcher matcher = path == null ? null : ITEM.matcher(path);
        if (matcher == null || !matcher.find() || matcher.end() != path.length()) {
            throw new IllegalArgumentException("The Location header '" + location
                    + "' names no queue item (expected .../queue/item/<number>/)");
        }
        return Long.parseLong(matcher.group(1));
    }
}
