package dev.warden.server.api;

import java.io.IOException;
import java.io.InputStream;

/** Reading request bodies within a limit, before anything parses them. */
public final class Bodies {
    private Bodies() {}

    /** The whole body, or a payload-too-large problem when it is over {@code limit} bytes. */
    public static byte[] readAtMost(InputStream in, long limit) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (bytes.length > limit) {
            throw new BodyTooLargeException(limit);
        }
        return bytes;
    }
}
